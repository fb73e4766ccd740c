package io.jenkins.plugins.kubeagents;

import hudson.Extension;
import hudson.model.Label;
import hudson.model.LoadStatistics;
import hudson.model.Queue;
import hudson.model.queue.QueueListener;
import hudson.slaves.Cloud;
import hudson.slaves.NodeProvisioner;
import io.jenkins.plugins.kubeagents.capacity.CapacityPlanner;
import java.util.Collection;
import jenkins.model.Jenkins;

/**
 * Provisions at once for labels a kube-agents cloud can take, instead of waiting for the standard strategy's
 * load averages to move. Plans only the demand nothing else will meet (idle, connecting and planned executors
 * count), and records every planned node, without which Jenkins would never add it.
 */
@Extension(ordinal = 100)
public class NoDelayProvisioning extends NodeProvisioner.Strategy {

    @Override
    public NodeProvisioner.StrategyDecision apply(NodeProvisioner.StrategyState state) {
        Label label = state.getLabel();
        LoadStatistics.LoadStatisticsSnapshot snapshot = state.getSnapshot();
        int demand = CapacityPlanner.unmetDemand(snapshot.getQueueLength(), snapshot.getAvailableExecutors(),
                snapshot.getConnectingExecutors(), state.getPlannedCapacitySnapshot(), state.getAdditionalPlannedCapacity());
        boolean ours = false;
        for (KubeAgentsCloud cloud : Jenkins.get().clouds.getAll(KubeAgentsCloud.class)) {
            Cloud.CloudState cloudState = new Cloud.CloudState(label, state.getAdditionalPlannedCapacity());
            if (!cloud.canProvision(cloudState)) {
                continue;
            }
            ours = true;
            if (demand <= 0) {
                break;
            }
            Collection<NodeProvisioner.PlannedNode> planned = cloud.provision(cloudState, demand);
            state.recordPendingLaunches(planned);
            demand -= planned.stream().mapToInt(p -> p.numExecutors).sum();
        }
        return ours && demand <= 0 ? NodeProvisioner.StrategyDecision.PROVISIONING_COMPLETED
                : NodeProvisioner.StrategyDecision.CONSULT_REMAINING_STRATEGIES;
    }

    /** A job became buildable: review its label now rather than at the next 10-second tick. */
    @Extension
    public static class ReviewWhenBuildable extends QueueListener {
        @Override
        public void onEnterBuildable(Queue.BuildableItem item) {
            Label label = item.getAssignedLabel();
            Jenkins jenkins = Jenkins.get();
            boolean ours = jenkins.clouds.getAll(KubeAgentsCloud.class).stream()
                    .anyMatch(c -> c.canProvision(new Cloud.CloudState(label, 0)));
            if (ours) {
                label.nodeProvisioner.suggestReviewNow();
            }
        }
    }
}
