package hudson.model;

import hudson.ExtensionPoint;

public interface ExecutorListener extends ExtensionPoint {
    default void taskAccepted(Executor executor, Queue.Task task) {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    default void taskCompleted(Executor executor, Queue.Task task, long durationMS) {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    default void taskCompletedWithProblems(Executor executor, Queue.Task task, long durationMS, Throwable problems) {
        throw new UnsupportedOperationException("compile-only stand-in");
    }
}
