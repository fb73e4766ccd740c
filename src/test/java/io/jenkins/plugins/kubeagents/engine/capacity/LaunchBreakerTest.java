package io.jenkins.plugins.kubeagents.engine.capacity;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.kubeagents.engine.lifecycle.FailureReason;
import io.jenkins.plugins.kubeagents.engine.lifecycle.LaunchOutcome;
import io.jenkins.plugins.kubeagents.engine.lifecycle.Timeline;
import io.jenkins.plugins.kubeagents.engine.template.TemplateSpec;
import io.jenkins.plugins.kubeagents.testing.MutableClock;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.Test;

public class LaunchBreakerTest {
    private final MutableClock clock = new MutableClock();
    private final LaunchBreaker breaker = new LaunchBreaker(clock);
    private final TemplateSpec maven = TemplateSpec.builder("maven").labels("maven").build();

    @Test
    public void pausesDoubleFromThirtySecondsToTenMinutes() {
        assertThat(IntStream.rangeClosed(1, 7).mapToObj(LaunchBreaker::pauseAfter).map(Duration::toSeconds))
                .containsExactly(30L, 60L, 120L, 240L, 480L, 600L, 600L);
    }

    @Test
    public void aClosedBreakerAdmitsEveryLaunch() {
        assertThat(breaker.admit(maven, 5)).isEqualTo(new LaunchBreaker.Admission(5, null, false));
        assertThat(breaker.pause(maven)).isEmpty();
    }

    @Test
    public void aFailurePausesTheTemplateThenAdmitsOneProbe() {
        fail("maven-1");
        assertThat(breaker.admit(maven, 5).allowed()).as("during the pause").isZero();
        assertThat(breaker.pause(maven)).get().satisfies(p -> {
            assertThat(p.failedLaunches()).isEqualTo(1);
            assertThat(p.nextTry()).isEqualTo(clock.instant().plusSeconds(30));
        });

        clock.advance(Duration.ofSeconds(30));
        assertThat(breaker.admit(maven, 5).allowed()).as("when the pause is over").isEqualTo(1);
        breaker.started(maven, List.of("maven-2"));
        assertThat(breaker.admit(maven, 5).allowed()).as("while the probe runs").isZero();

        fail("maven-2");
        assertThat(breaker.pause(maven)).get().extracting(LaunchBreaker.Pause::nextTry)
                .isEqualTo(clock.instant().plusSeconds(60));
    }

    @Test
    public void aConnectedAgentClosesTheBreaker() {
        assertThat(breaker.isClosed()).as("before any failure").isTrue();
        fail("maven-1");
        assertThat(breaker.isClosed()).as("after a failure").isFalse();
        clock.advance(Duration.ofSeconds(30));
        breaker.started(maven, List.of("maven-2"));
        breaker.ended(maven, LaunchOutcome.connected("maven-2", new Timeline(clock.instant())));
        assertThat(breaker.admit(maven, 5).allowed()).isEqualTo(5);
        assertThat(breaker.isClosed()).isTrue();
    }

    @Test
    public void aChangedTemplateClosesTheBreakerAtOnce() {
        fail("maven-1");
        TemplateSpec fixed = maven.toBuilder().labels("maven jdk17").build();
        assertThat(breaker.pause(fixed)).isEmpty();
        assertThat(breaker.admit(fixed, 5).allowed()).isEqualTo(5);
    }

    @Test
    public void aProbeNeverLaunchedLetsAnotherStart() {
        fail("maven-1");
        clock.advance(Duration.ofSeconds(30));
        breaker.started(maven, List.of("maven-2"));
        breaker.abandoned("maven-2");
        assertThat(breaker.admit(maven, 5).allowed()).isEqualTo(1);
    }

    @Test
    public void onlyTheFirstRefusalOfAPauseIsNews() {
        fail("maven-1");
        assertThat(breaker.admit(maven, 1).firstRefusal()).isTrue();
        assertThat(breaker.admit(maven, 1).firstRefusal()).isFalse();
        fail("maven-0");
        assertThat(breaker.admit(maven, 1).firstRefusal()).as("a new pause").isTrue();
    }

    @Test
    public void thePauseSaysWhatFailedAndWhenTheNextTryIs() {
        breaker.ended(maven, LaunchOutcome.failed("maven-1", FailureReason.IMAGE_PULL,
                "container maven: ImagePullBackOff: Back-off pulling image \"mavne:3.9\"", new Timeline(clock.instant())));
        assertThat(breaker.pause(maven).orElseThrow().whyWaiting("kube")).isEqualTo("Template maven of cloud kube is paused "
                + "after 1 failed launch (next try at 2026-01-01T00:00:30Z): IMAGE_PULL: container maven: ImagePullBackOff: "
                + "Back-off pulling image \"mavne:3.9\"");
    }

    private void fail(String agent) {
        breaker.ended(maven, LaunchOutcome.failed(agent, FailureReason.CONFIGURATION, "configmap \"x\" not found",
                new Timeline(clock.instant())));
    }
}
