package io.jenkins.plugins.kubeagents.engine.lifecycle;

/** Why an agent pod did not give a connected agent. Each is explained in the README's troubleshooting section. */
public enum FailureReason {
    /** The template cannot be rendered; nothing was created. */
    INVALID_TEMPLATE,
    /** An image cannot be pulled: wrong name or tag, missing registry credentials, registry unreachable. */
    IMAGE_PULL,
    /** Kubernetes cannot create a container from the pod spec: a missing ConfigMap or Secret, a bad command. */
    CONFIGURATION,
    /** No node can take the pod: resources, node selector, taints, or affinity. */
    UNSCHEDULABLE,
    /** The agent container exited: out of memory, or an error in the agent's start-up. */
    CRASHED,
    /** Kubernetes took the pod away: evicted from its node, or past its active deadline. */
    LOST,
    /** Someone else deleted the pod. */
    DELETED,
    /** The namespace's ResourceQuota did not allow the pod for as long as the agent could wait. */
    QUOTA,
    /** The API server refused a request (for example 403 for a missing permission, or 422). */
    API_ERROR,
    /** The pod ran but its agent did not connect in time: usually a wrong Jenkins URL or tunnel. */
    CONNECT_TIMEOUT
}
