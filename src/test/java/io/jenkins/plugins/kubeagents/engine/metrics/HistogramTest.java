package io.jenkins.plugins.kubeagents.engine.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.Test;

public class HistogramTest {
    @Test
    public void quantilesOfKnownDurationsAreWithinOneBucket() {
        Histogram h = new Histogram();
        for (int ms = 1; ms <= 1000; ms++) {
            h.record(Duration.ofMillis(ms));
        }
        // the true values are 500, 900, 990 and 1000 ms; each answer is the upper bound of the bucket holding it
        assertThat(h.quantile(0.5)).isEqualTo(Duration.ofMillis(500));
        assertThat(h.quantile(0.9)).isEqualTo(Duration.ofMillis(1000));
        assertThat(h.quantile(0.99)).isEqualTo(Duration.ofMillis(1000));
        assertThat(h.max()).isEqualTo(Duration.ofMillis(1000));
        assertThat(h.count()).isEqualTo(1000);
    }

    @Test
    public void aQuantileNeverExceedsTheLargestDuration() {
        Histogram h = new Histogram();
        h.record(Duration.ofMillis(6_600));
        h.record(Duration.ofMillis(1_900));
        assertThat(h.quantile(0.5)).isEqualTo(Duration.ofMillis(2_000));
        assertThat(h.quantile(0.99)).as("bucket bound 10 s, largest 6.6 s").isEqualTo(Duration.ofMillis(6_600));
    }

    @Test
    public void durationsBeyondTheLastBoundAreKeptExactlyAsTheMaximum() {
        Histogram h = new Histogram();
        h.record(Duration.ofMinutes(30));
        assertThat(h.quantile(0.5)).isEqualTo(Duration.ofMinutes(30));
    }

    @Test
    public void anEmptyHistogramHasNoQuantiles() {
        assertThat(new Histogram().quantile(0.5)).isNull();
        assertThat(new Histogram().max()).isNull();
    }
}
