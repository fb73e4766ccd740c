package io.jenkins.plugins.kubeagents.pipeline;

import hudson.model.Queue;

/**
 * What the rest of the plugin asks of Pipeline's contract for work that continues after a controller restart
 * (durable-task's {@code ContinuedTask} and {@code ContinuableExecutable}, which a {@code node} block's placeholder
 * task and executable implement). Without the durable-task plugin every answer is no, and no Pipeline class is
 * loaded: the plugin runs freestyle builds in a Jenkins without Pipeline.
 */
public final class NodeBlocks {
    private static final boolean DURABLE_TASK = present("org.jenkinsci.plugins.durabletask.executors.ContinuedTask");

    private NodeBlocks() {}

    /** The task is a Pipeline {@code node} block: Pipeline continues it on the same agent after a restart. */
    public static boolean continuesAfterRestart(Queue.Task task) {
        return DURABLE_TASK && DurableTaskContract.isContinuedTask(task);
    }

    /** The task is the continuation of a {@code node} block that already started on an agent, after a restart. */
    public static boolean isContinuation(Queue.Task task) {
        return DURABLE_TASK && DurableTaskContract.isContinuation(task);
    }

    /** The executable that just left its executor will continue (its {@code node} block has not ended). */
    public static boolean willContinue(Queue.Executable executable) {
        return DURABLE_TASK && DurableTaskContract.willContinue(executable);
    }

    /** An optional dependency's classes are visible to this plugin only when that plugin is installed. */
    private static boolean present(String className) {
        try {
            Class.forName(className, false, NodeBlocks.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
