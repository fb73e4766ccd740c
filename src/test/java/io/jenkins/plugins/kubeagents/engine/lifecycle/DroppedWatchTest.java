package io.jenkins.plugins.kubeagents.engine.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.Response;
import io.fabric8.mockwebserver.http.WebSocket;
import io.fabric8.mockwebserver.http.WebSocketListener;
import io.jenkins.plugins.kubeagents.engine.render.OwnLabels;
import io.jenkins.plugins.kubeagents.engine.template.RetentionPolicy;
import io.jenkins.plugins.kubeagents.testing.Agents;
import io.jenkins.plugins.kubeagents.testing.Engine;
import io.jenkins.plugins.kubeagents.testing.EngineOnMockCluster;
import io.jenkins.plugins.kubeagents.testing.MockCluster;
import io.jenkins.plugins.kubeagents.cli.SimulatedKubelet.Scenario;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.After;
import org.junit.Rule;
import org.junit.Test;

/**
 * Every pod watch the engine opens is cut after a moment with "410 Gone" (the resourceVersion expired, so
 * whatever happened in between is lost to the watch), as a real API server does when a watch falls too far
 * behind. The engine then learns of pods only by re-listing; no launch outcome and no deletion may be missed.
 */
public class DroppedWatchTest {
    private static final String GONE = "{\"type\":\"ERROR\",\"object\":{\"kind\":\"Status\",\"apiVersion\":\"v1\","
            + "\"status\":\"Failure\",\"code\":410,\"reason\":\"Expired\",\"message\":\"too old resource version\"}}";

    @Rule
    public final EngineOnMockCluster env = new EngineOnMockCluster();

    private final ScheduledExecutorService cutter = Executors.newSingleThreadScheduledExecutor();

    @After
    public void stopCutting() {
        cutter.shutdownNow();
    }

    @Test
    public void noOutcomeAndNoDeletionIsMissedWhenEveryWatchIsCut() {
        env.cluster.dispatcher().fault(r -> r.getPath().contains("watch=true") && r.getPath().contains("/pods")
                && !String.valueOf(r.getHeader("User-Agent")).startsWith(MockCluster.KUBELET_AGENT),
                n -> true, this::watchCutAfterAMoment);
        env.kubelet.scenarios(pod -> switch (pod.getMetadata().getLabels().get(OwnLabels.TEMPLATE)) {
            case "crash" -> Scenario.OOM_KILLED;
            case "gone" -> Scenario.DELETED_BY_SOMEONE;
            default -> Scenario.RUN_AND_CONNECT;
        });

        List<CompletableFuture<LaunchOutcome>> maven = new ArrayList<>();
        List<CompletableFuture<LaunchOutcome>> failing = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            maven.add(env.engine.launch(Engine.template("maven")));
            failing.add(env.engine.launch(Engine.template(i % 2 == 0 ? "crash" : "gone")));
        }
        List<LaunchOutcome> connected = maven.stream().map(Engine::await).toList();
        // a pod created and deleted between two re-lists never reaches the cache; the engine asks for it after a while
        List<LaunchOutcome> failed = failing.stream().map(f -> env.engine.advanceUntilDone(f, Duration.ofSeconds(1))).toList();

        assertThat(connected).allMatch(LaunchOutcome::isConnected);
        assertThat(failed).allSatisfy(o -> assertThat(o.reason())
                .isEqualTo(o.agentName().startsWith("crash-") ? FailureReason.CRASHED : FailureReason.DELETED));
        assertThat(env.cluster.pluginRequests()).filteredOn(r -> r.verb().equals("LIST")).as("re-lists after cut watches")
                .hasSizeGreaterThanOrEqualTo(2);

        for (LaunchOutcome outcome : failed) {
            env.engine.lifecycle.terminate(Agents.NAMESPACE, outcome.agentName(), RetentionPolicy.NEVER, true);
        }
        env.engine.terminateAndAwaitEmpty(connected);
        await().atMost(Engine.patience()).untilAsserted(() -> {
            assertThat(env.engine.lifecycle.cachedPods()).as("pods the engine still believes exist").isEmpty();
            assertThat(env.engine.lifecycle.inFlight()).as("launches or deletions still in flight").isEmpty();
        });
    }

    private MockResponse watchCutAfterAMoment() {
        return new MockResponse().withWebSocketUpgrade(new WebSocketListener() {
            @Override
            public void onOpen(WebSocket socket, Response response) {
                cutter.schedule(() -> {
                    socket.send(GONE);
                    socket.close(1000, "expired");
                }, 150, TimeUnit.MILLISECONDS);
            }
        });
    }
}
