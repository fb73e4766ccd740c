package io.jenkins.plugins.kubeagents.engine.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.kubeagents.cli.SimulatedKubelet.Scenario;
import io.jenkins.plugins.kubeagents.testing.Engine;
import io.jenkins.plugins.kubeagents.testing.EngineOnMockCluster;
import io.jenkins.plugins.kubeagents.testing.RecordingDispatcher;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.Rule;
import org.junit.Test;

/** Orders of events that leave things behind unless the engine expects them. */
public class LaunchRacesTest {
    @Rule
    public final EngineOnMockCluster env = new EngineOnMockCluster();

    /**
     * The connect deadline passes while the pod's POST is still in flight: the launch fails and its Secret is
     * deleted, then the API server creates the pod. Nothing would follow that pod until the next sweep.
     */
    @Test
    public void aPodCreatedAfterItsLaunchGaveUpIsDeletedAtOnce() throws Exception {
        env.kubelet.scenarios(pod -> Scenario.STAYS_PENDING);
        RecordingDispatcher.Hold post = env.cluster.dispatcher().hold("POST", ".*/pods");
        CompletableFuture<LaunchOutcome> launch = env.engine.launch(Engine.template("maven"));
        post.awaitHeld(Engine.patience());

        LaunchOutcome outcome = env.engine.advanceUntilDone(launch, Duration.ofMinutes(6));
        post.release();

        assertThat(outcome.reason()).isEqualTo(FailureReason.CONNECT_TIMEOUT);
        env.engine.awaitClusterEmpty();
    }
}
