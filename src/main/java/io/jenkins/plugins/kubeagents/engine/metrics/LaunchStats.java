package io.jenkins.plugins.kubeagents.engine.metrics;

import io.jenkins.plugins.kubeagents.engine.lifecycle.LaunchOutcome;
import io.jenkins.plugins.kubeagents.engine.lifecycle.Timeline;
import io.jenkins.plugins.kubeagents.engine.lifecycle.Timeline.Milestone;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Where a cloud's launch time goes, since the engine started: per template, one {@link Histogram} per
 * {@link Phase}, and the last {@value #RECENT} launches. Bounded whatever the volume: nothing is kept per agent
 * once its launch is recorded, beyond its place in the ring.
 */
public final class LaunchStats {
    public static final int RECENT = 100;

    private final Clock clock;
    private final Map<String, Map<Phase, Histogram>> byTemplate = new TreeMap<>();
    private final Deque<LaunchRecord> recent = new ArrayDeque<>();

    public LaunchStats(Clock clock) {
        this.clock = clock;
    }

    /**
     * Records a launch that ended. Each step is timed when the launch reached both its ends; the total only for a
     * connected agent.
     *
     * @param planned when the cloud planned the agent, or null when unknown (then the launch's start)
     */
    public synchronized void ended(String template, Instant planned, LaunchOutcome outcome) {
        Timeline t = outcome.timeline();
        Instant start = planned != null ? planned : t.start();
        Map<Phase, Duration> phases = new EnumMap<>(Phase.class);
        step(phases, Phase.PLANNED_TO_CREATED, Optional.of(start), t.when(Milestone.CREATED));
        step(phases, Phase.CREATED_TO_SCHEDULED, t.when(Milestone.CREATED), t.when(Milestone.SCHEDULED));
        step(phases, Phase.SCHEDULED_TO_RUNNING, t.when(Milestone.SCHEDULED), t.when(Milestone.RUNNING));
        step(phases, Phase.RUNNING_TO_CONNECTED, t.when(Milestone.RUNNING), t.when(Milestone.CONNECTED));
        step(phases, Phase.TOTAL, Optional.of(start), t.when(Milestone.CONNECTED));
        Map<Phase, Histogram> histograms = byTemplate.computeIfAbsent(template, name -> new EnumMap<>(Phase.class));
        phases.forEach((phase, took) -> histograms.computeIfAbsent(phase, p -> new Histogram()).record(took));
        recent.addFirst(new LaunchRecord(outcome.agentName(), template,
                outcome.isConnected() ? "connected" : outcome.reason().name(), outcome.isConnected() ? null : outcome.message(),
                clock.instant(), phases));
        if (recent.size() > RECENT) {
            recent.removeLast();
        }
    }

    /** The last launches, newest first. */
    public synchronized List<LaunchRecord> recent() {
        return List.copyOf(recent);
    }

    /** The templates that launched since the start, by name. */
    public synchronized List<String> templates() {
        return new ArrayList<>(byTemplate.keySet());
    }

    /** A template's histogram of one phase; empty (never recorded) when the template never got that far. */
    public synchronized Histogram latency(String template, Phase phase) {
        return byTemplate.getOrDefault(template, Collections.emptyMap()).getOrDefault(phase, new Histogram());
    }

    private static void step(Map<Phase, Duration> phases, Phase phase, Optional<Instant> from, Optional<Instant> to) {
        if (from.isPresent() && to.isPresent()) {
            phases.put(phase, Duration.between(from.get(), to.get()));
        }
    }
}
