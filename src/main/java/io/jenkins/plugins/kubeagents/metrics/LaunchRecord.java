package io.jenkins.plugins.kubeagents.metrics;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * One ended launch, as the status page lists it.
 *
 * @param outcome {@code connected}, or the failure reason
 * @param message Kubernetes' words for a failure; null for a connected agent
 * @param phases how long each step took, for the steps the launch went through
 */
public record LaunchRecord(String agent, String template, String outcome, String message, Instant endedAt,
        Map<Phase, Duration> phases) {
    public LaunchRecord {
        phases = Map.copyOf(phases);
    }
}
