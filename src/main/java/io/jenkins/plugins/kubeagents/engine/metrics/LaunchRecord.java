package io.jenkins.plugins.kubeagents.engine.metrics;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * One ended launch, as the status page lists it.
 *
 * @param outcome {@code connected}, or the failure reason
 * @param message Kubernetes' words for a failure; null for a connected agent
 * @param phases how long each step took, for the steps the launch went through, in the order they happen
 */
public record LaunchRecord(String agent, String template, String outcome, String message, Instant endedAt,
        Map<Phase, Duration> phases) {
    public LaunchRecord {
        // in the order the steps happen, as the enum lists them
        phases = Collections.unmodifiableMap(phases.isEmpty() ? new EnumMap<>(Phase.class) : new EnumMap<>(phases));
    }
}
