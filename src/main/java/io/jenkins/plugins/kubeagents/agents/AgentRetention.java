package io.jenkins.plugins.kubeagents.agents;

import hudson.model.Executor;
import hudson.model.ExecutorListener;
import hudson.model.Queue;
import hudson.slaves.AbstractCloudComputer;
import hudson.slaves.CloudRetentionStrategy;
import io.jenkins.plugins.kubeagents.pipeline.NodeBlocks;

/**
 * Jenkins' cloud retention (an agent idle for so many minutes is ended) as kube-agents' agents need it: a warm
 * agent is not ended for being idle, since its pool keeps it idle on purpose; and the build an agent takes is
 * recorded on it (it leaves the pool; a one-shot agent takes no other).
 */
public abstract class AgentRetention extends CloudRetentionStrategy implements ExecutorListener {
    protected AgentRetention(int idleMinutes) {
        super(idleMinutes);
    }

    /** Whether the agent takes one build only. */
    abstract boolean isOneShot();

    /**
     * The inherited idle check, except for warm agents. Declared here also so this class carries the
     * {@code check(Computer)} bridge itself: the API checker reads Jenkins' signatures from source, where the bridge
     * of the generic override is absent.
     */
    @Override
    public long check(AbstractCloudComputer c) {
        return c instanceof KubeAgentsComputer agent && agent.isWarm() ? 1 : super.check(c);
    }

    @Override
    public void taskAccepted(Executor executor, Queue.Task task) {
        if (executor.getOwner() instanceof KubeAgentsComputer agentComputer) {
            agentComputer.tookBuild(isOneShot(), NodeBlocks.continuesAfterRestart(task));
        }
    }
}
