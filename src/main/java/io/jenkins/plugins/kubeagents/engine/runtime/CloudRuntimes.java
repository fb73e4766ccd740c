package io.jenkins.plugins.kubeagents.engine.runtime;

import io.jenkins.plugins.kubeagents.engine.cluster.ClusterSettings;
import io.jenkins.plugins.kubeagents.engine.lifecycle.ControllerLink;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The running clouds by name: one runtime per cloud configuration, replaced when its settings change. A replaced
 * runtime drains: its launches finish, its agents' pods are still followed and ended through it, and it stops once
 * it has nothing left to do.
 */
public final class CloudRuntimes implements AutoCloseable {
    private final Map<String, CloudRuntime> byCloud = new ConcurrentHashMap<>();
    private final Set<CloudRuntime> draining = ConcurrentHashMap.newKeySet();
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
                draining.add(running);
            }
            return starter.apply(name, settings);
        });
    }

    /**
     * The running runtime of a cloud, also of one that was removed or renamed while its agents still ran: their
     * pods are deleted through it when their builds end.
     */
    public Optional<CloudRuntime> running(String cloudName) {
        return Optional.ofNullable(byCloud.get(cloudName));
    }

    /** Every running runtime by cloud name, those of removed clouds included. */
    public Map<String, CloudRuntime> all() {
        return Map.copyOf(byCloud);
    }

    /**
     * Stops the runtime of each cloud that no longer exists once nothing of it is left: the controller has no agent
     * of it and its informer shows no pod to end (the sweep deletes those whose agents are gone). Until then it
     * keeps running, so a cloud removed or renamed during a build leaves no pod behind.
     *
     * @param liveClouds the names of the clouds the controller has now
     * @param hasAgents whether the controller still has agents of a cloud, by cloud name
     */
    public void retire(Set<String> liveClouds, Predicate<String> hasAgents) {
        byCloud.forEach((name, runtime) -> {
            if (!liveClouds.contains(name) && !hasAgents.test(name) && !runtime.hasPodsToEnd()) {
                stop(name);
            }
        });
        draining.removeIf(runtime -> {
            if (!runtime.isIdle()) {
                return false;
            }
            runtime.close();
            return true;
        });
    }

    /** Runtimes replaced by changed settings that still finish what they started. */
    public Set<CloudRuntime> draining() {
        return Set.copyOf(draining);
    }

    /** Stops a cloud's runtime now. */
    public void stop(String cloudName) {
        CloudRuntime running = byCloud.remove(cloudName);
        if (running != null) {
            running.close();
        }
    }

    @Override
    public void close() {
        byCloud.keySet().forEach(this::stop);
        draining.forEach(CloudRuntime::close);
        draining.clear();
    }
}
