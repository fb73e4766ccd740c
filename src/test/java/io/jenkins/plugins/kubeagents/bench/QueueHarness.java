package io.jenkins.plugins.kubeagents.bench;

import io.jenkins.plugins.kubeagents.engine.capacity.CapacityPlanner;
import io.jenkins.plugins.kubeagents.engine.capacity.WarmPool;
import io.jenkins.plugins.kubeagents.engine.merge.ResolvedTemplate;
import io.jenkins.plugins.kubeagents.engine.runtime.CloudRuntime;
import io.jenkins.plugins.kubeagents.engine.template.RetentionPolicy;
import io.jenkins.plugins.kubeagents.testing.Agents;
import io.jenkins.plugins.kubeagents.testing.InMemoryControllerLink;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Jenkins' part for one template, played in real time over the engine as the plugin's Jenkins layer drives it: a
 * queued build takes an idle connected agent at once; unmet builds plan pods as the no-delay strategy does (queued
 * minus idle minus starting agents); an agent that connects takes the oldest waiting build; a build ends its
 * one-shot agent; and the warm pool is kept as {@code WarmPools} keeps it, the moment a warm agent is taken.
 */
final class QueueHarness implements AutoCloseable {
    /** One queued build; times in {@link System#nanoTime()}. */
    static final class Build {
        final long queuedAt = System.nanoTime();
        volatile long startedAt = -1;
        volatile boolean done;
    }

    private static final class Agent {
        boolean warm;
        boolean connected;
        boolean taken;
    }

    private final CloudRuntime runtime;
    private final InMemoryControllerLink controller;
    private final ResolvedTemplate template;
    private final long buildMillis;
    private final ScheduledExecutorService builds = Executors.newSingleThreadScheduledExecutor();
    private final Deque<Build> waiting = new ArrayDeque<>();
    private final Map<String, Agent> agents = new LinkedHashMap<>();

    QueueHarness(CloudRuntime runtime, InMemoryControllerLink controller, ResolvedTemplate template, long buildMillis) {
        this.runtime = runtime;
        this.controller = controller;
        this.template = template;
        this.buildMillis = buildMillis;
        controller.onConnect(name -> {
            runtime.agentConnected(name);
            connected(name);
        });
    }

    synchronized Build queue() {
        Build build = new Build();
        waiting.add(build);
        dispatch();
        return build;
    }

    /** Fills the warm pool (as the periodic pass does). */
    synchronized void keepWarm() {
        List<WarmPool.Agent> untaken = agents.entrySet().stream().filter(e -> !e.getValue().taken)
                .map(e -> new WarmPool.Agent(e.getKey(), e.getValue().warm, e.getValue().connected)).toList();
        CloudRuntime.PoolChange change = runtime.keepWarm(template.spec(), untaken, waiting.size(), 0);
        change.adopt().forEach(name -> agents.get(name).warm = true);
        change.start().forEach(name -> launch(name, true));
        change.retire().forEach(this::end);
    }

    /** Warm agents connected and idle. */
    synchronized long readyWarmAgents() {
        return agents.values().stream().filter(a -> a.warm && a.connected && !a.taken).count();
    }

    /** Agents whose pods are still starting. */
    synchronized long startingAgents() {
        return agents.values().stream().filter(a -> !a.connected).count();
    }

    private synchronized void connected(String name) {
        Agent agent = agents.get(name);
        if (agent != null) {
            agent.connected = true;
            dispatch();
        }
    }

    private void dispatch() {
        for (Map.Entry<String, Agent> e : List.copyOf(agents.entrySet())) {
            Agent agent = e.getValue();
            if (waiting.isEmpty()) {
                break;
            }
            if (agent.connected && !agent.taken) {
                start(waiting.poll(), e.getKey(), agent);
            }
        }
        long starting = agents.values().stream().filter(a -> !a.connected && !a.taken).count();
        int unmet = CapacityPlanner.unmetDemand(waiting.size(), 0, (int) starting, 0, 0);
        if (unmet > 0) {
            runtime.plan(template.spec(), unmet, 0, 0).agentNames().forEach(name -> launch(name, false));
        }
    }

    private void start(Build build, String name, Agent agent) {
        build.startedAt = System.nanoTime();
        agent.taken = true;
        if (agent.warm) {
            agent.warm = false;
            keepWarm();
        }
        builds.schedule(() -> {
            end(name);
            build.done = true;
        }, buildMillis, TimeUnit.MILLISECONDS);
    }

    private void launch(String name, boolean warm) {
        Agent agent = new Agent();
        agent.warm = warm;
        agents.put(name, agent);
        controller.addAgent(name);
        runtime.launch(template, name).thenAccept(outcome -> {
            if (!outcome.isConnected()) {
                end(name);
            }
        });
    }

    private synchronized void end(String name) {
        if (agents.remove(name) != null) {
            controller.removeAgent(name);
            runtime.terminate(Agents.NAMESPACE, name, RetentionPolicy.NEVER, false);
            dispatch();
        }
    }

    @Override
    public void close() {
        builds.shutdownNow();
    }

    /** Seconds from queued to started, for builds that started. */
    static List<Double> waits(List<Build> builds) {
        List<Double> waits = new ArrayList<>();
        builds.forEach(b -> waits.add((b.startedAt - b.queuedAt) / 1e9));
        return waits;
    }
}
