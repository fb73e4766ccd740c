package io.jenkins.plugins.kubeagents.engine.lifecycle;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What happened to an agent's pod, in order, with times relative to the launch; for the agent's log. Besides the
 * words, the moments the status page times: pod created, scheduled, containers running, agent connected.
 */
public final class Timeline {
    /** One step: when, and what (e.g. "scheduled to node-1"). */
    public record Entry(Instant at, String event) {}

    /** The moments of a launch that are timed, in the order they happen. */
    public enum Milestone {
        CREATED("created"), SCHEDULED("scheduled"), RUNNING("running"), CONNECTED("connected");

        private final String word;

        Milestone(String word) {
            this.word = word;
        }
    }

    private final Instant start;
    private final List<Entry> entries = new ArrayList<>();
    private final Map<Milestone, Instant> milestones = new EnumMap<>(Milestone.class);

    public Timeline(Instant start) {
        this.start = start;
    }

    public synchronized void add(Instant at, String event) {
        entries.add(new Entry(at, event));
    }

    public synchronized List<Entry> entries() {
        return List.copyOf(entries);
    }

    public Instant start() {
        return start;
    }

    /** The launch reached a milestone; the first time counts. */
    public synchronized void reached(Milestone milestone, Instant at) {
        milestones.putIfAbsent(milestone, at);
    }

    public synchronized Optional<Instant> when(Milestone milestone) {
        return Optional.ofNullable(milestones.get(milestone));
    }

    /** The milestones reached, relative to the start: {@code created +0.6 s, running +1.9 s, connected +6.6 s}. */
    public synchronized String milestones() {
        return milestones.entrySet().stream().filter(e -> e.getKey() != Milestone.SCHEDULED)
                .map(e -> String.format(Locale.ROOT, "%s +%.1f s", e.getKey().word,
                        Duration.between(start, e.getValue()).toMillis() / 1000.0))
                .collect(Collectors.joining(", "));
    }


    /** One line per step: {@code +1.25s scheduled to node-1}. */
    @Override
    public synchronized String toString() {
        return entries.stream()
                .map(e -> String.format("+%.2fs %s", Duration.between(start, e.at()).toMillis() / 1000.0, e.event()))
                .collect(Collectors.joining("\n"));
    }
}
