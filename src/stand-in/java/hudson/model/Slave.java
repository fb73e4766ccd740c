package hudson.model;

import hudson.slaves.ComputerLauncher;
import hudson.slaves.NodeDescriptor;
import hudson.slaves.RetentionStrategy;
import java.io.IOException;

public abstract class Slave extends Node {
    protected Slave(String name, String remoteFS, ComputerLauncher launcher) throws Descriptor.FormException, IOException {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    @Override
    public String getNodeName() {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    public String getNodeDescription() {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    public void setNumExecutors(int n) {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    public void setMode(Mode mode) {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    public void setLabelString(String labelString) throws IOException {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    public void setRetentionStrategy(RetentionStrategy<?> availabilityStrategy) {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    @Override
    public SlaveDescriptor getDescriptor() {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    public abstract static class SlaveDescriptor extends NodeDescriptor {
    }

    public hudson.FilePath getRootPath() {
        throw new UnsupportedOperationException("compile-only stand-in");
    }
}
