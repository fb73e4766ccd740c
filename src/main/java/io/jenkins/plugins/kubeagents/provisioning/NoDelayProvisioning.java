package io.jenkins.plugins.kubeagents.provisioning;

import hudson.Extension;
import hudson.model.Computer;
import hudson.model.Label;
import hudson.model.LoadStatistics;
import hudson.model.Queue;
import hudson.model.queue.QueueListener;
import hudson.slaves.Cloud;
import hudson.slaves.NodeProvisioner;
import io.jenkins.plugins.kubeagents.cloud.KubeAgentsCloud;
import io.jenkins.plugins.kubeagents.engine.capacity.CapacityPlanner;
import java.util.Collection;
import java.util.List;
import jenkins.model.Jenkins;

/**
 * Provisions at once for labels a kube-agents cloud can take, instead of waiting for the standard strategy's
 * load averages to move. Plans only the demand nothing else will meet (idle, connecting and planned executors
 * count), records every planned node, without which Jenkins would never add it, and asks for the review that adds
 * them.
 */
@Extension(ordinal = 100)
public class NoDelayProvisioning extends NodeProvisioner.Strategy {

    @Override
    public NodeProvisioner.StrategyDecision apply(NodeProvisioner.StrategyState state) {
        Label label = state.getLabel();
        LoadStatistics.LoadStatisticsSnapshot snapshot = state.getSnapshot();
        int demand = CapacityPlanner.unmetDemand(snapshot.getQueueLength(), snapshot.getAvailableExecutors(),
                snapshot.getConnectingExecutors(), state.getPlannedCapacitySnapshot(), state.getAdditionalPlannedCapacity());
        List<ProvisioningRound.Cloud> clouds = KubeAgentsCloud.all().stream()
                .map(cloud -> asked(cloud, state)).toList();
        return ProvisioningRound.run(demand, clouds, () -> provisionerOf(label).suggestReviewNow())
                ? NodeProvisioner.StrategyDecision.PROVISIONING_COMPLETED
                : NodeProvisioner.StrategyDecision.CONSULT_REMAINING_STRATEGIES;
    }

    private static ProvisioningRound.Cloud asked(KubeAgentsCloud cloud, NodeProvisioner.StrategyState state) {
        Cloud.CloudState cloudState = new Cloud.CloudState(state.getLabel(), state.getAdditionalPlannedCapacity());
        return new ProvisioningRound.Cloud() {
            @Override
            public boolean canTake() {
                return cloud.canProvision(cloudState);
            }

            @Override
            public int plan(int demand) {
                Collection<NodeProvisioner.PlannedNode> planned = cloud.provision(cloudState, demand);
                state.recordPendingLaunches(planned);
                return planned.stream().mapToInt(p -> p.numExecutors).sum();
            }
        };
    }

    /** The provisioner Jenkins runs for a label; null is unlabelled demand. */
    static NodeProvisioner provisionerOf(Label label) {
        return label == null ? Jenkins.get().unlabeledNodeProvisioner : label.nodeProvisioner;
    }

    /** A job became buildable: review its label as soon as the queue shows it, not at the next periodic review. */
    @Extension
    public static class ReviewWhenBuildable extends QueueListener {
        private final ReviewAfterMaintenance reviews = new ReviewAfterMaintenance(Computer.threadPoolForRemoting, Queue::withLock);

        @Override
        public void onEnterBuildable(Queue.BuildableItem item) {
            Label label = item.getAssignedLabel();
            boolean ours = KubeAgentsCloud.all().stream()
                    .anyMatch(c -> c.canProvision(new Cloud.CloudState(label, 0)));
            if (ours) {
                reviews.request(provisionerOf(label)::suggestReviewNow);
            }
        }
    }
}
