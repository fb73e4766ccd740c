package io.jenkins.plugins.kubeagents.testing;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.jenkins.plugins.kubeagents.lifecycle.PodCache;
import io.jenkins.plugins.kubeagents.render.OwnLabels;
import java.util.Map;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * Plays the scheduler, the kubelet and the garbage collector on the mock API server, which has none: it moves
 * each new agent pod through the phases of its {@link Scenario} (through the status subresource, as a kubelet
 * does), tells the in-memory controller when the agent "connects", and deletes Secrets whose owner pod is gone.
 */
public final class TestKubelet implements AutoCloseable {
    /** What happens to a pod. */
    public enum Scenario {
        /** Scheduled, started, and its agent connects. */
        RUN_AND_CONNECT,
        /** Scheduled and started, but the agent never connects. */
        RUN_WITHOUT_CONNECTING,
        /** The first non-agent container's image cannot be pulled: ErrImagePull, then ImagePullBackOff. */
        IMAGE_PULL_BACKOFF,
        INVALID_IMAGE_NAME,
        /** A container cannot be created: a ConfigMap it needs is missing. */
        CONFIG_ERROR,
        /** No node fits; the scheduler's message changes once. */
        UNSCHEDULABLE,
        /** The agent container is killed for memory after starting. */
        OOM_KILLED,
        /** The agent container exits with code 1 before connecting. */
        AGENT_EXITS,
        EVICTED,
        DEADLINE_EXCEEDED,
        /** Someone deletes the pod while it starts. */
        DELETED_BY_SOMEONE,
        /** Nothing ever happens. */
        STAYS_PENDING
    }

    private final KubernetesClient client;
    private final InMemoryControllerLink controller;
    private final ExecutorService executor = Executors.newFixedThreadPool(2);
    /** Kubernetes' garbage collector is its own controller, not the kubelet: its work never waits behind pods'. */
    private final ExecutorService garbageCollector = Executors.newSingleThreadExecutor();
    private final Set<String> played = ConcurrentHashMap.newKeySet();
    private final Set<String> collected = ConcurrentHashMap.newKeySet();
    private final List<String> errors = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile Function<Pod, Scenario> scenarios = pod -> Scenario.RUN_AND_CONNECT;
    private final PodCache cache;

    /**
     * Watches the agent namespace through the engine's own {@link PodCache}, level-triggered: a pod in the cache
     * not yet played is played; a pod gone from the cache is collected.
     */
    public TestKubelet(KubernetesClient client, InMemoryControllerLink controller) {
        this.client = client;
        this.controller = controller;
        this.cache = new PodCache(client, Map.of(OwnLabels.MANAGED_BY, OwnLabels.MANAGED_BY_VALUE), this::changed);
        cache.watch(Agents.NAMESPACE);
    }

    private void changed(Pod pod) {
        boolean present = cache.get(pod.getMetadata().getNamespace(), pod.getMetadata().getName())
                .filter(p -> p.getMetadata().getUid().equals(pod.getMetadata().getUid())).isPresent();
        if (present && played.add(pod.getMetadata().getUid())) {
            executor.execute(() -> play(pod));
        } else if (!present && collected.add(pod.getMetadata().getUid())) {
            garbageCollector.execute(() -> collectGarbage(pod));
        }
    }

    /** Chooses each pod's scenario; the default runs every pod and connects its agent. */
    public void scenarios(Function<Pod, Scenario> chooser) {
        this.scenarios = chooser;
    }

    /** By template: pods of the named template get the scenario, others run and connect. */
    public void scenarioForTemplate(String template, Scenario scenario) {
        scenarios(pod -> template.equals(pod.getMetadata().getLabels().get(OwnLabels.TEMPLATE)) ? scenario : Scenario.RUN_AND_CONNECT);
    }

    private void play(Pod pod) {
        String name = pod.getMetadata().getName();
        try {
            switch (scenarios.apply(pod)) {
                case RUN_AND_CONNECT -> {
                    run(pod);
                    controller.connect(name);
                }
                case RUN_WITHOUT_CONNECTING -> run(pod);
                case IMAGE_PULL_BACKOFF -> {
                    Container c = failingContainer(pod);
                    schedule(pod);
                    status(pod, pending(pod, c.getName(), "ErrImagePull",
                            "failed to pull and unpack image \"" + c.getImage() + "\": not found"));
                    status(pod, pending(pod, c.getName(), "ImagePullBackOff", "Back-off pulling image \"" + c.getImage() + "\""));
                }
                case INVALID_IMAGE_NAME -> {
                    Container c = failingContainer(pod);
                    schedule(pod);
                    status(pod, pending(pod, c.getName(), "InvalidImageName",
                            "Failed to apply default image tag \"" + c.getImage() + "\": couldn't parse image name"));
                }
                case CONFIG_ERROR -> {
                    schedule(pod);
                    status(pod, pending(pod, failingContainer(pod).getName(), "CreateContainerConfigError",
                            "configmap \"build-settings\" not found"));
                }
                case UNSCHEDULABLE -> {
                    status(pod, unschedulable("0/3 nodes are available: 3 Insufficient cpu."));
                    status(pod, unschedulable("0/4 nodes are available: 4 Insufficient cpu."));
                }
                case OOM_KILLED -> {
                    run(pod);
                    status(pod, agentTerminated(pod, "OOMKilled", 137));
                }
                case AGENT_EXITS -> {
                    run(pod);
                    status(pod, agentTerminated(pod, "Error", 1));
                }
                case EVICTED -> {
                    run(pod);
                    status(pod, new PodStatusBuilder().withPhase("Failed").withReason("Evicted")
                            .withMessage("The node was low on resource: memory.").build());
                }
                case DEADLINE_EXCEEDED -> {
                    schedule(pod);
                    status(pod, new PodStatusBuilder().withPhase("Failed").withReason("DeadlineExceeded")
                            .withMessage("Pod was active on the node longer than the specified deadline").build());
                }
                case DELETED_BY_SOMEONE -> {
                    schedule(pod);
                    retryTransient(() -> client.pods().inNamespace(pod.getMetadata().getNamespace()).withName(name).delete());
                }
                case STAYS_PENDING -> { }
            }
        } catch (KubernetesClientException e) {
            if (e.getCode() != 404) { // a pod deleted mid-scenario is normal
                errors.add(name + ": " + e);
            }
        } catch (RuntimeException e) {
            errors.add(name + ": " + e);
        }
    }

