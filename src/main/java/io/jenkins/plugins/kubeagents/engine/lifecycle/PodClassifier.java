package io.jenkins.plugins.kubeagents.engine.lifecycle;

import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStateWaiting;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.jenkins.plugins.kubeagents.engine.lifecycle.PodObservation.Kind;
import io.jenkins.plugins.kubeagents.engine.template.ContainerSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a pod's status into a {@link PodObservation}. The most decisive fact wins: the agent container's
 * exit, then the pod's own failure, then container creation and image problems (which Kubernetes reports only
 * in each container's waiting reason, not in the pod phase), then scheduling.
 */
public final class PodClassifier {
    private static final Set<String> IMAGE_PULL = Set.of("ErrImagePull", "ImagePullBackOff", "ErrImageNeverPull",
            "RegistryUnavailable");

    private PodClassifier() {}

    public static PodObservation observe(Pod pod) {
        String node = pod.getSpec() == null ? null : pod.getSpec().getNodeName();
        PodStatus status = pod.getStatus();
        if (status == null) {
            return new PodObservation(Kind.PENDING, node, "pod created");
        }
        List<ContainerStatus> containers = new ArrayList<>(status.getInitContainerStatuses());
        containers.addAll(status.getContainerStatuses());

        Optional<ContainerStatus> agent = status.getContainerStatuses().stream()
                .filter(c -> ContainerSpec.AGENT.equals(c.getName())).findFirst();
        if (agent.isPresent() && agent.get().getState() != null && agent.get().getState().getTerminated() != null) {
            ContainerStateTerminated t = agent.get().getState().getTerminated();
            return new PodObservation(Kind.AGENT_TERMINATED, node, "container " + ContainerSpec.AGENT + " terminated: "
                    + t.getReason() + " (exit code " + t.getExitCode() + ")" + suffix(t.getMessage()));
        }
        if ("Failed".equals(status.getPhase())) {
            return new PodObservation(Kind.POD_FAILED, node,
                    "pod failed: " + (status.getReason() == null ? "Failed" : status.getReason()) + suffix(status.getMessage()));
        }
        if ("Succeeded".equals(status.getPhase())) {
            return new PodObservation(Kind.POD_SUCCEEDED, node, "pod succeeded: every container exited with code 0");
        }
        for (ContainerStatus c : containers) {
            ContainerStateWaiting w = c.getState() == null ? null : c.getState().getWaiting();
            if (w == null || w.getReason() == null) {
                continue;
            }
            String detail = "container " + c.getName() + ": " + w.getReason() + suffix(w.getMessage());
            if ("CreateContainerConfigError".equals(w.getReason())) {
                return new PodObservation(Kind.CONFIG_ERROR, node, detail);
            }
            if ("CreateContainerError".equals(w.getReason())) {
                return new PodObservation(Kind.CREATE_FAILING, node, detail);
            }
            if ("InvalidImageName".equals(w.getReason())) {
                return new PodObservation(Kind.INVALID_IMAGE, node, detail);
            }
            if (IMAGE_PULL.contains(w.getReason())) {
                return new PodObservation(Kind.IMAGE_PULL_FAILING, node, detail);
            }
        }
        Optional<PodCondition> scheduled = status.getConditions().stream()
                .filter(c -> "PodScheduled".equals(c.getType())).findFirst();
        if (scheduled.isPresent() && "False".equals(scheduled.get().getStatus())
                && "Unschedulable".equals(scheduled.get().getReason())) {
            return new PodObservation(Kind.UNSCHEDULABLE, node, "Unschedulable" + suffix(scheduled.get().getMessage()));
        }
        if ("Running".equals(status.getPhase())) {
            return new PodObservation(Kind.RUNNING, node, "running");
        }
        return new PodObservation(Kind.PENDING, node, node == null ? "pending" : "scheduled to " + node);
    }

    private static String suffix(String message) {
        return message == null || message.isBlank() ? "" : ": " + message.strip();
    }
}
