package io.jenkins.plugins.kubeagents.engine.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.kubeagents.cli.SimulatedKubelet;
import io.jenkins.plugins.kubeagents.engine.cluster.ClusterSettings;
import io.jenkins.plugins.kubeagents.engine.lifecycle.LaunchOutcome;
import io.jenkins.plugins.kubeagents.engine.render.AgentIdentity;
import io.jenkins.plugins.kubeagents.engine.runtime.CloudRuntime;
import io.jenkins.plugins.kubeagents.engine.template.RetentionPolicy;
import io.jenkins.plugins.kubeagents.testing.Agents;
import io.jenkins.plugins.kubeagents.testing.Engine;
import io.jenkins.plugins.kubeagents.testing.InMemoryControllerLink;
import io.jenkins.plugins.kubeagents.testing.MockCluster;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.Rule;
import org.junit.Test;

public class ApiRequestsTest {
    @Rule
    public final MockCluster cluster = new MockCluster();

    @Test
    public void requestsAreNamedByVerbAndResource() {
        assertThat(ApiRequests.key("POST", URI.create("/api/v1/namespaces/kube-ops/pods"))).isEqualTo("POST pods");
        assertThat(ApiRequests.key("GET", URI.create("/api/v1/namespaces/kube-ops/pods?labelSelector=x"))).isEqualTo("LIST pods");
        assertThat(ApiRequests.key("GET", URI.create("/api/v1/namespaces/kube-ops/pods?watch=true&resourceVersion=1")))
                .isEqualTo("WATCH pods");
        assertThat(ApiRequests.key("GET", URI.create("/api/v1/namespaces/kube-ops/pods/maven-1"))).isEqualTo("GET pods");
        assertThat(ApiRequests.key("PATCH", URI.create("/api/v1/namespaces/kube-ops/secrets/maven-1"))).isEqualTo("PATCH secrets");
        assertThat(ApiRequests.key("PUT", URI.create("/api/v1/namespaces/kube-ops/pods/maven-1/status"))).isEqualTo("PUT pods/status");
        assertThat(ApiRequests.key("GET", URI.create("/api/v1/namespaces/kube-ops"))).isEqualTo("GET namespaces");
        assertThat(ApiRequests.key("POST", URI.create("/apis/authorization.k8s.io/v1/selfsubjectaccessreviews")))
                .isEqualTo("POST selfsubjectaccessreviews");
    }

    /** The engine's own count of its requests is what the API server received, verb by verb. */
    @Test
    public void theCountsOfFiftyAgentsMatchWhatTheServerRecorded() {
        InMemoryControllerLink controller = new InMemoryControllerLink(Agents.CONTROLLER_ID);
        try (CloudRuntime runtime = CloudRuntime.start(Agents.CLOUD, ClusterSettings.inCluster(Agents.NAMESPACE),
                cluster.config(), controller, Engine.FAST);
                SimulatedKubelet kubelet = new SimulatedKubelet(cluster.kubeletClient(), Agents.NAMESPACE, controller::connect)) {
            controller.onConnect(runtime::agentConnected);
            List<CompletableFuture<LaunchOutcome>> launches = IntStream.range(0, 50).mapToObj(i -> {
                String name = AgentIdentity.newAgentName("maven");
                controller.addAgent(name);
                return runtime.launch(Engine.template("maven"), name);
            }).toList();
            launches.stream().map(Engine::await).forEach(o -> Engine.await(
                    runtime.terminate(Agents.NAMESPACE, o.agentName(), RetentionPolicy.NEVER, false)));

            Map<String, Long> byVerb = new TreeMap<>(runtime.requests().counts().entrySet().stream().collect(Collectors.groupingBy(
                    e -> e.getKey().substring(0, e.getKey().indexOf(' ')), Collectors.summingLong(Map.Entry::getValue))));
            assertThat(byVerb).isEqualTo(new TreeMap<>(cluster.dispatcher().countsByVerb(MockCluster.KUBELET_AGENT)));
            assertThat(runtime.requests().counts()).containsEntry("POST pods", 50L).containsEntry("DELETE pods", 50L)
                    .containsEntry("POST secrets", 50L).containsEntry("PATCH secrets", 50L)
                    .containsEntry("WATCH pods", 1L).containsEntry("LIST pods", 1L);
        }
    }
}
