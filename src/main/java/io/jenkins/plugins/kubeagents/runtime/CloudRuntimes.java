package io.jenkins.plugins.kubeagents.runtime;

import io.jenkins.plugins.kubeagents.cluster.ClusterSettings;
import io.jenkins.plugins.kubeagents.lifecycle.ControllerLink;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;

/** The running clouds by name: one runtime per cloud configuration, replaced when its settings change. */
public final class CloudRuntimes implements AutoCloseable {
    private final Map<String, CloudRuntime> byCloud = new ConcurrentHashMap<>();
    private final BiFunction<String, ClusterSettings, CloudRuntime> starter;

    public CloudRuntimes(ControllerLink link) {
        this((name, settings) -> CloudRuntime.start(name, settings, link));
    }

    CloudRuntimes(BiFunction<String, ClusterSettings, CloudRuntime> starter) {
        this.starter = starter;
    }

    /** The cloud's runtime for these settings: the running one if they are unchanged, else a new one. */
    public CloudRuntime get(String cloudName, ClusterSettings settings) {
        return byCloud.compute(cloudName, (name, running) -> {
            if (running != null && running.settings().equals(settings)) {
                return running;
            }
            if (running != null) {
                running.close();
            }
            return starter.apply(name, settings);
        });
    }


    /** The cloud was removed or renamed. */
    public void stop(String cloudName) {
        CloudRuntime running = byCloud.remove(cloudName);
        if (running != null) {
            running.close();
        }
    }

    @Override
    public void close() {
        byCloud.keySet().forEach(this::stop);
    }
}
