package io.jenkins.plugins.kubeagents.engine.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.mockwebserver.http.MockResponse;
import io.jenkins.plugins.kubeagents.engine.cluster.ClusterSettings;
import io.jenkins.plugins.kubeagents.engine.merge.ResolvedTemplate;
import io.jenkins.plugins.kubeagents.engine.render.AgentIdentity;
import io.jenkins.plugins.kubeagents.engine.render.OwnLabels;
import io.jenkins.plugins.kubeagents.engine.runtime.CloudRuntime;
import io.jenkins.plugins.kubeagents.testing.Agents;
import io.jenkins.plugins.kubeagents.testing.Engine;
import io.jenkins.plugins.kubeagents.testing.InMemoryControllerLink;
import io.jenkins.plugins.kubeagents.testing.MockCluster;
import io.jenkins.plugins.kubeagents.cli.SimulatedKubelet;
import io.jenkins.plugins.kubeagents.cli.SimulatedKubelet.Scenario;
import java.util.List;
import java.util.Set;
import org.junit.Rule;
import org.junit.Test;

public class OrphanSweepTest {
    @Rule
    public final MockCluster cluster = new MockCluster();

    /**
     * A controller dies mid-burst: some agents have only their Secret (the pod POST kept failing), some a pod whose
     * Secret never got its owner, the rest a complete pair. The next controller's first sweep leaves nothing.
     */
    @Test
    public void aCrashMidBurstLeavesNoOrphansAfterOneSweep() {
        Engine crashed = new Engine(cluster);
        SimulatedKubelet kubelet = new SimulatedKubelet(cluster.kubeletClient(), Agents.NAMESPACE, crashed.controller::connect);
        kubelet.scenarios(pod -> Scenario.STAYS_PENDING);
        cluster.dispatcher().fault("POST", ".*/pods", n -> n > 12, MockResponse500::get);
        cluster.dispatcher().fault("PATCH", ".*/secrets/.*", n -> n > 6, MockResponse500::get);
        for (int i = 0; i < 20; i++) {
            crashed.launch(Engine.template("maven"));
        }
        await().atMost(Engine.patience()).until(() -> crashed.pods().size() == 12 && crashed.secrets().size() == 20);
        crashed.close();
        cluster.dispatcher().clearFaults();

        InMemoryControllerLink restartedController = new InMemoryControllerLink(Agents.CONTROLLER_ID);
        try (CloudRuntime restarted = CloudRuntime.start(Agents.CLOUD, ClusterSettings.inCluster(Agents.NAMESPACE),
                cluster.config(), restartedController, Engine.FAST)) {
            int orphans = Engine.await(restarted.sweep(Set.of(), Set.of()));
            assertThat(orphans).isEqualTo(12);
            await().atMost(Engine.patience()).untilAsserted(() -> {
                assertThat(crashed.pods()).as("pods left").isEmpty();
                assertThat(crashed.secrets()).as("secrets left").isEmpty();
            });
        } finally {
            kubelet.close();
        }
    }

    /**
     * After a restart the engine first watches only the cloud's namespace: a template's own namespace must be
     * watched before its pods count against the caps, and swept, or a crash leaves them there.
     */
    @Test
    public void podsInATemplatesOwnNamespaceCountAndAreSweptAfterARestart() {
        ResolvedTemplate elsewhere = Engine.template("maven", spec -> spec.namespace("builds"));
        InMemoryControllerLink crashedController = new InMemoryControllerLink(Agents.CONTROLLER_ID);
        CloudRuntime crashed = CloudRuntime.start(Agents.CLOUD, ClusterSettings.inCluster(Agents.NAMESPACE), cluster.config(),
                crashedController, Engine.FAST);
        String agent = AgentIdentity.newAgentName("maven");
        crashedController.addAgent(agent);
        crashed.launch(elsewhere, agent);
        await().atMost(Engine.patience()).until(() -> crashed.pods().size() == 1);
        crashed.close();

        try (CloudRuntime restarted = CloudRuntime.start(Agents.CLOUD, ClusterSettings.inCluster(Agents.NAMESPACE),
                cluster.config(), new InMemoryControllerLink(Agents.CONTROLLER_ID), Engine.FAST)) {
            assertThat(restarted.plan(elsewhere.spec(), 1, 0, 1).agentNames()).as("agents planned under an instance cap of 1")
                    .isEmpty();
            assertThat(Engine.await(restarted.sweep(Set.of(), Set.of("builds")))).as("orphans").isEqualTo(1);
            await().atMost(Engine.patience()).until(() -> cluster.kubeletClient().pods().inNamespace("builds").list()
                    .getItems().isEmpty());
        }
    }

    /** A Secret LIST the API server refuses (a Role without list on Secrets) costs no launch, and is tried again. */
    @Test
    public void aFailedSecretListNeitherFailsLaunchesNorStopsTheNextSweep() {
        cluster.dispatcher().fault("GET", ".*/secrets", n -> n == 1, () -> new MockResponse().setResponseCode(403)
                .setBody("{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"code\":403,"
                        + "\"reason\":\"Forbidden\",\"message\":\"secrets is forbidden\"}"));
        InMemoryControllerLink controller = new InMemoryControllerLink(Agents.CONTROLLER_ID);
        SimulatedKubelet kubelet = new SimulatedKubelet(cluster.kubeletClient(), Agents.NAMESPACE, controller::connect);
        try (CloudRuntime runtime = CloudRuntime.start(Agents.CLOUD, ClusterSettings.inCluster(Agents.NAMESPACE),
                cluster.config(), controller, Engine.FAST)) {
            controller.onConnect(runtime::agentConnected);
            String agent = AgentIdentity.newAgentName("maven");
            controller.addAgent(agent);

            assertThat(Engine.await(runtime.launch(Engine.template("maven"), agent)).isConnected()).isTrue();
            Engine.await(runtime.sweep(controller.knownAgents(), Set.of()));

            assertThat(cluster.pluginRequests().stream().filter(r -> r.key().equals("LIST /api/v1/namespaces/kube-ops/secrets")))
                    .as("the refused LIST, then the next sweep's").hasSize(2);
        } finally {
            kubelet.close();
        }
    }

    @Test
    public void knownRetainedInFlightAndTerminatingPodsAreNotOrphans() {
        List<Pod> pods = List.of(pod("known", false, false), pod("kept", true, false), pod("launching", false, false),
                pod("going", false, true), pod("orphan", false, false));
        assertThat(OrphanSweeper.orphans(pods, Set.of("known"), Set.of("launching")))
                .extracting(p -> p.getMetadata().getName()).containsExactly("orphan");
    }

    private static Pod pod(String name, boolean retained, boolean terminating) {
        PodBuilder b = new PodBuilder().withNewMetadata().withName(name).addToLabels(OwnLabels.MANAGED_BY, "kube-agents").endMetadata();
        if (retained) {
            b.editMetadata().addToLabels(OwnLabels.RETAINED, "true").endMetadata();
        }
        if (terminating) {
            b.editMetadata().withDeletionTimestamp("2026-01-01T00:00:00Z").endMetadata();
        }
        return b.build();
    }

    private static final class MockResponse500 {
        static MockResponse get() {
            return new MockResponse().setResponseCode(500)
                    .setBody("{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"code\":500,\"message\":\"internal error\"}");
        }
    }
}
