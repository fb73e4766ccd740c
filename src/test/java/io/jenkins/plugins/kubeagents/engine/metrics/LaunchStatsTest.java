package io.jenkins.plugins.kubeagents.engine.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.kubeagents.engine.lifecycle.FailureReason;
import io.jenkins.plugins.kubeagents.engine.lifecycle.LaunchOutcome;
import io.jenkins.plugins.kubeagents.engine.lifecycle.Timeline;
import io.jenkins.plugins.kubeagents.engine.lifecycle.Timeline.Milestone;
import io.jenkins.plugins.kubeagents.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.Test;

public class LaunchStatsTest {
    private final MutableClock clock = new MutableClock();
    private final LaunchStats stats = new LaunchStats(clock);
    private final Instant t0 = clock.instant();

    @Test
    public void eachStepOfAConnectedLaunchIsTimedFromThePlan() {
        Timeline t = new Timeline(t0.plusMillis(400));
        t.reached(Milestone.CREATED, t0.plusMillis(600));
        t.reached(Milestone.SCHEDULED, t0.plusMillis(900));
        t.reached(Milestone.RUNNING, t0.plusMillis(1_900));
        t.reached(Milestone.CONNECTED, t0.plusMillis(6_600));
        stats.ended("maven", t0, LaunchOutcome.connected("maven-1", t));

        assertThat(stats.recent().get(0).phases()).isEqualTo(Map.of(Phase.PLANNED_TO_CREATED, Duration.ofMillis(600),
                Phase.CREATED_TO_SCHEDULED, Duration.ofMillis(300), Phase.SCHEDULED_TO_RUNNING, Duration.ofMillis(1_000),
                Phase.RUNNING_TO_CONNECTED, Duration.ofMillis(4_700), Phase.TOTAL, Duration.ofMillis(6_600)));
        assertThat(stats.latency("maven", Phase.TOTAL).max()).isEqualTo(Duration.ofMillis(6_600));
        assertThat(t.milestones()).isEqualTo("created +0.2 s, running +1.5 s, connected +6.2 s");
    }

    @Test
    public void aFailedLaunchIsListedWithItsReasonButNotTimedAsAWhole() {
        Timeline t = new Timeline(t0);
        t.reached(Milestone.CREATED, t0.plusMillis(500));
        t.reached(Milestone.SCHEDULED, t0.plusMillis(800));
        stats.ended("maven", null, LaunchOutcome.failed("maven-1", FailureReason.IMAGE_PULL, "Back-off pulling image", t));

        LaunchRecord r = stats.recent().get(0);
        assertThat(r.outcome()).isEqualTo("IMAGE_PULL");
        assertThat(r.message()).isEqualTo("Back-off pulling image");
        assertThat(r.phases()).containsOnlyKeys(Phase.PLANNED_TO_CREATED, Phase.CREATED_TO_SCHEDULED);
        assertThat(stats.latency("maven", Phase.TOTAL).count()).isZero();
    }

    @Test
    public void onlyTheLastHundredLaunchesAreKeptNewestFirst() {
        for (int i = 0; i < 250; i++) {
            stats.ended("maven", null, LaunchOutcome.connected("maven-" + i, new Timeline(t0)));
        }
        assertThat(stats.recent()).hasSize(LaunchStats.RECENT);
        assertThat(stats.recent().get(0).agent()).isEqualTo("maven-249");
        assertThat(stats.recent().get(99).agent()).isEqualTo("maven-150");
    }
}
