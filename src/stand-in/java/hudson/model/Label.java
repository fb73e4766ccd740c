package hudson.model;

import hudson.model.labels.LabelAtom;
import hudson.slaves.NodeProvisioner;
import java.util.Collection;
import java.util.Set;

public abstract class Label extends Actionable {
    public final NodeProvisioner nodeProvisioner = null;

    public final String getName() {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    public Set<Node> getNodes() {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    public final boolean matches(Collection<? extends LabelAtom> labels) {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    public static Set<LabelAtom> parse(String labels) {
        throw new UnsupportedOperationException("compile-only stand-in");
    }
}
