package io.jenkins.plugins.kubeagents.pages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.jenkins.plugins.kubeagents.agents.BuildPodLines;
import io.jenkins.plugins.kubeagents.cli.SimulatedKubelet.Scenario;
import io.jenkins.plugins.kubeagents.cli.SimulatedKubelet;
import io.jenkins.plugins.kubeagents.engine.capacity.LaunchBreaker;
import io.jenkins.plugins.kubeagents.engine.cluster.ClusterSettings;
import io.jenkins.plugins.kubeagents.engine.lifecycle.LaunchOutcome;
import io.jenkins.plugins.kubeagents.engine.lifecycle.LifecycleSettings;
import io.jenkins.plugins.kubeagents.engine.lifecycle.Timeline.Milestone;
import io.jenkins.plugins.kubeagents.engine.lifecycle.Timeline;
import io.jenkins.plugins.kubeagents.engine.merge.ResolvedTemplate;
import io.jenkins.plugins.kubeagents.engine.metrics.Phase;
import io.jenkins.plugins.kubeagents.engine.runtime.CloudRuntime;
import io.jenkins.plugins.kubeagents.testing.Agents;
import io.jenkins.plugins.kubeagents.testing.Engine;
import io.jenkins.plugins.kubeagents.testing.InMemoryControllerLink;
import io.jenkins.plugins.kubeagents.testing.MockCluster;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.Rule;
import org.junit.Test;

/** The status page's figures, from an engine on the mock cluster and what Jenkins knows of the agents. */
public class CloudReportTest {
    @Rule
    public final MockCluster cluster = new MockCluster();

    @Test
    @SuppressWarnings("unchecked")
    public void theReportShowsTemplatesLivePodsLaunchesLatencyAndRequests() {
        Map<String, Object> report = sample(cluster);

        assertThat((Map<String, Object>) report.get("cloud")).containsEntry("name", "kube").containsEntry("capUse", "2 of 10");
        List<Map<String, Object>> templates = (List<Map<String, Object>>) report.get("templates");
        assertThat(templates).extracting(t -> t.get("name")).containsExactly("maven", "broken");
        assertThat(templates.get(0)).containsEntry("running", 2L).containsEntry("busy", 1L).containsEntry("idle", 1L)
                .containsEntry("warm", 1L).containsEntry("capUse", "2 of 5").containsEntry("breaker", "closed");
        assertThat((String) templates.get(1).get("breaker")).startsWith("Template broken of cloud kube is paused after 1 failed launch");

        List<Map<String, Object>> pods = (List<Map<String, Object>>) report.get("pods");
        assertThat(pods).hasSize(2).allSatisfy(p -> assertThat(p).containsEntry("template", "maven").containsEntry("phase", "Running")
                .containsEntry("node", "embedded-node-1"));
        assertThat(pods).anySatisfy(p -> assertThat(p).containsEntry("build", "app #7").containsEntry("buildUrl", "job/app/7/"));

        List<Map<String, Object>> launches = (List<Map<String, Object>>) report.get("launches");
        assertThat(launches).hasSize(3);
        assertThat(launches.get(0)).containsEntry("outcome", "IMAGE_PULL").containsEntry("template", "broken");
        List<String> steps = java.util.Arrays.stream(((String) launches.get(1).get("phases")).split("; "))
                .map(step -> step.substring(0, step.lastIndexOf(' ', step.lastIndexOf(' ') - 1))).toList();
        assertThat(steps).as("the steps in the order they happen").isEqualTo(java.util.Arrays.stream(Phase.values())
                .map(Phase::description).filter(steps::contains).toList()).startsWith("planned → pod created")
                .endsWith("planned → agent connected");
        assertThat((String) launches.get(0).get("ended")).endsWith(" ago");
        assertThat((String) launches.get(0).get("endedAt")).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");

        List<Map<String, Object>> latency = (List<Map<String, Object>>) report.get("latency");
        assertThat(latency).anySatisfy(r -> assertThat(r).containsEntry("template", "maven")
                .containsEntry("phase", "planned → agent connected").containsEntry("count", 2L));

        List<Map<String, Object>> requests = (List<Map<String, Object>>) report.get("requests");
        assertThat(requests).contains(Map.of("request", "POST pods", "count", 3L), Map.of("request", "WATCH pods", "count", 1L));
        assertThat(report).containsKeys("retries", "throttled");
        assertThat(report.toString()).as("no agent secret in the report").doesNotContain("inbound-secret-of-");
    }

