package hudson.slaves;

import hudson.model.Descriptor;
import hudson.model.Node;

public abstract class NodeDescriptor extends Descriptor<Node> {
    public boolean isInstantiable() {
        throw new UnsupportedOperationException("compile-only stand-in");
    }
}
