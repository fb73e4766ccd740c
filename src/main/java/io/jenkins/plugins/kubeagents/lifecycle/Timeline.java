package io.jenkins.plugins.kubeagents.lifecycle;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** What happened to an agent's pod, in order, with times relative to the launch; for the agent's log. */
public final class Timeline {
    /** One step: when, and what (e.g. "scheduled to node-1"). */
    public record Entry(Instant at, String event) {}

    private final Instant start;
    private final List<Entry> entries = new ArrayList<>();

    public Timeline(Instant start) {
        this.start = start;
    }

    public synchronized void add(Instant at, String event) {
        entries.add(new Entry(at, event));
    }

    public synchronized List<Entry> entries() {
        return List.copyOf(entries);
    }


    /** One line per step: {@code +1.25s scheduled to node-1}. */
    @Override
    public synchronized String toString() {
        return entries.stream()
                .map(e -> String.format("+%.2fs %s", Duration.between(start, e.at()).toMillis() / 1000.0, e.event()))
                .collect(Collectors.joining("\n"));
    }
}
