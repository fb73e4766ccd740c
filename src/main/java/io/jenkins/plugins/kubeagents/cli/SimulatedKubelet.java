package io.jenkins.plugins.kubeagents.cli;

import io.fabric8.kubernetes.api.model.BindingBuilder;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.jenkins.plugins.kubeagents.engine.lifecycle.PodCache;
import io.jenkins.plugins.kubeagents.engine.render.OwnLabels;
import io.jenkins.plugins.kubeagents.engine.template.ContainerSpec;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * The scheduler, the kubelets and the garbage collector of a Kubernetes API that has none (fabric8's mock
 * server): each new pod of kube-agents is moved through the phases of its {@link Scenario}, written through the
 * status subresource as a kubelet does; the agent "connects" through a callback; a Secret whose owner pod is
 * gone is deleted. Pods are read from the engine's own informer-backed {@link PodCache}.
 *
 * <p>The embedded API of the CLI chooses each pod's scenario from the pod itself ({@link #fromThePod}); tests
 * choose what they need.
 */
public final class SimulatedKubelet implements AutoCloseable {
    /** What happens to a pod. */
    public enum Scenario {
        /** Scheduled and started, and its agent connects. */
        RUN_AND_CONNECT,
        /** Scheduled and started, but the agent never connects. */
        RUN_WITHOUT_CONNECTING,
        /** Scheduled and started; the agent container runs its command (a trial's self-test) and exits 0. */
        SELF_TEST_COMPLETES,
        /** An image cannot be pulled: ErrImagePull, then ImagePullBackOff. */
        IMAGE_PULL_BACKOFF,
        INVALID_IMAGE_NAME,
        /** A container cannot be created: a ConfigMap it needs is missing. */
        CONFIG_ERROR,
        /** The container runtime keeps failing to create a container (CreateContainerError). */
        CREATE_ERROR,
        /** The container runtime fails to create a container once, then starts it, and the agent connects. */
        CREATE_ERROR_THEN_CONNECT,
        /** No node fits; the scheduler's message changes once (an autoscaler adds a node that does not fit either). */
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

    static final String NODE = "embedded-node-1";
    /** The one node's size: a pod requesting more cannot be scheduled. */
    static final Map<String, Quantity> NODE_CAPACITY = Map.of("cpu", new Quantity("4"), "memory", new Quantity("8Gi"));
    /** The images the simulated registry has; others fail to pull. */
    private static final Set<String> KNOWN_REPOSITORIES = Set.of("jenkins/inbound-agent", "maven", "eclipse-temurin",
            "docker", "alpine", "busybox", "ubuntu", "debian", "node", "python", "golang", "gradle", "alpine/helm",
            "kube-agents/agent");

    private final KubernetesClient client;
    private final Consumer<String> agentConnects;
    private final ExecutorService kubelet = Executors.newFixedThreadPool(2, daemon("simulated-kubelet"));
    /** Kubernetes' garbage collector is its own controller, not the kubelet: its work never waits behind pods'. */
    private final ExecutorService garbageCollector = Executors.newSingleThreadExecutor(daemon("simulated-gc"));
    private final Set<String> played = ConcurrentHashMap.newKeySet();
    private final Set<String> collected = ConcurrentHashMap.newKeySet();
    private final Set<String> stopped = ConcurrentHashMap.newKeySet();
    /** Whether this kubelet also does the garbage collector's work; a real cluster has its own. */
    private volatile boolean collectsGarbage = true;
    private final List<String> errors = new CopyOnWriteArrayList<>();
    private volatile Function<Pod, Scenario> scenarios = pod -> Scenario.RUN_AND_CONNECT;
    /** Scheduling, image pull and container start take time on a real node; none here unless set. */
    private volatile Duration startDelay = Duration.ZERO;
    private final ScheduledExecutorService delays = Executors.newSingleThreadScheduledExecutor(daemon("simulated-kubelet-delay"));
    private final PodCache cache;

    /**
     * Watches the namespace, level-triggered: a pod in the cache not yet played is played; a pod gone from the
     * cache is collected.
     *
     * @param agentConnects told the agent's name when its agent "connects" (a controller would see it online)
     */
    public SimulatedKubelet(KubernetesClient client, String namespace, Consumer<String> agentConnects) {
        this.client = client;
        this.agentConnects = agentConnects;
        this.cache = new PodCache(client, Map.of(OwnLabels.MANAGED_BY, OwnLabels.MANAGED_BY_VALUE), this::changed);
        cache.watch(namespace);
    }

    /** How long each new pod waits before its scenario plays, as a real node takes time to start a pod. */
    public void startDelay(Duration delay) {
        this.startDelay = delay;
    }

    /** On a real API server, whose garbage collector deletes a pod's Secret: this kubelet leaves it to that. */
    public void leaveGarbageToTheCluster() {
        this.collectsGarbage = false;
    }

    /** Chooses each pod's scenario; the default runs every pod and connects its agent. */
    public void scenarios(Function<Pod, Scenario> chooser) {
        this.scenarios = chooser;
    }

