package hudson.slaves;

import hudson.ExtensionPoint;
import hudson.model.AbstractDescribableImpl;
import hudson.model.Computer;

public abstract class RetentionStrategy<T extends Computer> extends AbstractDescribableImpl<RetentionStrategy<?>>
        implements ExtensionPoint {
    public abstract long check(T c);

    public void start(T c) {
        throw new UnsupportedOperationException("compile-only stand-in");
    }
}
