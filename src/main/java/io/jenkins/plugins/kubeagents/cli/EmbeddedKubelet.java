package io.jenkins.plugins.kubeagents.cli;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.jenkins.plugins.kubeagents.lifecycle.PodCache;
import io.jenkins.plugins.kubeagents.render.OwnLabels;
import io.jenkins.plugins.kubeagents.template.ContainerSpec;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The scheduler and kubelet of the {@link EmbeddedCluster}, for pods of kube-agents: one node with 4 CPUs and
 * 8Gi; images from a few well-known repositories "pull", others fail as an unknown image does; the agent
 * container runs its command, which in a trial is the self-test, and exits 0. Reads pods from the engine's own
 * informer-backed {@link PodCache}, like everything else.
 */
final class EmbeddedKubelet implements AutoCloseable {
    static final String NODE = "embedded-node-1";
    private static final Quantity NODE_CPU = new Quantity("4");
    private static final Quantity NODE_MEMORY = new Quantity("8Gi");
    private static final List<String> KNOWN_REPOSITORIES = List.of("jenkins/inbound-agent", "maven", "eclipse-temurin",
            "docker", "alpine", "busybox", "ubuntu", "debian", "node", "python", "golang", "gradle",
            "alpine/helm", "kube-agents/agent");

    private final KubernetesClient client;
    private final PodCache cache;
    private final Set<String> played = ConcurrentHashMap.newKeySet();
    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "embedded-kubelet");
        t.setDaemon(true);
        return t;
    });

    EmbeddedKubelet(KubernetesClient client, String namespace) {
        this.client = client;
        this.cache = new PodCache(client, Map.of(OwnLabels.MANAGED_BY, OwnLabels.MANAGED_BY_VALUE), this::changed);
        cache.watch(namespace);
    }

    private void changed(Pod pod) {
        boolean present = cache.get(pod.getMetadata().getNamespace(), pod.getMetadata().getName()).isPresent();
        if (present && played.add(pod.getMetadata().getUid())) {
            executor.execute(() -> play(pod));
        }
    }

    private void play(Pod pod) {
        try {
            String unfit = whyNotSchedulable(pod);
            if (unfit != null) {
                status(pod, new PodStatusBuilder().withPhase("Pending").withConditions(new PodConditionBuilder()
                        .withType("PodScheduled").withStatus("False").withReason("Unschedulable").withMessage(unfit).build()).build());
                return;
            }
            client.pods().inNamespace(pod.getMetadata().getNamespace()).withName(pod.getMetadata().getName())
                    .edit(p -> { p.getSpec().setNodeName(NODE); return p; });
            status(pod, new PodStatusBuilder().withPhase("Pending").withConditions(scheduled()).build());
            Container unknown = pod.getSpec().getContainers().stream().filter(c -> !known(c.getImage())).findFirst().orElse(null);
            if (unknown != null) {
                status(pod, waiting(pod, unknown, "ErrImagePull", "failed to pull and unpack image \"" + unknown.getImage()
                        + "\": pull access denied, repository does not exist or may require authorization"));
                status(pod, waiting(pod, unknown, "ImagePullBackOff", "Back-off pulling image \"" + unknown.getImage() + "\""));
                return;
            }
            status(pod, new PodStatusBuilder().withPhase("Running").withConditions(scheduled())
                    .withContainerStatuses(statuses(pod, false)).build());
            status(pod, new PodStatusBuilder().withPhase("Succeeded").withConditions(scheduled())
                    .withContainerStatuses(statuses(pod, true)).build());
        } catch (KubernetesClientException e) {
            if (e.getCode() != 404) { // deleted while playing: nothing left to do
                throw e;
            }
        }
    }

    /** The pod's requests (the largest of its containers', summed) against the one node's capacity. */
    private static String whyNotSchedulable(Pod pod) {
        BigDecimal cpu = BigDecimal.ZERO;
        BigDecimal memory = BigDecimal.ZERO;
        for (Container c : pod.getSpec().getContainers()) {
            Map<String, Quantity> requests = c.getResources() == null ? null : c.getResources().getRequests();
            if (requests != null && requests.get("cpu") != null) {
                cpu = cpu.add(requests.get("cpu").getNumericalAmount());
            }
            if (requests != null && requests.get("memory") != null) {
                memory = memory.add(requests.get("memory").getNumericalAmount());
            }
        }
        if (cpu.compareTo(NODE_CPU.getNumericalAmount()) > 0) {
            return "0/1 nodes are available: 1 Insufficient cpu.";
        }
        if (memory.compareTo(NODE_MEMORY.getNumericalAmount()) > 0) {
            return "0/1 nodes are available: 1 Insufficient memory.";
        }
        return null;
    }

    private static boolean known(String image) {
        String repository = image.contains("@") ? image.substring(0, image.indexOf('@')) : image;
        int colon = repository.lastIndexOf(':');
        if (colon > repository.lastIndexOf('/')) {
            repository = repository.substring(0, colon);
        }
        repository = repository.replaceFirst("^(docker\\.io/)?(library/)?", "");
        return KNOWN_REPOSITORIES.contains(repository);
    }

    private static List<ContainerStatus> statuses(Pod pod, boolean agentDone) {
        String now = Instant.now().toString();
        return pod.getSpec().getContainers().stream().map(c -> {
            ContainerStatusBuilder b = new ContainerStatusBuilder().withName(c.getName()).withImage(c.getImage());
            if (agentDone && c.getName().equals(ContainerSpec.AGENT)) {
                return b.withReady(false).withNewState().withNewTerminated().withExitCode(0).withReason("Completed")
                        .withFinishedAt(now).endTerminated().endState().build();
            }
            return b.withReady(true).withNewState().withNewRunning().withStartedAt(now).endRunning().endState().build();
        }).toList();
    }

    private static PodStatus waiting(Pod pod, Container failing, String reason, String message) {
        List<ContainerStatus> statuses = pod.getSpec().getContainers().stream().map(c -> new ContainerStatusBuilder()
                .withName(c.getName()).withImage(c.getImage()).withReady(false).withNewState().withNewWaiting()
                .withReason(c == failing ? reason : "PodInitializing").withMessage(c == failing ? message : null)
                .endWaiting().endState().build()).toList();
        return new PodStatusBuilder().withPhase("Pending").withConditions(scheduled()).withContainerStatuses(statuses).build();
    }

    private static PodCondition scheduled() {
        return new PodConditionBuilder().withType("PodScheduled").withStatus("True").build();
    }

    private void status(Pod pod, PodStatus status) {
        client.pods().inNamespace(pod.getMetadata().getNamespace()).withName(pod.getMetadata().getName())
                .editStatus(p -> { p.setStatus(status); return p; });
    }

    @Override
    public void close() {
        executor.shutdownNow();
        cache.close();
        client.close();
    }
}
