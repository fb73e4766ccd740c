package io.jenkins.plugins.kubeagents.runtime;

import io.jenkins.plugins.kubeagents.cluster.ClusterSettings;
import io.jenkins.plugins.kubeagents.lifecycle.ControllerLink;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import java.util.function.Function;

/** The running clouds by name: one runtime per cloud configuration, replaced when its settings change. */
public final class CloudRuntimes implements AutoCloseable {
    private final Map<String, CloudRuntime> byCloud = new ConcurrentHashMap<>();
    private final BiFunction<String, ClusterSettings, CloudRuntime> starter;

    /** @param linkForCloud the controller as one cloud sees it (its Jenkins URL, tunnel and agents) */
    public CloudRuntimes(Function<String, ControllerLink> linkForCloud) {
        this((name, settings) -> CloudRuntime.start(name, settings, linkForCloud.apply(name)));
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


    /** Stops the runtimes of clouds that no longer exist. */
    public void retainOnly(Set<String> cloudNames) {
        byCloud.keySet().stream().filter(name -> !cloudNames.contains(name)).toList().forEach(this::stop);
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
