package hudson.model;

import hudson.ExtensionPoint;

public abstract class ManagementLink implements ExtensionPoint, Action {
    public String getDescription() {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    public Category getCategory() {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    public enum Category {
        CONFIGURATION
    }
}
