package org.jenkinsci.plugins.durabletask.executors;

import hudson.model.Queue;

/** Stand-in (durable-task). */
public interface ContinuedTask extends Queue.Task {
    boolean isContinued();
}
