package io.jenkins.plugins.kubeagents.pipeline;

import hudson.AbortException;
import hudson.LauncherDecorator;
import hudson.model.Node;
import io.jenkins.plugins.kubeagents.agents.KubeAgentsAgent;
import io.jenkins.plugins.kubeagents.engine.exec.ContainerExec;
import java.util.Optional;
import org.jenkinsci.plugins.workflow.steps.BodyExecutionCallback;
import org.jenkinsci.plugins.workflow.steps.BodyInvoker;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;

/**
 * Checks the build runs on a kube-agents pod that has the container, then runs the body with a launcher decorator
 * that starts its processes there. The decorator is saved with the build, so after a controller restart the body's
 * steps still run in the container.
 */
final class ContainerStepExecution extends StepExecution {
    private static final long serialVersionUID = 1L;

    private final String container;

    ContainerStepExecution(StepContext context, String container) {
        super(context);
        this.container = container;
    }

    @Override
    public boolean start() throws Exception {
        Node node = getContext().get(Node.class);
        if (!(node instanceof KubeAgentsAgent agent)) {
            throw new AbortException(notOnAPod(container, node == null ? null : node.getNodeName()));
        }
        Optional<String> refusal = ContainerExec.refusal(agent.runtime().pod(agent.getNamespace(), agent.getNodeName()),
                agent.getNamespace(), agent.getNodeName(), container);
        if (refusal.isPresent()) {
            throw new AbortException(refusal.get());
        }
        getContext().newBodyInvoker()
                .withContext(BodyInvoker.mergeLauncherDecorators(getContext().get(LauncherDecorator.class), new InContainer(container)))
                .withCallback(new PassOn())
                .start();
        return false;
    }

    /** @param nodeName Jenkins names its built-in node "" */
    static String notOnAPod(String container, String nodeName) {
        return "container('" + container + "') runs steps in a container of a kube-agents pod, but node '"
                + (nodeName == null ? "(none)" : nodeName.isEmpty() ? "built-in" : nodeName) + "' is not a kube-agents agent, so it has no pod and no"
                + " containers: put the step inside node('<a label of a kube-agents template>')";
    }

    /** The body's result, or failure, is the step's: the tail call passes both on; nothing is left to do after it. */
    private static final class PassOn extends BodyExecutionCallback.TailCall {
        private static final long serialVersionUID = 1L;

        @Override
        protected void finished(StepContext context) {
        }
    }
}
