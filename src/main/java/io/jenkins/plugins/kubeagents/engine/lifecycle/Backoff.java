package io.jenkins.plugins.kubeagents.engine.lifecycle;

import java.time.Duration;

/** Exponential back-off: immutable and shared; the attempt number lives with each call. */
public record Backoff(Duration initial, Duration max) {
    public static final Backoff STANDARD = new Backoff(Duration.ofMillis(250), Duration.ofSeconds(15));

    /** The delay before retry number {@code attempt} (1 for the first retry). */
    public Duration delay(int attempt) {
        long millis = initial.toMillis() << Math.min(attempt - 1, 20);
        return Duration.ofMillis(Math.min(millis, max.toMillis()));
    }
}
