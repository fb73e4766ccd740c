package io.jenkins.plugins.kubeagents.engine.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Pod;
import io.jenkins.plugins.kubeagents.cli.SimulatedKubelet;
import io.jenkins.plugins.kubeagents.engine.cluster.ClusterSettings;
import io.jenkins.plugins.kubeagents.engine.lifecycle.LaunchOutcome;
import io.jenkins.plugins.kubeagents.engine.render.AgentIdentity;
import io.jenkins.plugins.kubeagents.engine.render.OwnLabels;
import io.jenkins.plugins.kubeagents.engine.runtime.CloudRuntime;
import io.jenkins.plugins.kubeagents.testing.Agents;
import io.jenkins.plugins.kubeagents.testing.Engine;
import io.jenkins.plugins.kubeagents.testing.InMemoryControllerLink;
import io.jenkins.plugins.kubeagents.testing.MockCluster;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;

/**
 * Two clouds of one controller in one namespace, each running agents: every sweep of each leaves the other's pods
 * alone, however often it runs, and deletes only its own orphans.
 */
public class CloudsSharingANamespaceTest {
    @Rule
    public final MockCluster cluster = new MockCluster();

    /** One cloud: its engine and the agents the controller has of it. */
    private final class Cloud {
        final InMemoryControllerLink agents = new InMemoryControllerLink(Agents.CONTROLLER_ID);
        final CloudRuntime runtime;
        final List<String> names = new ArrayList<>();

        Cloud(String name) {
            runtime = CloudRuntime.start(name, ClusterSettings.inCluster(Agents.NAMESPACE), cluster.config(), agents, Engine.FAST);
            agents.onConnect(runtime::agentConnected);
        }

        List<LaunchOutcome> launch(String template, int count) {
            List<LaunchOutcome> outcomes = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                String name = AgentIdentity.newAgentName(template);
                agents.addAgent(name);
                names.add(name);
                outcomes.add(Engine.await(runtime.launch(Engine.template(template), name)));
            }
            return outcomes;
        }
    }

    private Cloud kube;
    private Cloud other;
    private SimulatedKubelet kubelet;

    @Before
    public void twoCloudsOneNamespace() {
        kube = new Cloud("kube");
        other = new Cloud("Kube"); // a name that differs only in case: not a label value of its own
        kubelet = new SimulatedKubelet(cluster.kubeletClient(), Agents.NAMESPACE,
                name -> (kube.names.contains(name) ? kube : other).agents.connect(name));
    }

    @After
    public void stop() {
        kubelet.close();
        kube.runtime.close();
        other.runtime.close();
    }

    @Test
    public void repeatedSweepsOfEachCloudLeaveTheOtherCloudsAgentsRunning() {
        assertThat(Stream.concat(kube.launch("maven", 3).stream(), other.launch("temp", 3).stream()))
                .allMatch(LaunchOutcome::isConnected, "connected");

        for (int sweep = 0; sweep < 3; sweep++) {
            assertThat(Engine.await(kube.runtime.sweep(kube.agents.knownAgents(), Set.of()))).as("orphans of kube").isZero();
            assertThat(Engine.await(other.runtime.sweep(other.agents.knownAgents(), Set.of()))).as("orphans of Kube").isZero();
        }

        assertThat(livePodNames()).containsExactlyInAnyOrderElementsOf(
                Stream.concat(kube.names.stream(), other.names.stream()).toList());
        assertThat(cluster.pluginRequests()).as("requests of the plugin").noneMatch(r -> r.verb().equals("DELETE"));
        for (String name : other.names) {
            assertThat(kube.runtime.pod(Agents.NAMESPACE, name)).as("Kube's pod in kube's cache").isEmpty();
        }
    }

    @Test
    public void aCloudSweepsOnlyItsOwnOrphans() {
        kube.launch("maven", 2);
        other.launch("temp", 2);
        String gone = kube.names.get(0);
        kube.agents.removeAgent(gone);

        assertThat(Engine.await(other.runtime.sweep(other.agents.knownAgents(), Set.of()))).isZero();
        assertThat(Engine.await(kube.runtime.sweep(kube.agents.knownAgents(), Set.of()))).isEqualTo(1);

        await().atMost(Engine.patience()).untilAsserted(() -> assertThat(livePodNames())
                .containsExactlyInAnyOrder(kube.names.get(1), other.names.get(0), other.names.get(1)));
    }

    @Test
    public void cloudNamesThatAreNoLabelValuesGetDistinctLabels() {
        assertThat(OwnLabels.cloudValue("kube")).isEqualTo("kube");
        assertThat(Set.of(OwnLabels.cloudValue("Kube"), OwnLabels.cloudValue("KUBE"), OwnLabels.cloudValue("kube")))
                .hasSize(3).allMatch(v -> v.matches("[a-z0-9]([a-z0-9._-]{0,61}[a-z0-9])?"), "a label value");
        assertThat(OwnLabels.cloudValue("My Cloud")).startsWith("my-cloud-");
        assertThat(OwnLabels.cloudValue("é".repeat(80))).matches("[0-9a-f]{8}");
        assertThat(OwnLabels.cloudValue("a".repeat(80))).hasSizeLessThanOrEqualTo(63);
    }

    private List<String> livePodNames() {
        return cluster.kubeletClient().pods().inNamespace(Agents.NAMESPACE).list().getItems().stream()
                .filter(p -> p.getMetadata().getDeletionTimestamp() == null)
                .map(Pod::getMetadata).map(m -> m.getName()).toList();
    }
}
