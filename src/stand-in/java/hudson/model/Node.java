package hudson.model;

import hudson.ExtensionPoint;
import hudson.security.AccessControlled;
import hudson.slaves.NodeDescriptor;
import java.io.IOException;

public abstract class Node extends AbstractModelObject implements Describable<Node>, ExtensionPoint, AccessControlled {
    public abstract String getNodeName();

    @Override
    public abstract NodeDescriptor getDescriptor();

    public boolean isAcceptingTasks() {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    public java.util.Set<hudson.model.labels.LabelAtom> getAssignedLabels() {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    public hudson.model.labels.LabelAtom getSelfLabel() {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    public hudson.model.queue.CauseOfBlockage canTake(Queue.BuildableItem item) {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    public void save() throws IOException {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    public final Computer toComputer() {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    public enum Mode {
        NORMAL,
        EXCLUSIVE
    }
}
