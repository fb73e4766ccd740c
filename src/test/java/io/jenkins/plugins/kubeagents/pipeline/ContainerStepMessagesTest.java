package io.jenkins.plugins.kubeagents.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.Test;

/** What the step says when it cannot run; the pod's own refusals are ContainerExecTest's. */
public class ContainerStepMessagesTest {
    @Test
    public void outsideAKubeAgentsAgentTheStepNamesTheContainerAndTheNode() {
        assertThat(ContainerStepExecution.notOnAPod("maven", "")).isEqualTo("container('maven') runs steps in a container"
                + " of a kube-agents pod, but node 'built-in' is not a kube-agents agent, so it has no pod and no containers:"
                + " put the step inside node('<a label of a kube-agents template>')");
        assertThat(ContainerStepExecution.notOnAPod("maven", "static-1")).contains("but node 'static-1' is not a kube-agents agent");
    }
}
