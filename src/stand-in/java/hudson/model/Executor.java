package hudson.model;

import jenkins.model.CauseOfInterruption;

public class Executor extends Thread {
    private Executor() {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    public static Executor currentExecutor() {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    public boolean isBusy() {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    public void interrupt(Result result, CauseOfInterruption... causes) {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    public Queue.Executable getCurrentExecutable() {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    public Computer getOwner() {
        throw new UnsupportedOperationException("compile-only stand-in");
    }
}
