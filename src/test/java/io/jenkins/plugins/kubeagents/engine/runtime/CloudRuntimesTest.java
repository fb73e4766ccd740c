package io.jenkins.plugins.kubeagents.engine.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.jenkins.plugins.kubeagents.cli.SimulatedKubelet;
import io.jenkins.plugins.kubeagents.engine.cluster.ClusterSettings;
import io.jenkins.plugins.kubeagents.engine.render.AgentIdentity;
import io.jenkins.plugins.kubeagents.testing.Agents;
import io.jenkins.plugins.kubeagents.testing.Engine;
import io.jenkins.plugins.kubeagents.testing.InMemoryControllerLink;
import io.jenkins.plugins.kubeagents.testing.MockCluster;
import io.jenkins.plugins.kubeagents.engine.lifecycle.LaunchOutcome;
import io.jenkins.plugins.kubeagents.engine.template.RetentionPolicy;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.Rule;
import org.junit.Test;

public class CloudRuntimesTest {
    @Rule
    public final MockCluster cluster = new MockCluster();

    private final InMemoryControllerLink controller = new InMemoryControllerLink(Agents.CONTROLLER_ID);
    private final CloudRuntimes runtimes = new CloudRuntimes((name, settings) -> CloudRuntime.start(name, settings,
            cluster.config(), controller, Engine.FAST));

    @Test
    public void unchangedSettingsKeepTheRunningClient() {
        CloudRuntime first = runtimes.get("k8s", ClusterSettings.inCluster("kube-ops"));
        assertThat(runtimes.get("k8s", ClusterSettings.inCluster("kube-ops"))).isSameAs(first);
        runtimes.close();
    }

    /** A cloud removed (or renamed) during a build: its engine ends the agent's pod, then stops. */
    @Test
    public void aRemovedCloudsRuntimeRunsUntilItsAgentsAndPodsAreGone() {
        CloudRuntime removed = runtimes.get("k8s", ClusterSettings.inCluster(Agents.NAMESPACE));
        controller.onConnect(removed::agentConnected);
        SimulatedKubelet kubelet = new SimulatedKubelet(cluster.kubeletClient(), Agents.NAMESPACE, controller::connect);
        try {
            String agent = AgentIdentity.newAgentName("maven");
            controller.addAgent(agent);
            assertThat(Engine.await(removed.launch(Engine.template("maven"), agent)).isConnected()).isTrue();

            runtimes.retire(Set.of(), cloud -> true);
            assertThat(runtimes.running("k8s")).as("while the controller has its agent").containsSame(removed);
            runtimes.retire(Set.of(), cloud -> false);
            assertThat(runtimes.running("k8s")).as("while its pod is in the cluster").containsSame(removed);

            controller.removeAgent(agent); // its build ended: Jenkins removed the node
            assertThat(Engine.await(removed.sweep(controller.knownAgents(), Set.of()))).isEqualTo(1);
            await().atMost(Engine.patience()).until(() -> !removed.hasPodsToEnd());
            runtimes.retire(Set.of(), cloud -> false);

            assertThat(runtimes.running("k8s")).isEmpty();
            assertThat(removed.client().getHttpClient().isClosed()).isTrue();
            assertThat(cluster.kubeletClient().pods().inNamespace(Agents.NAMESPACE).list().getItems()).isEmpty();
        } finally {
            kubelet.close();
        }
    }

    /**
     * Changed connection settings replace the cloud's runtime; the old one keeps the launch it started (it connects),
     * still tells of its agent's lost pod, ends the pod, and only then stops.
     */
    @Test
    public void aRuntimeReplacedByChangedSettingsFinishesWhatItStarted() {
        CloudRuntime old = runtimes.get("k8s", ClusterSettings.inCluster(Agents.NAMESPACE));
        controller.onConnect(old::agentConnected);
        SimulatedKubelet kubelet = new SimulatedKubelet(cluster.kubeletClient(), Agents.NAMESPACE, controller::connect);
        kubelet.scenarios(pod -> SimulatedKubelet.Scenario.RUN_WITHOUT_CONNECTING);
        try {
            String agent = AgentIdentity.newAgentName("maven");
            controller.addAgent(agent);
            CompletableFuture<LaunchOutcome> launch = old.launch(Engine.template("maven"), agent);
            await().atMost(Engine.patience()).until(() -> old.pods().size() == 1);

            CloudRuntime replacement = runtimes.get("k8s", new ClusterSettings(null, Agents.NAMESPACE, new ClusterSettings.InCluster(), false, 10, 60));
            assertThat(replacement).isNotSameAs(old);
            controller.connect(agent);
            assertThat(Engine.await(launch).isConnected()).as("the launch the old runtime started").isTrue();

            cluster.kubeletClient().pods().inNamespace(Agents.NAMESPACE).withName(agent).delete();
            await().atMost(Engine.patience()).until(() -> !controller.losses().isEmpty());
            runtimes.retire(Set.of("k8s"), cloud -> true);
            assertThat(runtimes.draining()).as("while it ends its agent").containsExactly(old);

            Engine.await(old.terminate(Agents.NAMESPACE, agent, RetentionPolicy.NEVER, true));
            runtimes.retire(Set.of("k8s"), cloud -> true);
            assertThat(runtimes.draining()).isEmpty();
            assertThat(old.client().getHttpClient().isClosed()).isTrue();
            assertThat(replacement.client().getHttpClient().isClosed()).isFalse();
        } finally {
            kubelet.close();
            runtimes.close();
        }
    }

    @Test
    public void liveCloudsKeepTheirRuntimes() {
        CloudRuntime live = runtimes.get("k8s", ClusterSettings.inCluster(Agents.NAMESPACE));
        runtimes.retire(Set.of("k8s"), cloud -> false);
        assertThat(runtimes.running("k8s")).containsSame(live);
        runtimes.close();
    }

    @Test
    public void changedSettingsStartANewRuntimeAndAnIdleOldOneStopsAtTheNextRetire() {
        CloudRuntime first = runtimes.get("k8s", ClusterSettings.inCluster("kube-ops"));
        CloudRuntime second = runtimes.get("k8s", ClusterSettings.inCluster("builds"));
        assertThat(second).isNotSameAs(first);
        runtimes.retire(Set.of("k8s"), cloud -> false);
        assertThat(first.client().getHttpClient().isClosed()).isTrue();
        assertThat(second.client().getHttpClient().isClosed()).isFalse();

        runtimes.stop("k8s");
        assertThat(second.client().getHttpClient().isClosed()).isTrue();
    }
}
