package io.jenkins.plugins.kubeagents.engine.lifecycle;

import java.time.Duration;

/**
 * How patient the lifecycle is.
 *
 * @param imagePullGrace how long an image may stay in ErrImagePull/ImagePullBackOff, or a container in
 *     CreateContainerError, before the launch fails (a registry hiccup or a busy container runtime recovers within
 *     it; a wrong name does not)
 * @param unschedulableBudget how long a pod may stay unschedulable (the cluster autoscaler may add a node)
 * @param recheckInterval how often in-flight launches and deletions are re-read from the cache, for the
 *     time-based decisions; this reads memory, never the API
 * @param deleteConfirmTimeout how long after a DELETE the cache may still show the pod without a
 *     deletionTimestamp before the DELETE is sent again
 * @param cacheLagLimit how long a created pod may be absent from the cache before one GET asks whether it still
 *     exists: after a dropped watch the informer re-lists, and a pod created and deleted between two lists never
 *     appears in the cache at all
 */
public record LifecycleSettings(Duration imagePullGrace, Duration unschedulableBudget, Duration recheckInterval,
        Duration deleteConfirmTimeout, Duration cacheLagLimit, Backoff backoff) {

    public static final LifecycleSettings STANDARD = new LifecycleSettings(Duration.ofSeconds(30), Duration.ofMinutes(5),
            Duration.ofSeconds(1), Duration.ofSeconds(60), Duration.ofSeconds(10), Backoff.STANDARD);
}
