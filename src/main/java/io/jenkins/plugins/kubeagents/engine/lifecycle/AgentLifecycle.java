package io.jenkins.plugins.kubeagents.engine.lifecycle;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.jenkins.plugins.kubeagents.engine.merge.ResolvedTemplate;
import io.jenkins.plugins.kubeagents.engine.render.AgentIdentity;
import io.jenkins.plugins.kubeagents.engine.render.AgentSecrets;
import io.jenkins.plugins.kubeagents.engine.render.OwnLabels;
import io.jenkins.plugins.kubeagents.engine.render.PodRenderer;
import io.jenkins.plugins.kubeagents.engine.template.RetentionPolicy;
import io.jenkins.plugins.kubeagents.engine.template.TemplateDefaults;
import io.jenkins.plugins.kubeagents.engine.validation.InvalidTemplateException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * Creates agent pods, follows them to a connected agent or a precise failure, and deletes them.
 *
 * <p>Level-triggered: every decision is made by {@link #reconcile(String)}, which reads the pod from the shared
 * informer cache and the agent's state from the controller, never from which event fired. Informer events, the
 * controller's "agent connected" and a periodic memory-only tick (for decisions that depend on time) all just
 * enqueue that agent's name. No pod is ever polled through the API.
 *
 * <p>Requests per agent: POST Secret, POST Pod, PATCH Secret (ownerReference to the pod), DELETE Pod. Kubernetes'
 * garbage collector deletes the Secret with its pod.
 */
public final class AgentLifecycle implements AutoCloseable {
    private static final Logger LOGGER = Logger.getLogger(AgentLifecycle.class.getName());

    private final KubernetesClient client;
    private final ControllerLink link;
    /** The labels of this cloud's objects: the informer, the capacity count and the sweeps see nothing else. */
    private final Map<String, String> ownSelector;
    private final String cloudName;
    private final PodRenderer renderer;
    private final TemplateDefaults defaults;
    private final LifecycleSettings settings;
    private final Clock clock;
    private final ExecutorService workers;
    private final ScheduledExecutorService ticker;
    private final ApiRetry retry;
    private final PodCache cache;
    private final Map<String, Launch> launches = new ConcurrentHashMap<>();
    private final Map<String, Deletion> deletions = new ConcurrentHashMap<>();
    /** Agents that connected, followed until the controller ends them: a pod lost meanwhile ends the agent's build. */
    private final Map<String, String> connectedInNamespace = new ConcurrentHashMap<>();
    /** Agents launched here that the controller has not ended yet, whatever became of their pods. */
    private final Set<String> notEnded = ConcurrentHashMap.newKeySet();
    /** Secrets created but not yet owned by their pod: the sweep's list, so it never LISTs Secrets. */
    private final Set<SecretRef> unownedSecrets = ConcurrentHashMap.newKeySet();

    /** A Secret by namespace and name. */
    public record SecretRef(String namespace, String name) {}

    /** @param cloudName the cloud whose agents this engine runs; it never touches another cloud's pods */
    public AgentLifecycle(KubernetesClient client, ControllerLink link, String cloudName, TemplateDefaults defaults,
            LifecycleSettings settings, Clock clock) {
        this.client = client;
        this.link = link;
        this.cloudName = cloudName;
        this.ownSelector = OwnLabels.selector(link.controllerId(), cloudName);
        this.defaults = defaults;
        this.renderer = new PodRenderer(defaults);
        this.settings = settings;
        this.clock = clock;
        this.workers = Executors.newFixedThreadPool(4, daemon("kube-agents-lifecycle"));
        this.ticker = Executors.newSingleThreadScheduledExecutor(daemon("kube-agents-tick"));
        this.retry = new ApiRetry(settings.backoff(), workers, clock);
        this.cache = new PodCache(client, ownSelector, pod -> enqueue(pod.getMetadata().getName()));
        long tick = settings.recheckInterval().toMillis();
        ticker.scheduleWithFixedDelay(this::tick, tick, tick, TimeUnit.MILLISECONDS);
    }

    /**
     * Renders and creates the agent's Secret and pod, and completes when the agent connects or the pod cannot give
     * one. Never completes exceptionally: every failure is a {@link LaunchOutcome} with its reason.
     */
    public CompletableFuture<LaunchOutcome> launch(ResolvedTemplate template, AgentIdentity agent) {
        if (!agent.cloudName().equals(cloudName)) {
            throw new IllegalArgumentException("agent " + agent.agentName() + " is of cloud '" + agent.cloudName()
                    + "', this engine runs cloud '" + cloudName + "'");
        }
        Instant start = clock.instant();
        Timeline timeline = new Timeline(start);
        Pod pod;
        try {
            pod = renderer.render(template, agent, link.connection());
        } catch (InvalidTemplateException e) {
            String problems = e.problems().stream().map(Object::toString).collect(Collectors.joining("; "));
            timeline.add(start, "not created: the template is invalid");
            return CompletableFuture.completedFuture(
                    LaunchOutcome.failed(agent.agentName(), FailureReason.INVALID_TEMPLATE, problems, timeline));
        }
        Duration connectTimeout = defaults.connectTimeout(template.spec());
        RetentionPolicy retention = template.spec().podRetention() == null ? RetentionPolicy.NEVER : template.spec().podRetention();
        Launch launch = new Launch(agent, retention, start.plus(connectTimeout), connectTimeout, timeline,
                new PodProgress(settings.imagePullGrace(), settings.unschedulableBudget()));
        if (launches.putIfAbsent(agent.agentName(), launch) != null) {
            throw new IllegalStateException("agent name " + agent.agentName() + " is already launching; names are never reused");
        }
        notEnded.add(agent.agentName());
        cache.watch(agent.namespace());
        create(launch, pod);
        return launch.future;
    }

    /** The controller saw the agent connect: decide now rather than at the next tick. */
    public void agentConnected(String agentName) {
        enqueue(agentName);
    }

    /**
     * Ends an agent's pod by its retention policy: deleted (confirmed by the informer, re-sent if the API server
     * lost it) or kept and labelled as retained. Idempotent: a second call returns the same future.
     *
     * @param failed whether the agent's pod failed (for {@link RetentionPolicy#ON_FAILURE})
     */
    public CompletableFuture<Void> terminate(String namespace, String agentName, RetentionPolicy retention, boolean failed) {
        notEnded.remove(agentName);
        return end(namespace, agentName, retention, failed);
    }

    /** Ends the pod by its retention policy, as {@link #terminate} does, for the engine's own reasons. */
    private CompletableFuture<Void> end(String namespace, String agentName, RetentionPolicy retention, boolean failed) {
        connectedInNamespace.remove(agentName);
        if (retention == RetentionPolicy.ALWAYS || (retention == RetentionPolicy.ON_FAILURE && failed)) {
            return retain(namespace, agentName);
        }
        Deletion created = new Deletion(namespace, agentName);
        Deletion deletion = deletions.putIfAbsent(agentName, created);
        if (deletion != null) {
            return deletion.future;
        }
        sendDelete(created);
        return created.future;
    }

    /** Re-reads one agent from the cache and the controller, and acts on what it finds. */
    void reconcile(String agentName) {
        Launch launch = launches.get(agentName);
        if (launch != null) {
            reconcileLaunch(launch);
        }
        Deletion deletion = deletions.get(agentName);
        if (deletion != null) {
            reconcileDeletion(deletion);
        }
        String namespace = connectedInNamespace.get(agentName);
        if (namespace != null) {
            reconcileConnected(namespace, agentName);
        }
    }

    /** A connected agent's pod gone or failed: the controller is told once, and ends the agent and its build. */
    private void reconcileConnected(String namespace, String agentName) {
        AgentLoss.of(namespace, agentName, cache.get(namespace, agentName).orElse(null)).ifPresent(loss -> {
            if (connectedInNamespace.remove(agentName, namespace)) {
                LOGGER.info(() -> "agent " + agentName + " lost: " + loss.describe());
                link.agentLost(loss);
            }
        });
    }

    private void reconcileLaunch(Launch l) {
        synchronized (l) {
            if (l.future.isDone()) {
                return;
            }
            Instant now = clock.instant();
            String name = l.agent.agentName();
            Optional<Pod> pod = l.created ? cache.get(l.agent.namespace(), name) : Optional.empty();
            PodObservation observation = pod.map(PodClassifier::observe).orElse(null);
            if (observation != null) {
                l.seen = true;
                l.progress.record(observation, now, l.timeline);
                if (observation.node() != null) {
                    l.timeline.reached(Timeline.Milestone.SCHEDULED, now);
                }
                if (observation.kind() == PodObservation.Kind.RUNNING) {
                    l.timeline.reached(Timeline.Milestone.RUNNING, now);
                }
            }
            if (link.isConnected(name)) {
                l.timeline.add(now, "agent connected");
                l.timeline.reached(Timeline.Milestone.CONNECTED, now);
                finish(l, LaunchOutcome.connected(name, l.timeline));
            } else if (observation != null) {
                decide(l, observation, now);
            } else if (l.seen) {
                fail(l, FailureReason.DELETED, "the pod was deleted before its agent connected");
            } else if (l.created && !l.checkingExistence && !now.isBefore(l.createdAt.plus(settings.cacheLagLimit()))) {
                checkExistence(l);
            } else if (now.isAfter(l.deadline)) {
                fail(l, l.waitingFor != null ? FailureReason.QUOTA : FailureReason.CONNECT_TIMEOUT,
                        l.waitingFor != null ? l.waitingFor : "the pod was not created within " + seconds(l.connectTimeout));
            }
        }
    }

    /**
     * The pod was created but the cache has not shown it for {@link LifecycleSettings#cacheLagLimit()}: asks the
     * API server once. Not found, it was deleted between two re-lists of the informer; found, the cache is only
     * late, and the question is asked again after another limit.
     */
    private void checkExistence(Launch l) {
        l.checkingExistence = true;
        AgentIdentity agent = l.agent;
        retry.call(() -> client.pods().inNamespace(agent.namespace()).withName(agent.agentName()).get(),
                clock.instant().plus(settings.deleteConfirmTimeout()), why -> { })
                .whenComplete((pod, error) -> {
                    synchronized (l) {
                        l.checkingExistence = false;
                        l.createdAt = clock.instant();
                        if (error == null && pod == null) {
                            fail(l, FailureReason.DELETED, "the pod was deleted before its agent connected");
                        }
                    }
                    enqueue(agent.agentName());
                });
    }

    /** Fails the launch when the observation is a failure, or when time is up. */
    private void decide(Launch l, PodObservation o, Instant now) {
        if (o.kind() == PodObservation.Kind.POD_SUCCEEDED) {
            fail(l, FailureReason.CRASHED, "the agent exited before connecting; " + o.detail());
        }
        l.progress.failure(o, now).ifPresent(f -> fail(l, f.reason(), f.message()));
        if (!l.future.isDone() && now.isAfter(l.deadline)) {
            FailureReason reason = switch (o.kind()) {
                case UNSCHEDULABLE -> FailureReason.UNSCHEDULABLE;
                case IMAGE_PULL_FAILING -> FailureReason.IMAGE_PULL;
                case CREATE_FAILING -> FailureReason.CONFIGURATION;
                default -> FailureReason.CONNECT_TIMEOUT;
            };
            fail(l, reason, "the agent did not connect within " + seconds(l.connectTimeout)
                    + "; last seen: " + o.detail() + ". Check the Jenkins URL and tunnel the agent uses");
        }
    }

    private void create(Launch l, Pod pod) {
        AgentIdentity agent = l.agent;
        Secret secret = AgentSecrets.secretFor(agent, link.inboundSecret(agent.agentName()));
        SecretRef ref = new SecretRef(agent.namespace(), AgentSecrets.secretName(agent));
        unownedSecrets.add(ref);
        retry.call(() -> createOrAdopt(secret), l.deadline, why -> waiting(l, why))
                .thenCompose(s -> {
                    l.secretCreated = true;
                    return retry.call(() -> createOrAdopt(pod), l.deadline, why -> waiting(l, why));
                })
                .thenCompose(created -> {
                    synchronized (l) {
                        // the launch gave up (its deadline passed) while the POST was in flight: nothing follows this pod.
                        // One that connected first (an agent reconnecting to an adopted pod) goes on as usual.
                        if (l.future.isDone() && !l.future.join().isConnected()) {
                            LOGGER.info(() -> "pod " + agent.namespace() + "/" + agent.agentName() + " was created after its "
                                    + "launch had ended; ending it");
                            end(agent.namespace(), agent.agentName(), l.retention, true);
                            return CompletableFuture.completedFuture(created);
                        }
                        l.created = true;
                        l.createdAt = clock.instant();
                        l.waitingFor = null;
                        l.timeline.add(clock.instant(), "pod created in namespace " + agent.namespace());
                        AdmissionChanges.resources(pod, created).forEach(change -> l.timeline.add(clock.instant(), change));
                        l.timeline.reached(Timeline.Milestone.CREATED, clock.instant());
                    }
                    LOGGER.info(() -> "created pod " + agent.namespace() + "/" + agent.agentName());
                    return retry.call(() -> own(secret, created), l.deadline, why -> { })
                            .handle((owned, error) -> {
                                if (error == null) {
                                    unownedSecrets.remove(ref);
                                } else {
                                    LOGGER.log(Level.FINE, "could not give Secret " + ref + " its owner; the sweep will", error);
                                }
                                return created;
                            });
                })
                .whenComplete((created, error) -> {
                    if (error != null) {
                        Throwable cause = error instanceof java.util.concurrent.CompletionException ? error.getCause() : error;
                        synchronized (l) {
                            fail(l, ApiRetry.isQuotaError(cause) ? FailureReason.QUOTA : FailureReason.API_ERROR,
                                    ApiRetry.describe(cause));
                        }
                    } else {
                        enqueue(agent.agentName());
                    }
                });
    }

    /** Creates the object; on 409 (a retried POST that had succeeded, or a restart) takes it over if it is ours. */
    private <T extends HasMetadata> T createOrAdopt(T object) {
        try {
            return client.resource(object).create();
        } catch (KubernetesClientException e) {
            if (e.getCode() != 409) {
                throw e;
            }
            T existing = client.resource(object).get();
            if (existing != null && isOurs(existing)) {
                LOGGER.fine(() -> "adopting existing " + existing.getKind() + " " + existing.getMetadata().getName());
                return existing;
            }
            throw e;
        }
    }

    private boolean isOurs(HasMetadata object) {
        Map<String, String> labels = object.getMetadata().getLabels();
        return labels != null && labels.entrySet().containsAll(ownSelector.entrySet());
    }

    /** JSON merge patch of the ownerReference; {@code resource(stub).patch} sends only the PATCH (withName() GETs first). */
    private Secret own(Secret secret, Pod pod) {
        return client.secrets().inNamespace(secret.getMetadata().getNamespace()).resource(stub(new Secret(), secret.getMetadata()))
                .patch(PatchContext.of(PatchType.JSON_MERGE), AgentSecrets.ownerPatch(pod));
    }

    private static <T extends HasMetadata> T stub(T object, io.fabric8.kubernetes.api.model.ObjectMeta of) {
        object.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMetaBuilder().withName(of.getName())
                .withNamespace(of.getNamespace()).build());
        return object;
    }

    private void waiting(Launch l, String why) {
        synchronized (l) {
            if (!why.equals(l.waitingFor)) {
                l.timeline.add(clock.instant(), why);
            }
            l.waitingFor = why;
        }
    }

    /** Called with the launch's lock held. */
    private void fail(Launch l, FailureReason reason, String message) {
        if (l.future.isDone()) {
            return;
        }
        l.timeline.add(clock.instant(), "failed: " + reason + ": " + message);
        LOGGER.info(() -> "agent " + l.agent.agentName() + " failed: " + reason + ": " + message);
        finish(l, LaunchOutcome.failed(l.agent.agentName(), reason, message, l.timeline));
        cleanUpFailedLaunch(l);
    }

    private void finish(Launch l, LaunchOutcome outcome) {
        if (outcome.isConnected()) {
            connectedInNamespace.put(l.agent.agentName(), l.agent.namespace());
        }
        launches.remove(l.agent.agentName(), l);
        l.future.complete(outcome);
    }

    private void cleanUpFailedLaunch(Launch l) {
        AgentIdentity agent = l.agent;
        if (l.created) {
            end(agent.namespace(), agent.agentName(), l.retention, true);
        } else if (l.secretCreated) {
            retry.call(() -> client.secrets().inNamespace(agent.namespace()).withName(AgentSecrets.secretName(agent)).delete(),
                    clock.instant().plus(settings.deleteConfirmTimeout()), why -> { })
                    .whenComplete((deleted, error) -> {
                        if (error == null) {
                            unownedSecrets.remove(new SecretRef(agent.namespace(), AgentSecrets.secretName(agent)));
                        }
                    });
        }
    }

    private void sendDelete(Deletion d) {
        d.lastDelete = clock.instant();
        retry.call(() -> client.pods().inNamespace(d.namespace).withName(d.name).delete(),
                clock.instant().plus(settings.deleteConfirmTimeout()), why -> { })
                .whenComplete((result, error) -> {
                    if (error != null) {
                        LOGGER.log(Level.WARNING, "could not delete pod " + d.namespace + "/" + d.name + "; will try again", error);
                    } else {
                        LOGGER.info(() -> "deleted pod " + d.namespace + "/" + d.name);
                    }
                    enqueue(d.name);
                });
    }

    private void reconcileDeletion(Deletion d) {
        synchronized (d) {
            Optional<Pod> pod = cache.get(d.namespace, d.name);
            if (pod.isEmpty()) {
                deletions.remove(d.name, d);
                d.future.complete(null);
                return;
            }
            boolean terminating = pod.get().getMetadata().getDeletionTimestamp() != null;
            if (!terminating && clock.instant().isAfter(d.lastDelete.plus(settings.deleteConfirmTimeout()))) {
                sendDelete(d);
            }
        }
    }

    private CompletableFuture<Void> retain(String namespace, String agentName) {
        String patch = "{\"metadata\":{\"labels\":{\"" + OwnLabels.RETAINED + "\":\"true\"}}}";
        Pod target = stub(new Pod(), new io.fabric8.kubernetes.api.model.ObjectMetaBuilder().withName(agentName).withNamespace(namespace).build());
        return retry.call(() -> client.pods().inNamespace(namespace).resource(target)
                        .patch(PatchContext.of(PatchType.JSON_MERGE), patch), clock.instant().plus(settings.deleteConfirmTimeout()),
                why -> { })
                .handle((pod, error) -> {
                    if (error == null) {
                        LOGGER.info(() -> "kept pod " + namespace + "/" + agentName + " by its retention policy");
                    } else {
                        LOGGER.fine(() -> "could not label pod " + namespace + "/" + agentName + " as kept: " + error);
                    }
                    return null;
                });
    }

    /** Re-checks everything in flight; time passing is the only thing that can change without an event. */
    private void tick() {
        try {
            launches.keySet().forEach(this::enqueue);
            deletions.keySet().forEach(this::enqueue);
        } catch (RuntimeException e) {
            LOGGER.log(Level.WARNING, "lifecycle tick failed", e);
        }
    }

    private void enqueue(String agentName) {
        if (!workers.isShutdown()) {
            workers.execute(() -> {
                try {
                    reconcile(agentName);
                } catch (RuntimeException e) {
                    LOGGER.log(Level.WARNING, "reconciling agent " + agentName + " failed", e);
                }
            });
        }
    }

    // --- for the sweep and the capacity planner ---

    /** Every pod of this controller in the cache. Read only. */
    /** The pod as the informer last saw it; never modify it. */
    public Optional<Pod> cachedPod(String namespace, String name) {
        return cache.get(namespace, name);
    }

    public List<Pod> cachedPods() {
        return cache.all();
    }

    /** Starts the informer for a namespace; returns once its cache is filled. */
    public void watch(String namespace) {
        cache.watch(namespace);
    }

    /** API calls the engine sent again after a failure (5xx, 429, a lost connection, a quota), since it started. */
    public long retries() {
        return retry.retries();
    }

    /** Names of agents being launched or deleted right now, which the sweep must leave alone. */
    public Set<String> inFlight() {
        Set<String> names = new java.util.HashSet<>(launches.keySet());
        names.addAll(deletions.keySet());
        return names;
    }

    /** Secrets this engine created that have no owner yet, excluding those of launches still in flight. */
    public Set<SecretRef> unownedSecrets() {
        return unownedSecrets.stream().filter(s -> !launches.containsKey(s.name())).collect(Collectors.toSet());
    }

    /** Makes an ownerless Secret follow its pod, or deletes it when the pod is gone. */
    public CompletableFuture<Void> settleSecret(SecretRef ref) {
        Optional<Pod> pod = cache.get(ref.namespace(), ref.name());
        Instant giveUp = clock.instant().plus(settings.deleteConfirmTimeout());
        Supplier<Object> action = pod.isPresent() && pod.get().getMetadata().getDeletionTimestamp() == null
                ? () -> own(stub(new Secret(), new io.fabric8.kubernetes.api.model.ObjectMetaBuilder().withName(ref.name())
                        .withNamespace(ref.namespace()).build()), pod.get())
                : () -> client.secrets().inNamespace(ref.namespace()).withName(ref.name()).delete();
        return retry.call(action, giveUp, why -> { }).thenAccept(done -> unownedSecrets.remove(ref));
    }

    /**
     * After a restart: the Secrets of this controller in a namespace that have no owner (one LIST, once). Off the
     * caller's thread, retried as any call: a failure fails only the future.
     */
    public CompletableFuture<List<SecretRef>> listUnownedSecrets(String namespace) {
        return retry.call(() -> client.secrets().inNamespace(namespace).withLabels(ownSelector).list().getItems(),
                clock.instant().plus(settings.deleteConfirmTimeout()), why -> { })
                .thenApply(secrets -> secrets.stream()
                        .filter(s -> s.getMetadata().getOwnerReferences().isEmpty())
                        .map(s -> new SecretRef(namespace, s.getMetadata().getName()))
                        .filter(s -> !launches.containsKey(s.name()))
                        .toList());
    }

    /**
     * Whether nothing is left for this engine to do: no launch or deletion under way, and every agent it launched
     * ended by the controller. An engine replaced by changed settings runs until then.
     */
    public boolean isIdle() {
        return launches.isEmpty() && deletions.isEmpty() && notEnded.isEmpty();
    }

    /**
     * Stops the engine: no new work starts, calls already under way finish (at most a few seconds), informers stop.
     * Pods and Secrets stay; the next engine's sweep settles them.
     */
    @Override
    public void close() {
        ticker.shutdownNow();
        workers.shutdown();
        try {
            if (!workers.awaitTermination(10, TimeUnit.SECONDS)) {
                workers.shutdownNow();
            }
        } catch (InterruptedException e) {
            workers.shutdownNow();
            Thread.currentThread().interrupt();
        }
        cache.close();
    }

    private static String seconds(Duration d) {
        return d.toSeconds() + " s";
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }

    /** One launch in flight. Mutable, guarded by its own monitor. */
    private static final class Launch {
        final AgentIdentity agent;
        final RetentionPolicy retention;
        final Instant deadline;
        final Duration connectTimeout;
        final Timeline timeline;
        final PodProgress progress;
        final CompletableFuture<LaunchOutcome> future = new CompletableFuture<>();
        volatile boolean secretCreated;
        boolean created;
        Instant createdAt;
        boolean seen;
        boolean checkingExistence;
        String waitingFor;

        Launch(AgentIdentity agent, RetentionPolicy retention, Instant deadline, Duration connectTimeout, Timeline timeline,
                PodProgress progress) {
            this.agent = agent;
            this.retention = retention;
            this.deadline = deadline;
            this.connectTimeout = connectTimeout;
            this.timeline = timeline;
            this.progress = progress;
        }
    }

    /** One deletion awaiting the informer's confirmation. */
    private static final class Deletion {
        final String namespace;
        final String name;
        final CompletableFuture<Void> future = new CompletableFuture<>();
        Instant lastDelete;

        Deletion(String namespace, String name) {
            this.namespace = namespace;
            this.name = name;
        }
    }
}
