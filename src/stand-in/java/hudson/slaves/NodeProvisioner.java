package hudson.slaves;

import hudson.ExtensionPoint;
import hudson.model.Label;
import hudson.model.LoadStatistics;
import hudson.model.Node;
import java.util.Collection;
import java.util.concurrent.Future;

public class NodeProvisioner {
    private NodeProvisioner() {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    public void suggestReviewNow() {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    public static class PlannedNode {
        // No initializers: a constant here would be copied into the plugin instead of Jenkins' field being read.
        public final String displayName;
        public final Future<Node> future;
        public final int numExecutors;

        public PlannedNode(String displayName, Future<Node> future, int numExecutors) {
            throw new UnsupportedOperationException("compile-only stand-in");
        }
    }

    public abstract static class Strategy implements ExtensionPoint {
        public abstract StrategyDecision apply(StrategyState state);
    }

    public final class StrategyState {
        private StrategyState() {
            throw new UnsupportedOperationException("compile-only stand-in");
        }

        public Label getLabel() {
            throw new UnsupportedOperationException("compile-only stand-in");
        }

        public LoadStatistics.LoadStatisticsSnapshot getSnapshot() {
            throw new UnsupportedOperationException("compile-only stand-in");
        }

        public int getPlannedCapacitySnapshot() {
            throw new UnsupportedOperationException("compile-only stand-in");
        }

        public int getAdditionalPlannedCapacity() {
            throw new UnsupportedOperationException("compile-only stand-in");
        }

        public void recordPendingLaunches(Collection<PlannedNode> plannedNodes) {
            throw new UnsupportedOperationException("compile-only stand-in");
        }
    }

    public enum StrategyDecision {
        CONSULT_REMAINING_STRATEGIES,
        PROVISIONING_COMPLETED
    }
}
