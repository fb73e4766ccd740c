package io.jenkins.plugins.kubeagents.engine.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.jenkins.plugins.kubeagents.engine.capacity.LaunchBreaker;
import io.jenkins.plugins.kubeagents.cli.SimulatedKubelet;
import io.jenkins.plugins.kubeagents.cli.SimulatedKubelet.Scenario;
import io.jenkins.plugins.kubeagents.engine.cluster.ClusterSettings;
import io.jenkins.plugins.kubeagents.engine.lifecycle.FailureReason;
import io.jenkins.plugins.kubeagents.engine.lifecycle.LaunchOutcome;
import io.jenkins.plugins.kubeagents.engine.lifecycle.LifecycleSettings;
import io.jenkins.plugins.kubeagents.engine.merge.ResolvedTemplate;
import io.jenkins.plugins.kubeagents.engine.render.OwnLabels;
import io.jenkins.plugins.kubeagents.engine.template.ContainerSpec;
import io.jenkins.plugins.kubeagents.testing.Agents;
import io.jenkins.plugins.kubeagents.testing.Engine;
import io.jenkins.plugins.kubeagents.testing.InMemoryControllerLink;
import io.jenkins.plugins.kubeagents.testing.MockCluster;
import io.jenkins.plugins.kubeagents.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;

/**
 * Five builds wait for a template whose pods cannot start, for ten minutes of the engine's clock, while Jenkins
 * asks for agents every 10 s: the template's breaker keeps that to a handful of pods, and a fix ends the pause.
 */
public class BrokenTemplateTest {
    private static final int BUILDS = 5;

    @Rule
    public final MockCluster cluster = new MockCluster();

    private final MutableClock clock = new MutableClock();
    private final InMemoryControllerLink controller = new InMemoryControllerLink(Agents.CONTROLLER_ID);
    private CloudRuntime runtime;
    private SimulatedKubelet kubelet;

    @Before
    public void engineWithPodsThatFailAtOnce() {
        // no grace for failing image pulls: each failed launch ends when the kubelet reports it, not on a timer
        LifecycleSettings failAtOnce = new LifecycleSettings(Duration.ZERO, Duration.ofMinutes(5), Duration.ofMillis(20),
                Duration.ofSeconds(5), Duration.ofSeconds(10), Engine.FAST.backoff());
        runtime = CloudRuntime.start(Agents.CLOUD, ClusterSettings.inCluster(Agents.NAMESPACE), cluster.config(), controller,
                failAtOnce, clock);
        controller.onConnect(runtime::agentConnected);
        kubelet = new SimulatedKubelet(cluster.kubeletClient(), Agents.NAMESPACE, controller::connect);
        kubelet.scenarios(pod -> pod.getSpec().getContainers().stream().anyMatch(c -> c.getImage().startsWith("mavne"))
                ? Scenario.IMAGE_PULL_BACKOFF
                : "configured".equals(pod.getMetadata().getLabels().get(OwnLabels.TEMPLATE)) ? Scenario.CONFIG_ERROR
                : Scenario.RUN_AND_CONNECT);
    }

    @After
    public void stop() {
        kubelet.close();
        runtime.close();
    }

    @Test
    public void aBrokenImageCostsAtMostSixPodsInTenMinutesAndItsFixGivesEveryBuildAnAgent() {
        ResolvedTemplate broken = template("maven", "mavne:3.9");
        assertThat(serve(broken, Duration.ofMinutes(10))).as("agents of the broken template").isEmpty();

        int brokenPods = podPosts();
        System.out.println("pods created for " + BUILDS + " builds waiting 10 minutes on a broken image: " + brokenPods);
        assertThat(brokenPods).as("pods created for 5 builds in 10 minutes").isBetween(2, 6);
        LaunchBreaker.Pause pause = runtime.pause(broken.spec()).orElseThrow();
        assertThat(pause.failure()).startsWith("IMAGE_PULL: container build: ").contains("\"mavne:3.9\"");
        assertThat(pause.failedLaunches()).isEqualTo(brokenPods);

        ResolvedTemplate fixed = template("maven", "maven:3.9-eclipse-temurin-17");
        assertThat(runtime.pause(fixed.spec())).as("the fixed template's pause").isEmpty();
        assertThat(podPosts()).as("pods before the next plan").isEqualTo(brokenPods);

        assertThat(serve(fixed, Duration.ofMinutes(1))).hasSize(BUILDS).allMatch(LaunchOutcome::isConnected, "connected");
        assertThat(podPosts()).isEqualTo(brokenPods + BUILDS);
    }

    @Test
    public void aMissingConfigMapIsPausedTheSameWay() {
        ResolvedTemplate configured = template("configured", "maven:3.9-eclipse-temurin-17");
        assertThat(serve(configured, Duration.ofMinutes(10))).isEmpty();

        assertThat(podPosts()).as("pods created for 5 builds in 10 minutes").isBetween(2, 6);
        assertThat(runtime.pause(configured.spec())).get().extracting(LaunchBreaker.Pause::reason)
                .isEqualTo(FailureReason.CONFIGURATION);
    }

    /**
     * Jenkins' side, played on the engine's clock: every 10 s, plans for the builds that have neither an agent nor
     * a launch under way, and launches what was planned. Returns the agents that connected.
     */
    private List<LaunchOutcome> serve(ResolvedTemplate template, Duration howLong) {
        List<CompletableFuture<LaunchOutcome>> launches = new ArrayList<>();
        Instant end = clock.instant().plus(howLong);
        while (clock.instant().isBefore(end) && connected(launches).size() < BUILDS) {
            int underWay = (int) launches.stream().filter(l -> !l.isDone()).count();
            for (String name : runtime.plan(template.spec(), BUILDS - connected(launches).size() - underWay, 0, 0).agentNames()) {
                controller.addAgent(name);
                launches.add(runtime.launch(template, name));
            }
            await().atMost(Engine.patience()).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(10))
                    .until(() -> launches.stream().allMatch(CompletableFuture::isDone));
            clock.advance(Duration.ofSeconds(10));
        }
        return connected(launches);
    }

    private static List<LaunchOutcome> connected(List<CompletableFuture<LaunchOutcome>> launches) {
        return launches.stream().filter(CompletableFuture::isDone).map(CompletableFuture::join)
                .filter(LaunchOutcome::isConnected).toList();
    }

    private int podPosts() {
        return (int) cluster.pluginRequests().stream().filter(r -> r.verb().equals("POST") && r.path().contains("/pods")).count();
    }

    private static ResolvedTemplate template(String name, String image) {
        return Engine.template(name, spec -> spec.containers(List.of(ContainerSpec.of("build", image)
                .withCommand(List.of("sleep"), List.of("infinity")))));
    }
}
