package io.jenkins.plugins.kubeagents.pipeline;

import hudson.model.Queue;
import org.jenkinsci.plugins.durabletask.executors.ContinuableExecutable;
import org.jenkinsci.plugins.durabletask.executors.ContinuedTask;

/** The durable-task types themselves; loaded only through {@link NodeBlocks}, once it found them. */
final class DurableTaskContract {
    private DurableTaskContract() {}

    static boolean isContinuedTask(Queue.Task task) {
        return task instanceof ContinuedTask;
    }

    static boolean isContinuation(Queue.Task task) {
        return task instanceof ContinuedTask continued && continued.isContinued();
    }

    static boolean willContinue(Queue.Executable executable) {
        return executable instanceof ContinuableExecutable continuable && continuable.willContinue();
    }
}
