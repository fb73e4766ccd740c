package hudson.model;

import hudson.remoting.VirtualChannel;
import hudson.security.AccessControlled;
import hudson.slaves.OfflineCause;
import java.util.List;
import java.util.concurrent.ExecutorService;
import jenkins.model.IComputer;

public abstract class Computer extends Actionable implements AccessControlled, IComputer, ExecutorListener {
    public static final ExecutorService threadPoolForRemoting = null;

    public String getName() {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    public Node getNode() {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    public abstract VirtualChannel getChannel();

    @Override
    public OfflineCause getOfflineCause() {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    public List<Executor> getExecutors() {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    public void setOfflineCause(OfflineCause cause) {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    public final boolean isIdle() {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    public final boolean isOnline() {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    public hudson.EnvVars getEnvironment() throws java.io.IOException, InterruptedException {
        throw new UnsupportedOperationException("compile-only stand-in");
    }
}
