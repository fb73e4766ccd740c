package io.jenkins.plugins.kubeagents.agents;

import hudson.model.Computer;
import hudson.model.Descriptor;
import hudson.model.Executor;
import hudson.model.Queue;
import hudson.slaves.AbstractCloudComputer;
import hudson.slaves.RetentionStrategy;
import java.util.logging.Logger;

/**
 * One build, then the agent goes: when it accepts its build it stops taking tasks, for good (the node is saved so
 * a controller restart does not undo it), and when the build completes it is terminated (the node removed, the pod
 * handled by the retention policy). An agent that never gets a build is terminated once idle for the backup
 * minutes, so a cancelled job does not leave a pod running.
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
     * instead of connected: its build died with the restart, and it may not take another.
     */
    @Override
    public void start(AbstractCloudComputer c) {
        if (c instanceof KubeAgentsComputer agentComputer && agentComputer.getNode() != null
                && agentComputer.getNode().hasStartedItsBuild()) {
            LOGGER.info(() -> "agent " + c.getName() + " started its one build before the controller restarted: ending it");
            agentComputer.terminateLater();
            return;
        }
        super.start(c);
    }

    @Override
    public void taskCompleted(Executor executor, Queue.Task task, long durationMS) {
        done(executor.getOwner(), false);
    }

    @Override
    public void taskCompletedWithProblems(Executor executor, Queue.Task task, long durationMS, Throwable problems) {
        done(executor.getOwner(), true);
    }

    private static void done(Computer computer, boolean failed) {
        if (!(computer instanceof KubeAgentsComputer agentComputer)) {
            return;
        }
        if (failed) {
            agentComputer.markFailed();
        }
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
