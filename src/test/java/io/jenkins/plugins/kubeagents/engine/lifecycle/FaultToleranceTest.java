package io.jenkins.plugins.kubeagents.engine.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.mockwebserver.http.MockResponse;
import io.jenkins.plugins.kubeagents.testing.Engine;
import io.jenkins.plugins.kubeagents.testing.EngineOnMockCluster;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.Rule;
import org.junit.Test;

/** The API server misbehaving: failed writes must cost neither agents nor leaks. */
public class FaultToleranceTest {
    @Rule
    public final EngineOnMockCluster env = new EngineOnMockCluster();

    @Test
    public void everyAgentLaunchesOnceWhenAFifthOfAllPostsFail() {
        env.cluster.dispatcher().fault("POST", ".*/(pods|secrets)", n -> n % 5 == 0, () -> new MockResponse().setResponseCode(500)
                .setBody("{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"code\":500,\"message\":\"etcdserver: request timed out\"}"));
        List<CompletableFuture<LaunchOutcome>> launches = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            launches.add(env.engine.launch(Engine.template("maven")));
        }
        List<LaunchOutcome> outcomes = launches.stream().map(Engine::await).toList();

        assertThat(outcomes).allMatch(LaunchOutcome::isConnected);
        assertThat(env.engine.pods()).hasSize(50).extracting(p -> p.getMetadata().getName())
                .containsExactlyInAnyOrderElementsOf(outcomes.stream().map(LaunchOutcome::agentName).toList());
        long failedPosts = env.cluster.pluginRequests().stream().filter(r -> r.verb().equals("POST")).count() - 100;
        assertThat(failedPosts).as("POSTs answered 500 and retried").isGreaterThanOrEqualTo(20);

        env.engine.terminateAndAwaitEmpty(outcomes);
    }
}
