package org.jenkinsci.plugins.durabletask.executors;

import hudson.model.Queue;

/** Stand-in (durable-task). */
public interface ContinuableExecutable extends Queue.Executable {
    boolean willContinue();
}
