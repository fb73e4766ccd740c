package io.jenkins.plugins.kubeagents;

import hudson.model.Descriptor;
import hudson.model.Executor;
import hudson.model.ExecutorListener;
import hudson.model.Queue;
import hudson.slaves.AbstractCloudComputer;
import hudson.slaves.CloudRetentionStrategy;
import hudson.slaves.RetentionStrategy;

/**
 * An agent kept for further builds until idle for the template's {@code idleMinutes}, as Jenkins' own cloud
 * retention does, except that a warm agent is not ended for being idle (its pool keeps it idle on purpose) and
 * leaves the pool when it takes its first build.
 */
public class ReuseRetention extends CloudRetentionStrategy implements ExecutorListener {
    private static final Descriptor<RetentionStrategy<?>> DESCRIPTOR = new DescriptorImpl();

    public ReuseRetention(int idleMinutes) {
        super(idleMinutes);
    }

    @Override
    public long check(AbstractCloudComputer c) {
        return c instanceof KubeAgentsComputer agent && agent.isWarm() ? 1 : super.check(c);
    }

    @Override
    public void taskAccepted(Executor executor, Queue.Task task) {
        if (executor.getOwner() instanceof KubeAgentsComputer agentComputer) {
            agentComputer.tookBuild(false);
        }
    }

    @Override
    public Descriptor<RetentionStrategy<?>> getDescriptor() {
        return DESCRIPTOR;
    }

    private static final class DescriptorImpl extends Descriptor<RetentionStrategy<?>> {
        @Override
        public String getDisplayName() {
            return "Kept for further builds until idle";
        }
    }
}
