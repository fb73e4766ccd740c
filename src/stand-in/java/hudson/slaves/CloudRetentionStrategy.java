package hudson.slaves;

public class CloudRetentionStrategy extends RetentionStrategy<AbstractCloudComputer> {
    public CloudRetentionStrategy(int idleMinutes) {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    @Override
    public void start(AbstractCloudComputer c) {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    @Override
    public long check(AbstractCloudComputer c) {
        throw new UnsupportedOperationException("compile-only stand-in");
    }
}
