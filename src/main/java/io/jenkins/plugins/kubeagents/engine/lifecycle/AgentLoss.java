package io.jenkins.plugins.kubeagents.engine.lifecycle;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodStatus;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * A connected agent's pod gone or failed while the agent was in use, with Kubernetes' reason: what ends its build
 * and what the build's console says.
 *
 * @param what what happened to the pod, e.g. {@code was evicted: The node was low on resource: memory.}
 */
public record AgentLoss(String namespace, String agentName, FailureReason reason, String what) {
    /** The reasons Kubernetes gives a pod it takes away with a node that is gone or unreachable. */
    private static final Set<String> NODE_GONE = Set.of("DeletionByTaintManager", "DeletionByPodGC", "NodeLost");

    /**
     * How long a build whose agent's connection closed waits for this verdict before it ends. A deleted, evicted or
     * OOM-killed pod stops its agent first: the controller sees the connection close within milliseconds, while the
     * pod's deletion or terminated status reaches the informer after the kubelet's next status update, a few
     * seconds at most.
     */
    public static final Duration VERDICT_WAIT = Duration.ofSeconds(10);

    /** One line for the build's console: {@code Pod kube-ops/maven-x1y2z3w4 was evicted: …}. */
    public String describe() {
        return "Pod " + namespace + "/" + agentName + " " + what;
    }

    /**
     * What the pod's state, as the cache shows it, means for its connected agent: empty while the pod is fine.
     *
     * @param pod null when the pod is gone from the cluster
     */
    public static Optional<AgentLoss> of(String namespace, String agentName, Pod pod) {
        if (pod == null) {
            return Optional.of(new AgentLoss(namespace, agentName, FailureReason.DELETED, "was deleted while its build ran"));
        }
        Optional<PodCondition> disruption = pod.getStatus() == null ? Optional.empty() : pod.getStatus().getConditions().stream()
                .filter(c -> "DisruptionTarget".equals(c.getType()) && "True".equals(c.getStatus())).findFirst();
        if (disruption.isPresent() && NODE_GONE.contains(disruption.get().getReason())) {
            return Optional.of(nodeGone(namespace, agentName, pod, disruption.get().getReason() + suffix(disruption.get().getMessage())));
        }
        PodStatus status = pod.getStatus();
        if (status != null && ("NodeLost".equals(status.getReason()) || "Unknown".equals(status.getPhase()))) {
            return Optional.of(nodeGone(namespace, agentName, pod, (status.getReason() == null ? "Unknown" : status.getReason())
                    + suffix(status.getMessage())));
        }
        if (pod.getMetadata().getDeletionTimestamp() != null) {
            return Optional.of(new AgentLoss(namespace, agentName, FailureReason.DELETED, "is being deleted while its build runs"
                    + disruption.map(c -> ": " + c.getReason() + suffix(c.getMessage())).orElse("")));
        }
        PodObservation observed = PodClassifier.observe(pod);
        return Optional.ofNullable(switch (observed.kind()) {
            case POD_FAILED -> "Evicted".equals(status.getReason())
                    ? new AgentLoss(namespace, agentName, FailureReason.LOST, "was evicted" + suffix(status.getMessage()))
                    : new AgentLoss(namespace, agentName, FailureReason.LOST, "failed: " + status.getReason() + suffix(status.getMessage()));
            case AGENT_TERMINATED, POD_SUCCEEDED ->
                    new AgentLoss(namespace, agentName, FailureReason.CRASHED, "lost its agent: " + observed.detail());
            default -> null;
        });
    }

    private static AgentLoss nodeGone(String namespace, String agentName, Pod pod, String detail) {
        String node = pod.getSpec() == null || pod.getSpec().getNodeName() == null ? "" : " " + pod.getSpec().getNodeName();
        return new AgentLoss(namespace, agentName, FailureReason.LOST, "was lost with its node" + node + ": " + detail);
    }

    private static String suffix(String message) {
        return message == null || message.isBlank() ? "" : ": " + message.strip();
    }
}
