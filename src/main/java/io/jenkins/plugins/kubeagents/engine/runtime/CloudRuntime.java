package io.jenkins.plugins.kubeagents.engine.runtime;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.http.Interceptor;
import io.jenkins.plugins.kubeagents.engine.capacity.CapacityPlanner;
import io.jenkins.plugins.kubeagents.engine.capacity.LaunchBreaker;
import io.jenkins.plugins.kubeagents.engine.capacity.WarmPool;
import io.jenkins.plugins.kubeagents.engine.cluster.ClientFactory;
import io.jenkins.plugins.kubeagents.engine.cluster.ClusterSettings;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.jenkins.plugins.kubeagents.engine.lifecycle.AgentLifecycle;
import io.jenkins.plugins.kubeagents.engine.lifecycle.ApiRetry;
import io.jenkins.plugins.kubeagents.engine.lifecycle.FailureReason;
import io.jenkins.plugins.kubeagents.engine.lifecycle.Timeline;
import io.jenkins.plugins.kubeagents.engine.lifecycle.ControllerLink;
import io.jenkins.plugins.kubeagents.engine.lifecycle.LaunchOutcome;
import io.jenkins.plugins.kubeagents.engine.lifecycle.LifecycleSettings;
import io.jenkins.plugins.kubeagents.engine.merge.ResolvedTemplate;
import io.jenkins.plugins.kubeagents.engine.metrics.ApiRequests;
import io.jenkins.plugins.kubeagents.engine.metrics.LaunchStats;
import io.jenkins.plugins.kubeagents.engine.render.AgentIdentity;
import io.jenkins.plugins.kubeagents.engine.render.OwnLabels;
import io.jenkins.plugins.kubeagents.engine.sweep.OrphanSweeper;
import io.jenkins.plugins.kubeagents.engine.template.RetentionPolicy;
import io.jenkins.plugins.kubeagents.engine.template.TemplateDefaults;
import io.jenkins.plugins.kubeagents.engine.template.TemplateSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Everything one cloud runs on: its client, lifecycle engine (with the informers), capacity planner and sweep.
 * Built from the cloud's settings, replaced when they change, closed when the cloud goes away.
 */
public final class CloudRuntime implements AutoCloseable {
    private static final Logger LOGGER = Logger.getLogger(CloudRuntime.class.getName());
    /** Beyond a launch's connect timeout, how long its calls under way may still take (see {@link #verdictDeadline}). */
    private static final Duration VERDICT_GRACE = Duration.ofMinutes(1);

    private final String cloudName;
    private final ClusterSettings settings;
    private final KubernetesClient client;
    private final ControllerLink link;
    private final AgentLifecycle lifecycle;
    private final CapacityPlanner planner;
    private final LaunchBreaker breaker;
    private final OrphanSweeper sweeper;
    private final Map<String, CompletableFuture<Void>> secretSweeps = new ConcurrentHashMap<>();
    private final ApiRequests requests = new ApiRequests();
    private final LaunchStats stats;
    /** When each agent was planned, until its launch ends: the start of its first timed phase. */
    private final Map<String, Instant> plannedAt = new ConcurrentHashMap<>();
    private final Clock clock;
    private final TemplateDefaults defaults;

    /** @param connect builds the client, with the interceptor that counts its requests */
    CloudRuntime(String cloudName, ClusterSettings settings, Function<Interceptor, KubernetesClient> connect,
            ControllerLink link, TemplateDefaults defaults, LifecycleSettings lifecycleSettings, Clock clock) {
        this.cloudName = cloudName;
        this.settings = settings;
        this.client = connect.apply(requests);
        this.clock = clock;
        this.defaults = defaults;
        this.stats = new LaunchStats(clock);
        this.link = link;
        this.lifecycle = new AgentLifecycle(client, link, cloudName, defaults, lifecycleSettings, clock);
        this.planner = new CapacityPlanner(lifecycle::cachedPods);
        this.breaker = new LaunchBreaker(clock);
        this.sweeper = new OrphanSweeper(lifecycle);
    }

    /** Connects with the cloud's settings. Informers start on first use of each namespace. */
    public static CloudRuntime start(String cloudName, ClusterSettings settings, ControllerLink link) {
        return new CloudRuntime(cloudName, settings, requests -> ClientFactory.create(settings, requests), link,
                TemplateDefaults.STANDARD, LifecycleSettings.STANDARD, Clock.systemUTC());
    }

