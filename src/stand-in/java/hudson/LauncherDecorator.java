package hudson;

import hudson.model.Node;

/** Stand-in. */
public abstract class LauncherDecorator implements ExtensionPoint {
    public abstract Launcher decorate(Launcher launcher, Node node);
}