    private void run(Pod pod) {
        schedule(pod);
        List<ContainerStatus> running = pod.getSpec().getContainers().stream().map(c -> new ContainerStatusBuilder()
                .withName(c.getName()).withImage(c.getImage()).withReady(true)
                .withNewState().withNewRunning().withStartedAt("2026-01-01T00:00:01Z").endRunning().endState().build()).toList();
        status(pod, new PodStatusBuilder().withPhase("Running").withConditions(scheduled()).withContainerStatuses(running).build());
    }

    private void schedule(Pod pod) {
        retryTransient(() -> client.pods().inNamespace(pod.getMetadata().getNamespace()).withName(pod.getMetadata().getName())
                .edit(p -> { p.getSpec().setNodeName("node-1"); return p; }));
        status(pod, new PodStatusBuilder().withPhase("Pending").withConditions(scheduled()).build());
    }

    /** Writes the status as a kubelet does: through the status subresource, read afresh on a conflict. */
    private void status(Pod pod, PodStatus status) {
        UnaryOperator<Pod> set = p -> { p.setStatus(status); return p; };
        retryTransient(() -> client.pods().inNamespace(pod.getMetadata().getNamespace()).withName(pod.getMetadata().getName())
                .editStatus(set));
    }

    /** Retries a conflict (someone wrote in between) or a lost connection, as a kubelet keeps trying. */
    private static void retryTransient(Runnable write) {
        for (int attempt = 1; ; attempt++) {
            try {
                write.run();
                return;
            } catch (KubernetesClientException e) {
                boolean transientError = e.getCode() == 409 || e.getCode() <= 0 || e.getCode() >= 500;
                if (!transientError || attempt == 10) {
                    throw e;
                }
            }
        }
    }

    /** What went wrong in the kubelet itself (not in the pods it plays); tests assert it is empty. */
    public List<String> errors() {
        return List.copyOf(errors);
    }

    private static Container failingContainer(Pod pod) {
        return pod.getSpec().getContainers().stream().filter(c -> !c.getName().equals("jnlp")).findFirst()
                .orElse(pod.getSpec().getContainers().get(0));
    }

    private static PodStatus pending(Pod pod, String container, String reason, String message) {
        List<ContainerStatus> statuses = pod.getSpec().getContainers().stream().map(c -> c.getName().equals(container)
                ? new ContainerStatusBuilder().withName(c.getName()).withImage(c.getImage()).withReady(false)
                        .withNewState().withNewWaiting().withReason(reason).withMessage(message).endWaiting().endState().build()
                : new ContainerStatusBuilder().withName(c.getName()).withImage(c.getImage()).withReady(false)
                        .withNewState().withNewWaiting().withReason("ContainerCreating").endWaiting().endState().build()).toList();
        return new PodStatusBuilder().withPhase("Pending").withConditions(scheduled()).withContainerStatuses(statuses).build();
    }

    private static PodStatus unschedulable(String message) {
        return new PodStatusBuilder().withPhase("Pending").withConditions(new PodConditionBuilder().withType("PodScheduled")
                .withStatus("False").withReason("Unschedulable").withMessage(message).build()).build();
    }

    private static PodStatus agentTerminated(Pod pod, String reason, int exitCode) {
        List<ContainerStatus> statuses = pod.getSpec().getContainers().stream().map(c -> c.getName().equals("jnlp")
                ? new ContainerStatusBuilder().withName(c.getName()).withImage(c.getImage()).withReady(false)
                        .withNewState().withNewTerminated().withReason(reason).withExitCode(exitCode).endTerminated().endState().build()
                : new ContainerStatusBuilder().withName(c.getName()).withImage(c.getImage()).withReady(true)
                        .withNewState().withNewRunning().endRunning().endState().build()).toList();
        return new PodStatusBuilder().withPhase("Failed").withConditions(scheduled()).withContainerStatuses(statuses).build();
    }

    private static io.fabric8.kubernetes.api.model.PodCondition scheduled() {
        return new PodConditionBuilder().withType("PodScheduled").withStatus("True").build();
    }

    /** Kubernetes' garbage collector: a Secret owned by a deleted pod goes too. */
    private void collectGarbage(Pod pod) {
        String uid = pod.getMetadata().getUid();
        for (Secret s : client.secrets().inNamespace(pod.getMetadata().getNamespace())
                .withLabel(OwnLabels.MANAGED_BY, OwnLabels.MANAGED_BY_VALUE).list().getItems()) {
            if (s.getMetadata().getOwnerReferences().stream().anyMatch(o -> uid.equals(o.getUid()))) {
                client.resource(s).delete();
            }
        }
    }

    @Override
    public void close() {
        cache.close();
        executor.shutdownNow();
        garbageCollector.shutdownNow();
    }
}
