package hudson.model;

public abstract class AsyncPeriodicWork extends PeriodicWork {
    protected AsyncPeriodicWork(String name) {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    protected abstract void execute(TaskListener listener) throws java.io.IOException, InterruptedException;
}
