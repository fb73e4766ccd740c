package hudson.model;

import hudson.ExtensionPoint;
import hudson.security.AccessControlled;
import hudson.slaves.NodeDescriptor;

public abstract class Node extends AbstractModelObject implements Describable<Node>, ExtensionPoint, AccessControlled {
    public abstract String getNodeName();

    @Override
    public abstract NodeDescriptor getDescriptor();

    public final Computer toComputer() {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    public enum Mode {
        NORMAL,
        EXCLUSIVE
    }
}
