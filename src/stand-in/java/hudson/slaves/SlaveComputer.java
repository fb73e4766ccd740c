package hudson.slaves;

import hudson.model.Computer;
import hudson.remoting.Channel;
import hudson.model.Slave;

public class SlaveComputer extends Computer {
    public SlaveComputer(Slave slave) {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    @Override
    public Channel getChannel() {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    public String getJnlpMac() {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    @Override
    public Slave getNode() {
        throw new UnsupportedOperationException("compile-only stand-in");
    }
}
