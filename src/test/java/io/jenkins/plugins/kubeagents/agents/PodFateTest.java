package io.jenkins.plugins.kubeagents.agents;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.kubeagents.engine.lifecycle.AgentLoss;
import io.jenkins.plugins.kubeagents.engine.lifecycle.FailureReason;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.After;
import org.junit.Test;

/**
 * The console of a build whose pod was lost names the pod and its fate, whichever arrives first: the agent's closed
 * connection (what a real deletion, eviction or OOM kill shows first) or the engine's verdict.
 */
public class PodFateTest {
    private static final String POD = "kube-ops/maven-x1y2z3w4";
    private static final AgentLoss DELETED = new AgentLoss("kube-ops", "maven-x1y2z3w4", FailureReason.DELETED,
            "is being deleted while its build runs");
    private static final AgentLoss OOM_KILLED = new AgentLoss("kube-ops", "maven-x1y2z3w4", FailureReason.CRASHED,
            "lost its agent: container jnlp terminated: OOMKilled (exit code 137)");

    private final ScheduledExecutorService engine = Executors.newSingleThreadScheduledExecutor();
    private final PodFate fate = new PodFate();

    @After
    public void stopEngine() {
        engine.shutdownNow();
    }

    @Test
    public void aVerdictThatArrivesAfterTheConnectionClosedStillReachesTheConsole() throws Exception {
        // as the real run showed it: the build fails on the closed connection, the verdict follows 300 ms later
        engine.schedule(() -> fate.lost(DELETED), 300, TimeUnit.MILLISECONDS);

        assertThat(fate.lineAtBuildEnd(false, true, POD, Duration.ofSeconds(10)))
                .hasValue("Pod kube-ops/maven-x1y2z3w4 is being deleted while its build runs");
    }

    @Test
    public void aVerdictThatCameFirstButWasNotPrintedIsPrintedAtTheEnd() throws Exception {
        fate.lost(OOM_KILLED);

        assertThat(fate.lineAtBuildEnd(false, true, POD, Duration.ofSeconds(10)))
                .hasValue("Pod kube-ops/maven-x1y2z3w4 lost its agent: container jnlp terminated: OOMKilled (exit code 137)");
    }

    @Test
    public void aVerdictJenkinsAlreadyPrintedAsTheInterruptionIsNotRepeated() throws Exception {
        fate.lost(DELETED);

        assertThat(fate.lineAtBuildEnd(true, true, POD, Duration.ofSeconds(10))).isEmpty();
    }

    /** A wait here would hold the build for ten minutes; the deadline only ends such a failure sooner. */
    @Test(timeout = 60_000)
    public void aBuildThatEndsWithItsConnectionOpenAndNoVerdictSaysNothingAndDoesNotWait() throws Exception {
        assertThat(fate.lineAtBuildEnd(false, false, POD, Duration.ofMinutes(10))).isEmpty();
    }

    @Test
    public void noVerdictWithinTheWaitSaysTheConnectionClosedAndWhereToLook() throws Exception {
        assertThat(fate.lineAtBuildEnd(false, true, POD, Duration.ofMillis(50))).hasValueSatisfying(line -> assertThat(line)
                .startsWith("Pod kube-ops/maven-x1y2z3w4: the agent's connection closed")
                .contains("the agent's log and the pod's events"));
    }
}
