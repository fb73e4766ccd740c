package hudson.model;

import hudson.ExtensionPoint;

public abstract class AdministrativeMonitor extends AbstractModelObject implements ExtensionPoint {
    protected AdministrativeMonitor() {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    public abstract boolean isActivated();

    public String getDisplayName() {
        throw new UnsupportedOperationException("compile-only stand-in");
    }
}
