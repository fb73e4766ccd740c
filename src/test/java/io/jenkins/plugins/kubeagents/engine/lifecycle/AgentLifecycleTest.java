package io.jenkins.plugins.kubeagents.engine.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Pod;
import io.jenkins.plugins.kubeagents.engine.merge.ResolvedTemplate;
import io.jenkins.plugins.kubeagents.engine.render.OwnLabels;
import io.jenkins.plugins.kubeagents.engine.template.RetentionPolicy;
import io.jenkins.plugins.kubeagents.engine.template.TemplateSpec;
import io.jenkins.plugins.kubeagents.testing.Agents;
import io.jenkins.plugins.kubeagents.testing.Engine;
import io.jenkins.plugins.kubeagents.testing.EngineOnMockCluster;
import io.jenkins.plugins.kubeagents.testing.MockCluster;
import io.jenkins.plugins.kubeagents.cli.SimulatedKubelet.Scenario;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.Rule;
import org.junit.Test;

/** Launch, follow and delete agent pods on the CRUD mock, asserting on what reached the API server. */
public class AgentLifecycleTest {
    @Rule
    public final EngineOnMockCluster env = new EngineOnMockCluster();

    @Test
    public void fiftyAgentsCostAtMostFourRequestsEachAndOneWatch() {
        ResolvedTemplate maven = Engine.template("maven");
        List<CompletableFuture<LaunchOutcome>> launches = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            launches.add(env.engine.launch(maven));
        }
        List<LaunchOutcome> outcomes = launches.stream().map(Engine::await).toList();
        assertThat(outcomes).allMatch(LaunchOutcome::isConnected, "connected");
        assertThat(outcomes.get(0).timeline().toString()).contains("pod created", "agent connected");

        env.engine.terminateAndAwaitEmpty(outcomes);

