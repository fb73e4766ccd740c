package hudson.model;

public abstract class LoadStatistics {
    private LoadStatistics() {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    public static class LoadStatisticsSnapshot {
        private LoadStatisticsSnapshot() {
            throw new UnsupportedOperationException("compile-only stand-in");
        }

        public int getAvailableExecutors() {
            throw new UnsupportedOperationException("compile-only stand-in");
        }

        public int getConnectingExecutors() {
            throw new UnsupportedOperationException("compile-only stand-in");
        }

        public int getQueueLength() {
            throw new UnsupportedOperationException("compile-only stand-in");
        }
    }
}
