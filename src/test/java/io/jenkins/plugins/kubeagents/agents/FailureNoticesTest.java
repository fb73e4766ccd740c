package io.jenkins.plugins.kubeagents.agents;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.jenkins.plugins.kubeagents.engine.capacity.LaunchBreaker;
import io.jenkins.plugins.kubeagents.engine.lifecycle.AgentLoss;
import io.jenkins.plugins.kubeagents.engine.lifecycle.FailureReason;
import io.jenkins.plugins.kubeagents.pages.PausedTemplate;
import io.jenkins.plugins.kubeagents.pages.PausedTemplatesMonitor;
import io.jenkins.plugins.kubeagents.provisioning.PausedTemplateDispatcher;
import java.lang.reflect.Method;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Arrays;
import org.junit.Test;

/** What users read when pods fail: the administrators' notice, the queue's reason, a lost build's console. */
public class FailureNoticesTest {
    private static final LaunchBreaker.Pause PAUSE = new LaunchBreaker.Pause("maven", FailureReason.IMAGE_PULL,
            "container maven: ImagePullBackOff: Back-off pulling image \"mavne:3.9\"", 3, Instant.parse("2026-12-02T10:32:05Z"));

    @Test
    public void theNoticeShowsCloudTemplateKubernetesMessageFailuresAndNextTry() {
        PausedTemplate row = new PausedTemplate("kube", PAUSE);
        assertThat(row.getCloud()).isEqualTo("kube");
        assertThat(row.getTemplate()).isEqualTo("maven");
        assertThat(row.getFailure()).isEqualTo("IMAGE_PULL: container maven: ImagePullBackOff: Back-off pulling image \"mavne:3.9\"");
        assertThat(row.getFailedLaunches()).isEqualTo(3);
        assertThat(row.getNextTry()).isEqualTo(PAUSE.nextTry().atZone(ZoneId.systemDefault()).toLocalTime().toString());
    }

    @Test
    public void theNoticeHasNoWebMethodsAndLeavesItsPermissionToJenkins() {
        assertThat(Arrays.stream(PausedTemplatesMonitor.class.getDeclaredMethods()).map(Method::getName))
                .as("web methods and permission overrides").noneMatch(n -> n.startsWith("do") || n.contains("Permission"));
    }

    @Test
    public void theQueueSaysWhichTemplateIsPausedAndWhy() {
        assertThat(new PausedTemplateDispatcher.TemplatePaused(PAUSE.whyWaiting("kube")).getShortDescription())
                .isEqualTo("Template maven of cloud kube is paused after 3 failed launches (next try at 2026-12-02T10:32:05Z): "
                        + "IMAGE_PULL: container maven: ImagePullBackOff: Back-off pulling image \"mavne:3.9\"");
    }

    @Test
    public void aLostBuildsConsoleNamesThePodAndTheReason() {
        assertThat(interruption(null)).isEqualTo("Pod kube-ops/maven-x1y2z3w4 was deleted while its build ran");
        assertThat(interruption(pod().withNewStatus().withPhase("Failed").withReason("Evicted")
                .withMessage("The node was low on resource: memory.").endStatus().build()))
                .isEqualTo("Pod kube-ops/maven-x1y2z3w4 was evicted: The node was low on resource: memory.");
        assertThat(interruption(pod().withNewStatus().withPhase("Failed").addNewContainerStatus().withName("jnlp")
                .withNewState().withNewTerminated().withReason("OOMKilled").withExitCode(137).endTerminated().endState()
                .endContainerStatus().endStatus().build()))
                .isEqualTo("Pod kube-ops/maven-x1y2z3w4 lost its agent: container jnlp terminated: OOMKilled (exit code 137)");
        assertThat(interruption(pod().withNewStatus().withPhase("Unknown").withReason("NodeLost")
                .withMessage("Node node-7 which was running pod maven-x1y2z3w4 is unresponsive").endStatus().build()))
                .isEqualTo("Pod kube-ops/maven-x1y2z3w4 was lost with its node node-7: NodeLost: "
                        + "Node node-7 which was running pod maven-x1y2z3w4 is unresponsive");
        assertThat(AgentLoss.of("kube-ops", "maven-x1y2z3w4", pod().withNewStatus().withPhase("Running").endStatus().build()))
                .as("a running pod").isEmpty();
    }

    @Test
    public void aFailedLaunchIsTheAgentsOfflineCause() {
        assertThat(new PodFailedOfflineCause("Pod kube-ops/maven-x1y2z3w4 did not give an agent: IMAGE_PULL: …"))
                .hasToString("Pod kube-ops/maven-x1y2z3w4 did not give an agent: IMAGE_PULL: …");
    }

    private static String interruption(Pod pod) {
        AgentLoss loss = AgentLoss.of("kube-ops", "maven-x1y2z3w4", pod).orElseThrow();
        return new PodLostInterruption(loss.describe()).getShortDescription();
    }

    private static PodBuilder pod() {
        return new PodBuilder().withNewMetadata().withName("maven-x1y2z3w4").withNamespace("kube-ops").endMetadata()
                .withNewSpec().withNodeName("node-7").endSpec();
    }
}
