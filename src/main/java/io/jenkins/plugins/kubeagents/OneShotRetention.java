package io.jenkins.plugins.kubeagents;

import hudson.model.Computer;
import hudson.model.Descriptor;
import hudson.model.Executor;
import hudson.model.ExecutorListener;
import hudson.model.Queue;
import hudson.slaves.AbstractCloudComputer;
import hudson.slaves.CloudRetentionStrategy;
import hudson.slaves.RetentionStrategy;
import java.io.IOException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One build, then the agent goes: when its task completes it stops taking tasks and is terminated (the node
 * removed, the pod handled by the retention policy). An agent that never gets a build is terminated once idle
 * for the backup minutes, so a cancelled job does not leave a pod running.
 */
public class OneShotRetention extends CloudRetentionStrategy implements ExecutorListener {
    private static final Logger LOGGER = Logger.getLogger(OneShotRetention.class.getName());
    private static final Descriptor<RetentionStrategy<?>> DESCRIPTOR = new DescriptorImpl();

    /** @param backupIdleMinutes longer than the launch may take: Jenkins counts a launching agent as idle */
    public OneShotRetention(int backupIdleMinutes) {
        super(backupIdleMinutes);
    }

    /**
     * The inherited idle check, declared here so this class carries the {@code check(Computer)} bridge itself:
     * the API checker reads Jenkins' signatures from source, where the bridge of the generic override is absent.
     */
    @Override
    public long check(AbstractCloudComputer c) {
        return super.check(c);
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
        agentComputer.setAcceptingTasks(false);
        Computer.threadPoolForRemoting.submit(() -> {
            KubeAgentsAgent agent = agentComputer.getNode();
            if (agent == null) {
                return;
            }
            try {
                agent.terminate();
            } catch (IOException e) {
                LOGGER.log(Level.WARNING, "could not terminate agent " + agent.getNodeName(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
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
