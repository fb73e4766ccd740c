package io.jenkins.plugins.kubeagents.runtime;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.kubeagents.capacity.CapacityPlanner;
import io.jenkins.plugins.kubeagents.cluster.ClientFactory;
import io.jenkins.plugins.kubeagents.cluster.ClusterSettings;
import io.jenkins.plugins.kubeagents.lifecycle.AgentLifecycle;
import io.jenkins.plugins.kubeagents.lifecycle.ControllerLink;
import io.jenkins.plugins.kubeagents.lifecycle.LaunchOutcome;
import io.jenkins.plugins.kubeagents.lifecycle.LifecycleSettings;
import io.jenkins.plugins.kubeagents.merge.ResolvedTemplate;
import io.jenkins.plugins.kubeagents.render.AgentIdentity;
import io.jenkins.plugins.kubeagents.render.OwnLabels;
import io.jenkins.plugins.kubeagents.sweep.OrphanSweeper;
import io.jenkins.plugins.kubeagents.template.RetentionPolicy;
import io.jenkins.plugins.kubeagents.template.TemplateDefaults;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Everything one cloud runs on: its client, lifecycle engine (with the informers), capacity planner and sweep.
 * Built from the cloud's settings, replaced when they change, closed when the cloud goes away.
 */
public final class CloudRuntime implements AutoCloseable {
    private static final Logger LOGGER = Logger.getLogger(CloudRuntime.class.getName());

    private final String cloudName;
    private final ClusterSettings settings;
    private final KubernetesClient client;
    private final ControllerLink link;
    private final AgentLifecycle lifecycle;
    private final CapacityPlanner planner;
    private final OrphanSweeper sweeper;
    private final Map<String, CompletableFuture<Void>> secretSweeps = new ConcurrentHashMap<>();

    CloudRuntime(String cloudName, ClusterSettings settings, KubernetesClient client, ControllerLink link,
            TemplateDefaults defaults, LifecycleSettings lifecycleSettings, Clock clock) {
        this.cloudName = cloudName;
        this.settings = settings;
        this.client = client;
        this.link = link;
        this.lifecycle = new AgentLifecycle(client, link, cloudName, defaults, lifecycleSettings, clock);
        this.planner = new CapacityPlanner(lifecycle::cachedPods);
        this.sweeper = new OrphanSweeper(lifecycle);
    }

    /** Connects with the cloud's settings. Informers start on first use of each namespace. */
    public static CloudRuntime start(String cloudName, ClusterSettings settings, ControllerLink link) {
        return new CloudRuntime(cloudName, settings, ClientFactory.create(settings), link, TemplateDefaults.STANDARD,
                LifecycleSettings.STANDARD, Clock.systemUTC());
    }

    /** For a client built elsewhere (tests, the embedded cluster). */
    public static CloudRuntime start(String cloudName, ClusterSettings settings, KubernetesClient client, ControllerLink link,
            LifecycleSettings lifecycleSettings) {
        return new CloudRuntime(cloudName, settings, client, link, TemplateDefaults.STANDARD, lifecycleSettings, Clock.systemUTC());
    }

    public ClusterSettings settings() {
        return settings;
    }

    public KubernetesClient client() {
        return client;
    }

    /** How many agents of a template to start now; their names are reserved until their pods show up. */
    public CapacityPlanner.Plan plan(String template, int demand, int cloudCap, int templateCap) {
        return planner.plan(cloudName, template, demand, cloudCap, templateCap);
    }

    /** Gives back a planned agent's place when Jenkins could not create its node. */
    public void release(String agentName) {
        planner.release(agentName);
    }

    public String namespaceOf(ResolvedTemplate template) {
        String own = template.spec().namespace();
        return own == null || own.isEmpty() ? settings.namespace() : own;
    }

    /** Launches a planned agent; a failed launch frees its place under the caps. */
    public CompletableFuture<LaunchOutcome> launch(ResolvedTemplate template, String agentName) {
        String namespace = namespaceOf(template);
        ensureSwept(namespace);
        AgentIdentity agent = new AgentIdentity(agentName, namespace, cloudName, template.spec().name(), link.controllerId());
        return lifecycle.launch(template, agent).whenComplete((outcome, error) -> {
            if (error != null || !outcome.isConnected()) {
                planner.release(agentName);
            }
        });
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

    /** Deletes this cloud's pods whose agents the controller no longer has; see {@link OrphanSweeper}. */
    public CompletableFuture<Integer> sweep(Set<String> knownAgents) {
        return ensureSwept(settings.namespace()).thenCompose(secretsSettled -> sweeper.sweep(knownAgents));
    }

    /**
     * The first time a namespace is used: start its informer and settle the Secrets a previous run left, before
     * any orphan pod is deleted (a Secret is given its pod as owner first, so the pod's deletion takes it along).
     */
    private CompletableFuture<Void> ensureSwept(String namespace) {
        lifecycle.watch(namespace);
        return secretSweeps.computeIfAbsent(namespace, ns -> sweeper.sweepSecretsAfterStart(ns).exceptionally(e -> {
            LOGGER.log(Level.WARNING, "could not sweep Secrets in namespace " + ns, e);
            return null;
        }));
    }

    @Override
    public void close() {
        lifecycle.close();
        client.close();
    }
}