    /** For a client configured elsewhere (tests, benchmarks). */
    public static CloudRuntime start(String cloudName, ClusterSettings settings, Config config, ControllerLink link,
            LifecycleSettings lifecycleSettings) {
        return start(cloudName, settings, config, link, lifecycleSettings, Clock.systemUTC());
    }

    /** With the engine's clock set: tests move it to cross pauses and time limits. */
    public static CloudRuntime start(String cloudName, ClusterSettings settings, Config config, ControllerLink link,
            LifecycleSettings lifecycleSettings, Clock clock) {
        return new CloudRuntime(cloudName, settings, requests -> ClientFactory.create(config, requests), link,
                TemplateDefaults.STANDARD, lifecycleSettings, clock);
    }

    public ClusterSettings settings() {
        return settings;
    }

    public KubernetesClient client() {
        return client;
    }

    /**
     * How many agents of a template to start now, under the caps and the template's {@link LaunchBreaker}; their
     * names are reserved until their pods show up. A paused template gets none, and the log says why once a pause.
     *
     * @param template the template as configured now
     */
    public CapacityPlanner.Plan plan(TemplateSpec template, int demand, int cloudCap, int templateCap) {
        try { // the template's namespace may hold pods of an earlier run that count against the caps
            ensureSwept(namespaceOf(template));
        } catch (KubernetesClientException e) {
            LOGGER.fine(() -> "cloud " + cloudName + " cannot watch namespace " + namespaceOf(template) + ": " + e.getMessage());
            // planned all the same: the launch fails with why, and the template's breaker counts it
        }
        synchronized (breaker) {
            LaunchBreaker.Admission admission = breaker.admit(template, demand);
            if (admission.firstRefusal()) {
                LOGGER.info(() -> "cloud " + cloudName + ": " + admission.pause().whyWaiting(cloudName)
                        + "; no new pods of it until then");
            }
            CapacityPlanner.Plan plan = planner.plan(cloudName, template.name(), admission.allowed(), cloudCap, templateCap);
            breaker.started(template, plan.agentNames());
            plan.agentNames().forEach(name -> plannedAt.put(name, clock.instant()));
            return admission.allowed() < demand && admission.pause() != null
                    ? new CapacityPlanner.Plan(plan.agentNames(), admission.pause().whyWaiting(cloudName)) : plan;
        }
    }

    /** The warm pool's changes: agents to take in, names of agents to start (planned like any), members to end. */
    public record PoolChange(List<String> adopt, List<String> start, List<String> retire) {}

    /**
     * What the template's warm pool needs now (see {@link WarmPool}); the agents to start are planned under the
     * caps and the breaker like any others, so a full cap or a paused template starts fewer or none.
     *
     * @param untaken the controller's agents of the template that have not taken a build
     * @param queued the queued builds the template would run
     */
    public PoolChange keepWarm(TemplateSpec template, List<WarmPool.Agent> untaken, int queued, int cloudCap) {
        int minIdle = template.minIdle() == null ? 0 : template.minIdle();
        WarmPool.Need need = WarmPool.decide(minIdle, untaken, queued);
        List<String> start = need.start() == 0 ? List.of()
                : plan(template, need.start(), cloudCap, template.instanceCap() == null ? 0 : template.instanceCap()).agentNames();
        return new PoolChange(need.adopt(), start, need.retire());
    }

    /** Where this cloud's launch time went since the engine started, and its last launches. */
    public LaunchStats stats() {
        return stats;
    }

    /** The requests this cloud's client sent since it was built, and the 429 answers. */
    public ApiRequests requests() {
        return requests;
    }

    /** API calls sent again after a failure since the engine started. */
    public long retries() {
        return lifecycle.retries();
    }

    /** This cloud's pods as the informer last saw them; never modify them. */
    public List<Pod> pods() {
        return lifecycle.cachedPods();
    }

    /** Whether some template of this cloud has failed launches on record (paused, or about to try again). */
    public boolean hasFailingTemplates() {
        return !breaker.isClosed();
    }

    /** The template's pause after failed launches, if it is paused now. */
    public Optional<LaunchBreaker.Pause> pause(TemplateSpec template) {
        return breaker.pause(template);
    }

    /** Gives back a planned agent's place when Jenkins could not create its node. */
    public void release(String agentName) {
        planner.release(agentName);
        breaker.abandoned(agentName);
        plannedAt.remove(agentName);
    }