    /** By template: pods of the named template get the scenario, others run and connect. */
    public void scenarioForTemplate(String template, Scenario scenario) {
        scenarios(pod -> template.equals(pod.getMetadata().getLabels().get(OwnLabels.TEMPLATE)) ? scenario : Scenario.RUN_AND_CONNECT);
    }

    /**
     * What a small real cluster would do with the pod: an image the registry does not have fails to pull, a pod
     * requesting more than the node has is unschedulable, anything else runs its agent container's command.
     */
    public static Scenario fromThePod(Pod pod) {
        if (pod.getSpec().getContainers().stream().anyMatch(c -> !known(c.getImage()))) {
            return Scenario.IMAGE_PULL_BACKOFF;
        }
        return tooBig(pod) != null ? Scenario.UNSCHEDULABLE : Scenario.SELF_TEST_COMPLETES;
    }

    /** What went wrong in the kubelet itself (not in the pods it plays); tests assert it is empty. */
    public List<String> errors() {
        return List.copyOf(errors);
    }

    private void changed(Pod pod) {
        boolean present = cache.get(pod.getMetadata().getNamespace(), pod.getMetadata().getName())
                .filter(p -> p.getMetadata().getUid().equals(pod.getMetadata().getUid())).isPresent();
        if (present && played.add(pod.getMetadata().getUid())) {
            Duration delay = startDelay;
            if (delay.isZero()) {
                kubelet.execute(() -> play(pod));
            } else {
                delays.schedule(() -> kubelet.execute(() -> play(pod)), delay.toMillis(), TimeUnit.MILLISECONDS);
            }
        } else if (present && pod.getMetadata().getDeletionTimestamp() != null && stopped.add(pod.getMetadata().getUid())) {
            kubelet.execute(() -> stop(pod));
        } else if (!present && collected.add(pod.getMetadata().getUid()) && collectsGarbage) {
            garbageCollector.execute(() -> collectGarbage(pod));
        }
    }

