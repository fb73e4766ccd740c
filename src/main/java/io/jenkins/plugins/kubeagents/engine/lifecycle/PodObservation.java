package io.jenkins.plugins.kubeagents.engine.lifecycle;

/**
 * What a pod's status says about its agent, reduced to the one fact the launch decides on.
 *
 * @param node the node the pod is scheduled to, or null
 * @param detail the Kubernetes reason, message and container, for the timeline and failure messages
 */
public record PodObservation(Kind kind, String node, String detail) {
    public enum Kind {
        /** Waiting to be scheduled, or scheduled and starting; nothing wrong yet. */
        PENDING,
        /** The scheduler cannot place the pod (PodScheduled=False, reason Unschedulable). */
        UNSCHEDULABLE,
        /** A container's image cannot be pulled (ErrImagePull, ImagePullBackOff). */
        IMAGE_PULL_FAILING,
        /** The image name itself is invalid; pulling will never succeed. */
        INVALID_IMAGE,
        /** Kubernetes cannot create a container from its configuration (CreateContainerConfigError: a missing key). */
        CONFIG_ERROR,
        /**
         * The container runtime failed to create a container (CreateContainerError): often transient on a busy node
         * (a timeout, a name still held by a container being removed), and the kubelet tries again.
         */
        CREATE_FAILING,
        /** All containers started. */
        RUNNING,
        /** The agent container terminated. */
        AGENT_TERMINATED,
        /** The pod failed as a whole: evicted, past its deadline, or another pod-level reason. */
        POD_FAILED,
        /** Every container exited successfully: the agent ended without connecting. */
        POD_SUCCEEDED
    }
}