    public String namespaceOf(TemplateSpec template) {
        String own = template.namespace();
        return own == null || own.isEmpty() ? settings.namespace() : own;
    }

    /**
     * Launches a planned agent; a failed launch frees its place under the caps and counts with the template's
     * breaker, a namespace whose pods cannot be watched included.
     */
    public CompletableFuture<LaunchOutcome> launch(ResolvedTemplate template, String agentName) {
        String namespace = namespaceOf(template.spec());
        AgentIdentity agent = new AgentIdentity(agentName, namespace, cloudName, template.spec().name(), link.controllerId());
        CompletableFuture<LaunchOutcome> launch;
        try {
            ensureSwept(namespace);
            launch = lifecycle.launch(template, agent);
        } catch (KubernetesClientException e) {
            Timeline timeline = new Timeline(clock.instant());
            timeline.add(clock.instant(), "not created: cannot watch pods in namespace " + namespace);
            launch = CompletableFuture.completedFuture(LaunchOutcome.failed(agentName, FailureReason.API_ERROR,
                    "cannot watch pods in namespace " + namespace + ": " + ApiRetry.describe(e), timeline));
        }
        return launch.whenComplete((outcome, error) -> {
            if (error != null || !outcome.isConnected()) {
                planner.release(agentName);
            }
            Instant planned = plannedAt.remove(agentName);
            if (outcome != null) {
                breaker.ended(template.spec(), outcome);
                stats.ended(template.spec().name(), planned, outcome);
            }
        });
    }

    /**
     * The latest a launch's verdict can come: the engine decides by the template's connect timeout, and calls under
     * way then may still take their retries' time.
     */
    public Duration verdictDeadline(ResolvedTemplate template) {
        return defaults.connectTimeout(template.spec()).plus(VERDICT_GRACE);
    }

    /** The agent's pod as the informer last saw it, for display; never modify it. */
    public Optional<Pod> pod(String namespace, String agentName) {
        return lifecycle.cachedPod(namespace, agentName);
    }

    public void agentConnected(String agentName) {
        lifecycle.agentConnected(agentName);
    }

    public CompletableFuture<Void> terminate(String namespace, String agentName, RetentionPolicy retention, boolean failed) {
        return lifecycle.terminate(namespace, agentName, retention, failed)
                .whenComplete((done, error) -> planner.release(agentName));
    }

    /** Whether this cloud still has pods in the cluster that are not kept by the retention policy. */
    public boolean hasPodsToEnd() {
        return lifecycle.cachedPods().stream().anyMatch(pod -> !OwnLabels.isRetained(pod));
    }

    /**
     * Deletes this cloud's pods whose agents the controller no longer has; see {@link OrphanSweeper}.
     *
     * @param templateNamespaces the namespaces the cloud's templates name besides the cloud's: after a restart
     *     their pods are seen only once they are watched
     */
    public CompletableFuture<Integer> sweep(Set<String> knownAgents, Set<String> templateNamespaces) {
        Set<String> namespaces = new java.util.TreeSet<>(templateNamespaces);
        namespaces.add(settings.namespace());
        return CompletableFuture.allOf(namespaces.stream().map(this::ensureSwept).toArray(CompletableFuture[]::new))
                .thenCompose(secretsSettled -> sweeper.sweep(knownAgents));
    }

    /** Whether this runtime has nothing left to finish; see {@link AgentLifecycle#isIdle()}. */
    public boolean isIdle() {
        return lifecycle.isIdle();
    }

    /**
     * The first time a namespace is used: start its informer and settle the Secrets a previous run left, before
     * any orphan pod is deleted (a Secret is given its pod as owner first, so the pod's deletion takes it along).
     * A Secret sweep that fails is logged and tried again by the next call; it never fails the caller.
     *
     * @throws KubernetesClientException when the namespace's pods cannot be watched
     */
    private CompletableFuture<Void> ensureSwept(String namespace) {
        lifecycle.watch(namespace);
        CompletableFuture<Void> secrets = secretSweeps.computeIfAbsent(namespace, sweeper::sweepSecretsAfterStart);
        return secrets.exceptionally(e -> {
            if (secretSweeps.remove(namespace, secrets)) {
                LOGGER.log(Level.WARNING, "could not sweep Secrets in namespace " + namespace + "; the next sweep tries again", e);
            }
            return null;
        });
    }

    @Override
    public void close() {
        lifecycle.close();
        client.close();
    }
}