    private void play(Pod pod) {
        String name = pod.getMetadata().getName();
        try {
            switch (scenarios.apply(pod)) {
                case RUN_AND_CONNECT -> {
                    run(pod);
                    agentConnects.accept(name);
                }
                case RUN_WITHOUT_CONNECTING -> run(pod);
                case SELF_TEST_COMPLETES -> {
                    run(pod);
                    status(pod, agentTerminated(pod, "Completed", 0, "Succeeded"));
                }
                case IMAGE_PULL_BACKOFF -> {
                    Container c = failingContainer(pod);
                    schedule(pod);
                    status(pod, waiting(pod, c.getName(), "ErrImagePull", "failed to pull and unpack image \"" + c.getImage()
                            + "\": pull access denied, repository does not exist or may require authorization"));
                    status(pod, waiting(pod, c.getName(), "ImagePullBackOff", "Back-off pulling image \"" + c.getImage() + "\""));
                }
                case INVALID_IMAGE_NAME -> {
                    Container c = failingContainer(pod);
                    schedule(pod);
                    status(pod, waiting(pod, c.getName(), "InvalidImageName",
                            "Failed to apply default image tag \"" + c.getImage() + "\": couldn't parse image name"));
                }
                case CONFIG_ERROR -> {
                    schedule(pod);
                    status(pod, waiting(pod, failingContainer(pod).getName(), "CreateContainerConfigError",
                            "configmap \"build-settings\" not found"));
                }
                case CREATE_ERROR -> {
                    schedule(pod);
                    status(pod, waiting(pod, failingContainer(pod).getName(), "CreateContainerError",
                            "context deadline exceeded"));
                }
                case CREATE_ERROR_THEN_CONNECT -> {
                    schedule(pod);
                    status(pod, waiting(pod, failingContainer(pod).getName(), "CreateContainerError",
                            "context deadline exceeded"));
                    run(pod);
                    agentConnects.accept(name);
                }
                case UNSCHEDULABLE -> {
                    String resource = tooBig(pod) != null ? tooBig(pod) : "cpu";
                    status(pod, unschedulable("0/1 nodes are available: 1 Insufficient " + resource + "."));
                    status(pod, unschedulable("0/2 nodes are available: 2 Insufficient " + resource + "."));
                }
                case OOM_KILLED -> {
                    run(pod);
                    status(pod, agentTerminated(pod, "OOMKilled", 137, "Failed"));
                }
                case AGENT_EXITS -> {
                    run(pod);
                    status(pod, agentTerminated(pod, "Error", 1, "Failed"));
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

    /**
     * Binds the pod to the node as a scheduler does, through a Binding. A real API server sets the pod's node from
     * it; the embedded API only stores the Binding, so there the node is written into the pod.
     */
    private void schedule(Pod pod) {
        String namespace = pod.getMetadata().getNamespace();
        String name = pod.getMetadata().getName();
        if (nodeOf(namespace, name) == null) {
            try {
                client.bindings().inNamespace(namespace).resource(new BindingBuilder()
                        .withNewMetadata().withName(name).endMetadata()
                        .withNewTarget().withKind("Node").withName(NODE).endTarget().build()).create();
            } catch (KubernetesClientException e) {
                if (e.getCode() != 409) { // 409: bound already (or, in the embedded API, a binding of an earlier pod)
                    throw e;
                }
            }
        }
        if (nodeOf(namespace, name) == null) {
            retryTransient(() -> client.pods().inNamespace(namespace).withName(name).edit(p -> { p.getSpec().setNodeName(NODE); return p; }));
        }
        status(pod, new PodStatusBuilder().withPhase("Pending").withConditions(scheduled()).build());
    }

    private String nodeOf(String namespace, String name) {
        Pod pod = client.pods().inNamespace(namespace).withName(name).get();
        return pod == null ? NODE : pod.getSpec().getNodeName();
    }

    /**
     * A pod being deleted: its containers stop and the kubelet confirms the deletion (a real API server keeps a
     * deleted pod until the kubelet does; the embedded API deletes it at once).
     */
    private void stop(Pod pod) {
        try {
            client.pods().inNamespace(pod.getMetadata().getNamespace()).withName(pod.getMetadata().getName())
                    .withGracePeriod(0).delete();
        } catch (KubernetesClientException e) {
            errors.add(pod.getMetadata().getName() + ": confirming its deletion: " + e);
        }
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

    /** Kubernetes' garbage collector: a Secret owned by a deleted pod goes too. */
    private void collectGarbage(Pod pod) {
        String uid = pod.getMetadata().getUid();
        try {
            for (Secret s : client.secrets().inNamespace(pod.getMetadata().getNamespace())
                    .withLabel(OwnLabels.MANAGED_BY, OwnLabels.MANAGED_BY_VALUE).list().getItems()) {
                if (s.getMetadata().getOwnerReferences().stream().anyMatch(o -> uid.equals(o.getUid()))) {
                    client.resource(s).delete();
                }
            }
        } catch (KubernetesClientException e) {
            if (!Thread.currentThread().isInterrupted()) { // closing: the collector stops mid-call
                errors.add("garbage collection after " + pod.getMetadata().getName() + ": " + e);
            }
        }
    }

    /** The first container whose image the registry lacks, else the first besides the agent's. */
    private static Container failingContainer(Pod pod) {
        List<Container> containers = pod.getSpec().getContainers();
        return containers.stream().filter(c -> !known(c.getImage())).findFirst()
                .or(() -> containers.stream().filter(c -> !c.getName().equals(ContainerSpec.AGENT)).findFirst())
                .orElse(containers.get(0));
    }

    private static boolean known(String image) {
        String repository = image.contains("@") ? image.substring(0, image.indexOf('@')) : image;
        int colon = repository.lastIndexOf(':');
        if (colon > repository.lastIndexOf('/')) {
            repository = repository.substring(0, colon);
        }
        return KNOWN_REPOSITORIES.contains(repository.replaceFirst("^(docker\\.io/)?(library/)?", ""));
    }

    /** The resource the pod's containers together request more of than the node has, or null. */
    private static String tooBig(Pod pod) {
        for (Map.Entry<String, Quantity> capacity : NODE_CAPACITY.entrySet()) {
            BigDecimal requested = BigDecimal.ZERO;
            for (Container c : pod.getSpec().getContainers()) {
                Map<String, Quantity> requests = c.getResources() == null ? null : c.getResources().getRequests();
                if (requests != null && requests.get(capacity.getKey()) != null) {
                    requested = requested.add(requests.get(capacity.getKey()).getNumericalAmount());
                }
            }
            if (requested.compareTo(capacity.getValue().getNumericalAmount()) > 0) {
                return capacity.getKey();
            }
        }
        return null;
    }

    private static PodStatus waiting(Pod pod, String container, String reason, String message) {
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

    private static PodStatus agentTerminated(Pod pod, String reason, int exitCode, String phase) {
        List<ContainerStatus> statuses = pod.getSpec().getContainers().stream().map(c -> c.getName().equals(ContainerSpec.AGENT)
                ? new ContainerStatusBuilder().withName(c.getName()).withImage(c.getImage()).withReady(false)
                        .withNewState().withNewTerminated().withReason(reason).withExitCode(exitCode).endTerminated().endState().build()
                : new ContainerStatusBuilder().withName(c.getName()).withImage(c.getImage()).withReady(true)
                        .withNewState().withNewRunning().endRunning().endState().build()).toList();
        return new PodStatusBuilder().withPhase(phase).withConditions(scheduled()).withContainerStatuses(statuses).build();
    }

    private static PodCondition scheduled() {
        return new PodConditionBuilder().withType("PodScheduled").withStatus("True").build();
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }

    @Override
    public void close() {
        cache.close();
        delays.shutdownNow();
        kubelet.shutdownNow();
        garbageCollector.shutdownNow();
    }
}
