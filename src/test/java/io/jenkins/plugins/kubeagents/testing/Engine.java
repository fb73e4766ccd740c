package io.jenkins.plugins.kubeagents.testing;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.kubeagents.engine.lifecycle.AgentLifecycle;
import io.jenkins.plugins.kubeagents.engine.lifecycle.Backoff;
import io.jenkins.plugins.kubeagents.engine.lifecycle.LaunchOutcome;
import io.jenkins.plugins.kubeagents.engine.lifecycle.LifecycleSettings;
import io.jenkins.plugins.kubeagents.engine.merge.ResolvedTemplate;
import io.jenkins.plugins.kubeagents.engine.render.AgentIdentity;
import io.jenkins.plugins.kubeagents.engine.render.OwnLabels;
import io.jenkins.plugins.kubeagents.engine.template.TemplateDefaults;
import io.jenkins.plugins.kubeagents.engine.template.TemplateSpec;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** One lifecycle engine on the mock cluster, with its in-memory controller; and a kubelet for the cluster. */
public final class Engine implements AutoCloseable {
    /** Production values, but quick back-off and recheck so tests spend no idle time. */
    public static final LifecycleSettings FAST = new LifecycleSettings(Duration.ofSeconds(30), Duration.ofMinutes(5),
            Duration.ofMillis(20), Duration.ofSeconds(5), Duration.ofSeconds(10), new Backoff(Duration.ofMillis(10), Duration.ofMillis(100)));

    public final InMemoryControllerLink controller;
    public final AgentLifecycle lifecycle;
    public final MutableClock clock = new MutableClock();
    private final KubernetesClient observer;

    public Engine(MockCluster cluster, String controllerId) {
        this(cluster, controllerId, FAST);
    }

    /** With other settings: the benchmarks run the production ones. */
    public Engine(MockCluster cluster, String controllerId, LifecycleSettings settings) {
        this(cluster.client(), cluster.kubeletClient(), controllerId, settings);
    }

    /**
     * On any API server: the engine sends through {@code client}; {@code observer} (the kubelet's client) reads
     * the cluster back for the assertions.
     */
    public Engine(KubernetesClient client, KubernetesClient observer, String controllerId, LifecycleSettings settings) {
        this.controller = new InMemoryControllerLink(controllerId);
        this.lifecycle = new AgentLifecycle(client, controller, Agents.CLOUD, TemplateDefaults.STANDARD, settings, clock);
        controller.onConnect(lifecycle::agentConnected);
        this.observer = observer;
    }

    public Engine(MockCluster cluster) {
        this(cluster, Agents.CONTROLLER_ID);
    }

    public static ResolvedTemplate template(String name) {
        return template(name, spec -> spec);
    }

    /** A Maven template labelled with its name, changed as given (its minIdle, image, caps). */
    public static ResolvedTemplate template(String name, java.util.function.UnaryOperator<TemplateSpec.Builder> change) {
        TemplateSpec spec = change.apply(TemplateSpec.builder(name).labels(name)
                .containers(List.of(io.jenkins.plugins.kubeagents.engine.template.ContainerSpec.of("build", "maven:3.9-eclipse-temurin-17")
                        .withCommand(List.of("sleep"), List.of("infinity"))))).build();
        return new ResolvedTemplate(spec, List.of(), List.of(spec));
    }

    /** Launches one agent of the template, registering it with the controller first, as Jenkins does. */
    public CompletableFuture<LaunchOutcome> launch(ResolvedTemplate template) {
        String name = AgentIdentity.newAgentName(template.spec().name());
        controller.addAgent(name);
        return lifecycle.launch(template, Agents.identity(template.spec().name(), name));
    }

    public List<Pod> pods() {
        return observer.pods().inNamespace(Agents.NAMESPACE).withLabel(OwnLabels.MANAGED_BY, OwnLabels.MANAGED_BY_VALUE)
                .list().getItems();
    }

    public List<Secret> secrets() {
        return observer.secrets().inNamespace(Agents.NAMESPACE).withLabel(OwnLabels.MANAGED_BY, OwnLabels.MANAGED_BY_VALUE)
                .list().getItems();
    }

    /** Deletes the agents' pods and waits until no pod and no Secret of ours is left (the kubelet collects Secrets). */
    public void terminateAndAwaitEmpty(List<io.jenkins.plugins.kubeagents.engine.lifecycle.LaunchOutcome> agents) {
        await(CompletableFuture.allOf(agents.stream().map(o -> lifecycle.terminate(Agents.NAMESPACE, o.agentName(),
                io.jenkins.plugins.kubeagents.engine.template.RetentionPolicy.NEVER, false)).toArray(CompletableFuture[]::new)));
        awaitClusterEmpty();
    }

    public void awaitClusterEmpty() {
        org.awaitility.Awaitility.await().atMost(patience()).untilAsserted(() -> {
            org.assertj.core.api.Assertions.assertThat(pods()).as("pods left").extracting(p -> p.getMetadata().getName()).isEmpty();
            org.assertj.core.api.Assertions.assertThat(secrets()).as("secrets left").extracting(s -> s.getMetadata().getName()).isEmpty();
        });
    }

    /**
     * Moves the clock by {@code step} until the launch ends. The engine starts a grace period when it first sees a
     * state, which may be after any single move, so one move could land inside the grace period for good.
     */
    public io.jenkins.plugins.kubeagents.engine.lifecycle.LaunchOutcome advanceUntilDone(
            CompletableFuture<io.jenkins.plugins.kubeagents.engine.lifecycle.LaunchOutcome> launch, Duration step) {
        org.awaitility.Awaitility.await().atMost(patience()).until(() -> {
            clock.advance(step);
            return launch.isDone();
        });
        return await(launch);
    }

    public static Duration patience() {
        return Duration.ofSeconds(60);
    }

    /** The future's value, failing the test (not hanging it) if it takes longer than {@link #patience()}. */
    public static <T> T await(CompletableFuture<T> future) {
        try {
            return future.get(patience().toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("not done within " + patience(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new AssertionError(e.getCause());
        }
    }

    @Override
    public void close() {
        lifecycle.close();
    }
}
