package io.jenkins.plugins.kubeagents.engine.metrics;

import java.time.Duration;

/**
 * Durations counted in fixed buckets: the same few longs however many are recorded, and quantiles read to within
 * one bucket (the bucket's upper bound, never more than the largest duration recorded).
 */
public final class Histogram {
    /** Upper bounds of the buckets in milliseconds, in 1-2-5 steps from 10 ms to 20 minutes; one more bucket holds the rest. */
    static final long[] BOUNDS_MS = {10, 20, 50, 100, 200, 500, 1_000, 2_000, 5_000, 10_000, 20_000, 50_000, 100_000,
            200_000, 500_000, 1_200_000};

    private final long[] counts = new long[BOUNDS_MS.length + 1];
    private long total;
    private long maxMillis;

    public synchronized void record(Duration duration) {
        long millis = Math.max(0, duration.toMillis());
        int bucket = 0;
        while (bucket < BOUNDS_MS.length && millis > BOUNDS_MS[bucket]) {
            bucket++;
        }
        counts[bucket]++;
        total++;
        maxMillis = Math.max(maxMillis, millis);
    }

    public synchronized long count() {
        return total;
    }

    /** The {@code q} quantile (0 to 1), to within one bucket; null when nothing was recorded. */
    public synchronized Duration quantile(double q) {
        if (total == 0) {
            return null;
        }
        long rank = Math.max(1, (long) Math.ceil(q * total));
        long seen = 0;
        for (int bucket = 0; bucket < counts.length; bucket++) {
            seen += counts[bucket];
            if (seen >= rank) {
                long bound = bucket < BOUNDS_MS.length ? BOUNDS_MS[bucket] : maxMillis;
                return Duration.ofMillis(Math.min(bound, maxMillis));
            }
        }
        return Duration.ofMillis(maxMillis);
    }

    /** The largest duration recorded; null when nothing was. */
    public synchronized Duration max() {
        return total == 0 ? null : Duration.ofMillis(maxMillis);
    }
}