    /** A pod stuck pulling its image shows why in its row while its launch still waits, not only once it failed. */
    @Test
    @SuppressWarnings("unchecked")
    public void aWaitingPodsRowSaysWhyItWaits() {
        InMemoryControllerLink controller = new InMemoryControllerLink(Agents.CONTROLLER_ID);
        SimulatedKubelet kubelet = new SimulatedKubelet(cluster.kubeletClient(), Agents.NAMESPACE, controller::connect);
        kubelet.scenarios(pod -> Scenario.IMAGE_PULL_BACKOFF);
        try (CloudRuntime runtime = CloudRuntime.start("kube", ClusterSettings.inCluster(Agents.NAMESPACE), cluster.config(),
                controller, Engine.FAST)) {
            ResolvedTemplate maven = Engine.template("maven");
            String name = runtime.plan(maven.spec(), 1, 0, 0).agentNames().get(0);
            controller.addAgent(name);
            runtime.launch(maven, name);
            await().atMost(Engine.patience()).until(() -> runtime.pods().stream().anyMatch(p -> p.getStatus() != null
                    && p.getStatus().getContainerStatuses().stream().anyMatch(c -> c.getState().getWaiting() != null
                            && "ImagePullBackOff".equals(c.getState().getWaiting().getReason()))));
            Instant created = Instant.parse(runtime.pods().get(0).getMetadata().getCreationTimestamp());

            Map<String, Object> report = CloudReport.of("kube", 0, List.of(), runtime, Map.of(), created.plusSeconds(111));

            Map<String, Object> pod = ((List<Map<String, Object>>) report.get("pods")).get(0);
            assertThat(pod).containsEntry("phase", "Pending").containsEntry("age", "1 min 51 s")
                    .containsEntry("state", "container build: ImagePullBackOff: Back-off pulling image \"maven:3.9-eclipse-temurin-17\"");
        } finally {
            kubelet.close();
        }
    }

    @Test
    public void durationsAndTimesReadAsOnJenkinsPages() {
        assertThat(TimeText.span(Duration.ofMillis(340))).isEqualTo("340 ms");
        assertThat(TimeText.span(Duration.ofMillis(6_280))).isEqualTo("6.3 s");
        assertThat(TimeText.span(Duration.ofMillis(110_720))).isEqualTo("1 min 50 s");
        assertThat(TimeText.span(Duration.ofMinutes(125))).isEqualTo("2 hr 5 min");
        assertThat(TimeText.span(Duration.ofHours(49))).isEqualTo("2 days 1 hr");
        Instant now = Instant.parse("2026-12-04T10:00:00Z");
        assertThat(TimeText.ago(now.minusSeconds(12), now)).isEqualTo("12 s ago");
    }

    @Test
    public void aBuildsFirstLineNamesItsPodAndHowItCameUp() {
        Instant start = Instant.parse("2026-12-02T10:00:00Z");
        Timeline t = new Timeline(start);
        t.reached(Milestone.CREATED, start.plusMillis(600));
        t.reached(Milestone.SCHEDULED, start.plusMillis(800));
        t.reached(Milestone.RUNNING, start.plusMillis(1_900));
        t.reached(Milestone.CONNECTED, start.plusMillis(6_600));
        assertThat(BuildPodLines.startText("kube-ops", "maven-x1y2z3w4", "maven", "kube", t)).isEqualTo(
                "Running on pod kube-ops/maven-x1y2z3w4 (template maven, cloud kube): created +0.6 s, running +1.9 s, connected +6.6 s");
        assertThat(BuildPodLines.startText("kube-ops", "maven-x1y2z3w4", "maven", "kube", null))
                .isEqualTo("Running on pod kube-ops/maven-x1y2z3w4 (template maven, cloud kube)");
    }

    /**
     * A report with something in every list: two connected agents of template maven (one running a build, one
     * warm and idle) and a failed launch of template broken, whose breaker is open.
     */
    public static Map<String, Object> sample(MockCluster cluster) {
        InMemoryControllerLink controller = new InMemoryControllerLink(Agents.CONTROLLER_ID);
        CloudRuntime runtime = CloudRuntime.start("kube", ClusterSettings.inCluster(Agents.NAMESPACE), cluster.config(),
                controller, new LifecycleSettings(Duration.ZERO, Duration.ofMinutes(5), Duration.ofMillis(20),
                        Duration.ofSeconds(5), Duration.ofSeconds(10), Engine.FAST.backoff()));
        SimulatedKubelet kubelet = new SimulatedKubelet(cluster.kubeletClient(), Agents.NAMESPACE, controller::connect);
        try {
            controller.onConnect(runtime::agentConnected);
            kubelet.scenarioForTemplate("broken", Scenario.IMAGE_PULL_BACKOFF);
            ResolvedTemplate maven = Engine.template("maven", spec -> spec.instanceCap(5));
            ResolvedTemplate broken = Engine.template("broken");
            List<String> agents = List.of(launch(runtime, controller, maven), launch(runtime, controller, maven));
            launch(runtime, controller, broken);
            await().atMost(Engine.patience()).until(() -> runtime.pods().size() == 2
                    && runtime.pods().stream().allMatch(p -> "Running".equals(p.getStatus().getPhase())));

            Map<String, CloudReport.AgentState> states = new LinkedHashMap<>();
            states.put(agents.get(0), new CloudReport.AgentState(true, true, false, "app #7", "job/app/7/", "+0.10s pod created"));
            states.put(agents.get(1), new CloudReport.AgentState(true, false, true, null, null, "+0.10s pod created"));
            Optional<LaunchBreaker.Pause> brokenPause = runtime.pause(broken.spec());
            return CloudReport.of("kube", 10, List.of(new CloudReport.TemplateLimits("maven", 5, runtime.pause(maven.spec())),
                    new CloudReport.TemplateLimits("broken", null, brokenPause)), runtime, states, Instant.now());
        } finally {
            kubelet.close();
            runtime.close();
        }
    }

    private static String launch(CloudRuntime runtime, InMemoryControllerLink controller, ResolvedTemplate template) {
        String name = runtime.plan(template.spec(), 1, 0, 0).agentNames().get(0);
        controller.addAgent(name);
        LaunchOutcome outcome = Engine.await(runtime.launch(template, name));
        return outcome.agentName();
    }
}
