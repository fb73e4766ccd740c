package hudson.slaves;

public class AbstractCloudComputer<T extends AbstractCloudSlave> extends SlaveComputer {
    public AbstractCloudComputer(T slave) {
        super(slave);
        throw new UnsupportedOperationException("compile-only stand-in"); }

    @Override
    public T getNode() {
        throw new UnsupportedOperationException("compile-only stand-in");
    }
}
