package hudson.slaves;

import hudson.model.Node;
import java.util.concurrent.Future;

/** Stand-in. */
public class NodeProvisioner {
    private NodeProvisioner() {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    public static class PlannedNode {
        public final String displayName;
        public final Future<Node> future;
        public final int numExecutors;

        public PlannedNode(String displayName, Future<Node> future, int numExecutors) {
            throw new UnsupportedOperationException("compile-only stand-in");
        }
    }
}
