package io.jenkins.plugins.kubeagents.engine.template;

/** Whether an agent's pod is kept after the agent ends, for debugging. */
public enum RetentionPolicy {
    /** Delete the pod when the agent ends. */
    NEVER,
    /** Keep the pod when it failed (a terminal failure or a non-zero agent exit); delete it otherwise. */
    ON_FAILURE,
    /** Keep every pod; someone deletes it by hand (the orphan sweep leaves kept pods alone). */
    ALWAYS
}