        Map<String, Long> byVerb = env.cluster.dispatcher().countsByVerb(MockCluster.KUBELET_AGENT);
        long lifecycleRequests = env.cluster.pluginRequests().stream().filter(r -> !r.verb().equals("LIST") && !r.verb().equals("WATCH")).count();
        System.out.printf("requests for 50 agents: %s; %.2f per agent besides the informer's%n", byVerb, lifecycleRequests / 50.0);
        assertThat(lifecycleRequests).as("requests per agent lifecycle: %s", byVerb).isLessThanOrEqualTo(4 * 50);
        assertThat(byVerb.get("WATCH")).as("watches for one namespace").isEqualTo(1);
        assertThat(byVerb.get("LIST")).as("the informer's initial list").isEqualTo(1);
    }

    @Test
    public void failsFastWhenAnImageCannotBePulledAfterItsGrace() {
        env.kubelet.scenarioForTemplate("broken", Scenario.IMAGE_PULL_BACKOFF);
        CompletableFuture<LaunchOutcome> launch = env.engine.launch(Engine.template("broken"));
        await().atMost(Engine.patience()).until(() -> hasWaitingReason(env.engine.lifecycle.cachedPods(), "ImagePullBackOff"));
        assertThat(launch).as("still within the 30 s grace").isNotDone();

        LaunchOutcome outcome = env.engine.advanceUntilDone(launch, Duration.ofSeconds(31));
        assertThat(outcome.reason()).isEqualTo(FailureReason.IMAGE_PULL);
        assertThat(outcome.message()).isEqualTo("container build: ImagePullBackOff: Back-off pulling image \"maven:3.9-eclipse-temurin-17\"");
        assertThat(outcome.timeline().toString()).contains("ErrImagePull", "ImagePullBackOff", "failed: IMAGE_PULL");
        env.engine.awaitClusterEmpty();
    }

    @Test
    public void failsAtOnceOnAnInvalidImageName() {
        assertFailure(Scenario.INVALID_IMAGE_NAME, FailureReason.IMAGE_PULL, "container build: InvalidImageName: Failed to apply default image tag");
    }

    @Test
    public void failsAtOnceWhenAContainerCannotBeCreated() {
        assertFailure(Scenario.CONFIG_ERROR, FailureReason.CONFIGURATION,
                "container build: CreateContainerConfigError: configmap \"build-settings\" not found");
    }

    @Test
    public void aContainerTheRuntimeFailsToCreateFailsOnlyAfterItsGrace() {
        env.kubelet.scenarioForTemplate("busy", Scenario.CREATE_ERROR);
        CompletableFuture<LaunchOutcome> launch = env.engine.launch(Engine.template("busy"));
        await().atMost(Engine.patience()).until(() -> hasWaitingReason(env.engine.lifecycle.cachedPods(), "CreateContainerError"));
        assertThat(launch).as("the kubelet retries CreateContainerError: still within the 30 s grace").isNotDone();

        LaunchOutcome outcome = env.engine.advanceUntilDone(launch, Duration.ofSeconds(31));
        assertThat(outcome.reason()).isEqualTo(FailureReason.CONFIGURATION);
        assertThat(outcome.message()).isEqualTo("container build: CreateContainerError: context deadline exceeded (for 30 s)");
        env.engine.awaitClusterEmpty();
    }

    @Test
    public void aContainerCreatedOnTheKubeletsSecondTryGivesAnAgent() {
        env.kubelet.scenarioForTemplate("busy", Scenario.CREATE_ERROR_THEN_CONNECT);
        LaunchOutcome outcome = Engine.await(env.engine.launch(Engine.template("busy")));

        assertThat(outcome.isConnected()).as(outcome.toString()).isTrue();
        assertThat(outcome.timeline().toString()).contains("CreateContainerError", "agent connected");
        env.engine.terminateAndAwaitEmpty(List.of(outcome));
    }

    @Test
    public void waitsForAnUnschedulablePodWithinItsBudgetReportingTheScheduler() {
        env.kubelet.scenarioForTemplate("big", Scenario.UNSCHEDULABLE);
        CompletableFuture<LaunchOutcome> launch = env.engine.launch(Engine.template("big"));
        await().atMost(Engine.patience()).until(() -> env.engine.pods().stream().anyMatch(p -> p.getStatus() != null
                && p.getStatus().getConditions().stream().anyMatch(c -> String.valueOf(c.getMessage()).startsWith("0/2"))));
        env.engine.clock.advance(Duration.ofMinutes(4));
        assertThat(launch).as("within the 5 minute budget").isNotDone();

        LaunchOutcome outcome = env.engine.advanceUntilDone(launch, Duration.ofMinutes(1).plusSeconds(1));
        assertThat(outcome.reason()).isEqualTo(FailureReason.UNSCHEDULABLE);
        assertThat(outcome.message()).isEqualTo("Unschedulable: 0/2 nodes are available: 2 Insufficient cpu. (for 300 s)");
        assertThat(outcome.timeline().toString()).contains("Unschedulable: 0/1 nodes", "Unschedulable: 0/2 nodes");
        env.engine.awaitClusterEmpty();
    }

    @Test
    public void aPodNoSchedulerEverLooksAtIsUnschedulableAfterTheBudget() {
        env.kubelet.scenarioForTemplate("lonely", Scenario.STAYS_PENDING);
        LaunchOutcome outcome = env.engine.advanceUntilDone(env.engine.launch(Engine.template("lonely")), Duration.ofMinutes(6));

        assertThat(outcome.reason()).isEqualTo(FailureReason.UNSCHEDULABLE);
        assertThat(outcome.message()).startsWith("no scheduler placed the pod on a node within 300 s");
        env.engine.awaitClusterEmpty();
    }

    @Test
    public void reportsAnAgentKilledForMemory() {
        assertFailure(Scenario.OOM_KILLED, FailureReason.CRASHED, "container jnlp terminated: OOMKilled (exit code 137)");
    }

    @Test
    public void reportsAnAgentThatExitsBeforeConnecting() {
        assertFailure(Scenario.AGENT_EXITS, FailureReason.CRASHED, "container jnlp terminated: Error (exit code 1)");
    }

    @Test
    public void reportsAnEvictedPod() {
        assertFailure(Scenario.EVICTED, FailureReason.LOST, "pod failed: Evicted: The node was low on resource: memory.");
    }

    @Test
    public void reportsAPodPastItsDeadline() {
        assertFailure(Scenario.DEADLINE_EXCEEDED, FailureReason.LOST, "pod failed: DeadlineExceeded");
    }

    @Test
    public void reportsAPodDeletedBySomeoneElse() {
        assertFailure(Scenario.DELETED_BY_SOMEONE, FailureReason.DELETED, "the pod was deleted before its agent connected");
    }

    @Test
    public void failsWhenTheAgentDoesNotConnectInTime() {
        env.kubelet.scenarioForTemplate("silent", Scenario.RUN_WITHOUT_CONNECTING);
        CompletableFuture<LaunchOutcome> launch = env.engine.launch(Engine.template("silent"));
        await().atMost(Engine.patience()).until(() -> env.engine.pods().stream()
                .anyMatch(p -> p.getStatus() != null && "Running".equals(p.getStatus().getPhase())));
        env.engine.clock.advance(Duration.ofSeconds(301));
        LaunchOutcome outcome = Engine.await(launch);
        assertThat(outcome.reason()).isEqualTo(FailureReason.CONNECT_TIMEOUT);
        assertThat(outcome.message()).startsWith("the agent did not connect within 300 s; last seen: running");
        env.engine.awaitClusterEmpty();
    }

    @Test
    public void keepsAFailedPodWhenTheTemplateSaysOnFailure() {
        env.kubelet.scenarioForTemplate("kept", Scenario.AGENT_EXITS);
        TemplateSpec spec = Engine.template("kept").spec().toBuilder().podRetention(RetentionPolicy.ON_FAILURE).build();
        LaunchOutcome outcome = Engine.await(env.engine.launch(new ResolvedTemplate(spec, List.of(), List.of(spec))));
        assertThat(outcome.reason()).isEqualTo(FailureReason.CRASHED);
        await().atMost(Engine.patience()).until(() -> env.engine.pods().stream()
                .anyMatch(p -> "true".equals(p.getMetadata().getLabels().get(OwnLabels.RETAINED))));
        assertThat(env.engine.pods()).hasSize(1);
    }

    @Test
    public void rejectsAnInvalidTemplateWithoutTouchingTheCluster() {
        TemplateSpec bad = TemplateSpec.builder("bad").yaml("spec: {contianers: []}").build();
        LaunchOutcome outcome = Engine.await(env.engine.launch(new ResolvedTemplate(bad, List.of(new io.jenkins.plugins.kubeagents.engine.merge.YamlDocument(
                "templates[bad].yaml", bad.yaml())), List.of(bad))));
        assertThat(outcome.reason()).isEqualTo(FailureReason.INVALID_TEMPLATE);
        assertThat(outcome.message()).contains("templates[bad].yaml.spec.contianers");
        assertThat(env.cluster.pluginRequests()).isEmpty();
    }

    @Test
    public void adoptsItsOwnPodAndSecretAfterARestart() {
        String name = "maven-restart1";
        ResolvedTemplate maven = Engine.template("maven");
        env.engine.controller.addAgent(name);
        env.kubelet.scenarios(pod -> Scenario.STAYS_PENDING);
        env.engine.lifecycle.launch(maven, Agents.identity("maven", name));
        await().atMost(Engine.patience()).until(() -> env.engine.pods().size() == 1 && !env.engine.secrets().isEmpty());
        env.engine.close();

        Engine restarted = new Engine(env.cluster);
        try {
            restarted.controller.addAgent(name);
            env.kubelet.scenarios(pod -> Scenario.RUN_AND_CONNECT);
            CompletableFuture<LaunchOutcome> again = restarted.lifecycle.launch(maven, Agents.identity("maven", name));
            restarted.controller.connect(name);
            assertThat(Engine.await(again).isConnected()).isTrue();
            assertThat(restarted.pods()).hasSize(1);
            // the agent was connected already, so the launch may end before the second POST of the pod is answered
            await().atMost(Engine.patience()).untilAsserted(() ->
                    assertThat(env.cluster.pluginRequests()).filteredOn(r -> r.verb().equals("POST")).hasSize(4));
        } finally {
            restarted.close();
        }
    }

    @Test
    public void waitsForQuotaInsteadOfFailing() {
        env.cluster.dispatcher().fault("POST", ".*/pods", n -> n <= 3, () -> new io.fabric8.mockwebserver.http.MockResponse()
                .setResponseCode(403).setBody("{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"reason\":\"Forbidden\","
                        + "\"code\":403,\"message\":\"pods \\\"x\\\" is forbidden: exceeded quota: agents, requested: pods=1, used: pods=10, limited: pods=10\"}"));
        LaunchOutcome outcome = Engine.await(env.engine.launch(Engine.template("maven")));
        assertThat(outcome.isConnected()).isTrue();
        assertThat(outcome.timeline().toString()).contains("waiting for quota: pods \"x\" is forbidden: exceeded quota: agents");
        assertThat(env.cluster.pluginRequests().stream().filter(r -> r.key().endsWith("/pods") && r.verb().equals("POST"))).hasSize(4);
    }

    private void assertFailure(Scenario scenario, FailureReason reason, String message) {
        env.kubelet.scenarioForTemplate("failing", scenario);
        LaunchOutcome outcome = Engine.await(env.engine.launch(Engine.template("failing")));
        assertThat(outcome.reason()).as(outcome.toString()).isEqualTo(reason);
        assertThat(outcome.message()).startsWith(message);
        assertThat(outcome.timeline().toString()).contains("pod created", "failed: " + reason);
        env.engine.awaitClusterEmpty();
    }

    private static boolean hasWaitingReason(List<Pod> pods, String reason) {
        return pods.stream().anyMatch(p -> p.getStatus() != null && p.getStatus().getContainerStatuses().stream()
                .anyMatch(c -> c.getState().getWaiting() != null && reason.equals(c.getState().getWaiting().getReason())));
    }
}
