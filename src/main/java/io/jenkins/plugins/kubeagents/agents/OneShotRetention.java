package io.jenkins.plugins.kubeagents.agents;

import hudson.model.Descriptor;
import hudson.model.Executor;
import hudson.model.Queue;
import hudson.slaves.AbstractCloudComputer;
import hudson.slaves.RetentionStrategy;
import io.jenkins.plugins.kubeagents.pipeline.NodeBlocks;
import java.util.logging.Logger;

/**
 * One build, then the agent goes: when it accepts its build it stops taking tasks, for good (the node is saved so
 * a controller restart does not undo it), and when the build completes it is terminated (the node removed, the pod
 * handled by the retention policy). An agent that never gets a build is terminated once idle for the backup
 * minutes, so a cancelled job does not leave a pod running.
 *
 * <p>A Pipeline {@code node} block is one build that may leave its executor and come back: Pipeline's contract
 * (durable-task's {@code ContinuableExecutable}, as its {@code OnceRetentionStrategy} reads it) says an executable
 * that "will continue" is not finished, and after a controller restart Pipeline queues the block's continuation,
 * pinned to this agent. So such an agent reconnects after a restart and takes that continuation only (see
 * {@link KubeAgentsAgent#blockage}); if none comes (the build was aborted meanwhile), the backup idle minutes end it.
 */
public class OneShotRetention extends AgentRetention {
    private static final Logger LOGGER = Logger.getLogger(OneShotRetention.class.getName());
    private static final Descriptor<RetentionStrategy<?>> DESCRIPTOR = new DescriptorImpl();

    /** @param backupIdleMinutes longer than the launch may take: Jenkins counts a launching agent as idle */
    public OneShotRetention(int backupIdleMinutes) {
        super(backupIdleMinutes);
    }

    @Override
    boolean isOneShot() {
        return true;
    }

    /**
     * Jenkins starts every saved node again after a restart. An agent whose build had started before it is ended
     * instead of connected, unless that build is a {@code node} block, which Pipeline continues on it: a freestyle
     * build died with the restart, and its agent may not take another.
     */
    @Override
    public void start(AbstractCloudComputer c) {
        if (c instanceof KubeAgentsComputer agentComputer && agentComputer.getNode() != null
                && !agentComputer.getNode().isAcceptingTasks()) {
            LOGGER.info(() -> "agent " + c.getName() + " started its one build before the controller restarted: ending it");
            agentComputer.terminateLater();
            return;
        }
        super.start(c);
    }

    @Override
    public void taskCompleted(Executor executor, Queue.Task task, long durationMS) {
        done(executor, false);
    }

    @Override
    public void taskCompletedWithProblems(Executor executor, Queue.Task task, long durationMS, Throwable problems) {
        done(executor, true);
    }

    private static void done(Executor executor, boolean failed) {
        if (!(executor.getOwner() instanceof KubeAgentsComputer agentComputer)) {
            return;
        }
        if (NodeBlocks.willContinue(executor.getCurrentExecutable())) {
            LOGGER.fine(() -> "agent " + agentComputer.getName() + " keeps its node block, which will continue");
            agentComputer.awaitContinuation();
            return;
        }
        if (failed) {
            agentComputer.markFailed();
        }
        agentComputer.buildEnded();
        agentComputer.terminateLater();
    }

    @Override
    public Descriptor<RetentionStrategy<?>> getDescriptor() {
        return DESCRIPTOR;
    }

    private static final class DescriptorImpl extends Descriptor<RetentionStrategy<?>> {
        @Override
        public String getDisplayName() {
            return "One build, then terminate";
        }
    }
}
