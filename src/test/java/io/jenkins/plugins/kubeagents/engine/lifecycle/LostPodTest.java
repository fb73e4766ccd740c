package io.jenkins.plugins.kubeagents.engine.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.client.dsl.PodResource;
import io.jenkins.plugins.kubeagents.engine.render.OwnLabels;
import io.jenkins.plugins.kubeagents.engine.template.RetentionPolicy;
import io.jenkins.plugins.kubeagents.testing.Agents;
import io.jenkins.plugins.kubeagents.testing.Engine;
import io.jenkins.plugins.kubeagents.testing.EngineOnMockCluster;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.Rule;
import org.junit.Test;

/** A connected agent's pod lost during its build: the controller is told once, with the pod and Kubernetes' reason. */
public class LostPodTest {
    @Rule
    public final EngineOnMockCluster env = new EngineOnMockCluster();

    @Test
    public void aPodDeletedDuringTheBuild() {
        String agent = connectedAgent();
        pod(agent).delete();
        assertThat(awaitLoss()).isEqualTo(new AgentLoss(Agents.NAMESPACE, agent, FailureReason.DELETED,
                "was deleted while its build ran"));
        assertThat(awaitLoss().describe()).isEqualTo("Pod kube-ops/" + agent + " was deleted while its build ran");
    }

    @Test
    public void aPodEvictedDuringTheBuild() {
        String agent = connectedAgent();
        status(agent, s -> new PodStatusBuilder(s).withPhase("Failed").withReason("Evicted")
                .withMessage("The node was low on resource: memory.").build());
        assertThat(awaitLoss().describe()).isEqualTo("Pod kube-ops/" + agent + " was evicted: The node was low on resource: memory.");
        assertThat(awaitLoss().reason()).isEqualTo(FailureReason.LOST);
    }

    @Test
    public void anAgentContainerKilledForMemoryDuringTheBuild() {
        String agent = connectedAgent();
        status(agent, s -> new PodStatusBuilder(s).withPhase("Failed").withContainerStatuses(new ContainerStatusBuilder()
                .withName("jnlp").withNewState().withNewTerminated().withReason("OOMKilled").withExitCode(137).endTerminated()
                .endState().build()).build());
        assertThat(awaitLoss().describe()).isEqualTo("Pod kube-ops/" + agent
                + " lost its agent: container jnlp terminated: OOMKilled (exit code 137)");
        assertThat(awaitLoss().reason()).isEqualTo(FailureReason.CRASHED);
    }

    @Test
    public void aPodLostWithItsNodeDuringTheBuild() {
        String agent = connectedAgent();
        status(agent, s -> new PodStatusBuilder(s).addToConditions(new PodConditionBuilder().withType("DisruptionTarget")
                .withStatus("True").withReason("DeletionByTaintManager")
                .withMessage("Taint manager: deleting due to NoExecute taint key node.kubernetes.io/unreachable").build()).build());
        assertThat(awaitLoss().describe()).isEqualTo("Pod kube-ops/" + agent + " was lost with its node embedded-node-1: "
                + "DeletionByTaintManager: Taint manager: deleting due to NoExecute taint key node.kubernetes.io/unreachable");
    }

    @Test
    public void anAgentEndedByTheControllerIsNoLoss() {
        String agent = connectedAgent();
        Engine.await(env.engine.lifecycle.terminate(Agents.NAMESPACE, agent, RetentionPolicy.NEVER, false));
        env.engine.awaitClusterEmpty();
        assertThat(env.engine.controller.losses()).isEmpty();
    }

    @Test
    public void aLostBuildsPodIsKeptByTheOnFailureRetention() {
        String agent = connectedAgent();
        status(agent, s -> new PodStatusBuilder(s).withPhase("Failed").withReason("Evicted").build());
        awaitLoss();
        Engine.await(env.engine.lifecycle.terminate(Agents.NAMESPACE, agent, RetentionPolicy.ON_FAILURE, true));
        await().atMost(Engine.patience()).untilAsserted(() -> assertThat(pod(agent).get().getMetadata().getLabels())
                .containsEntry(OwnLabels.RETAINED, "true"));
    }

    private String connectedAgent() {
        LaunchOutcome outcome = Engine.await(env.engine.launch(Engine.template("maven")));
        assertThat(outcome.isConnected()).isTrue();
        return outcome.agentName();
    }

    private AgentLoss awaitLoss() {
        await().atMost(Engine.patience()).until(() -> !env.engine.controller.losses().isEmpty());
        List<AgentLoss> losses = env.engine.controller.losses();
        assertThat(losses).as("losses reported").hasSize(1);
        return losses.get(0);
    }

    private PodResource pod(String agent) {
        return env.cluster.kubeletClient().pods().inNamespace(Agents.NAMESPACE).withName(agent);
    }

    /** Writes the pod's status as a kubelet or the node controller would. */
    private void status(String agent, UnaryOperator<PodStatus> change) {
        pod(agent).editStatus(p -> {
            p.setStatus(change.apply(p.getStatus()));
            return p;
        });
    }
}
