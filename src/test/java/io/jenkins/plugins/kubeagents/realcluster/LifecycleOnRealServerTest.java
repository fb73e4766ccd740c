package io.jenkins.plugins.kubeagents.realcluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.LimitRangeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceQuotaBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.jenkins.plugins.kubeagents.cli.SimulatedKubelet;
import io.jenkins.plugins.kubeagents.engine.cluster.ClusterSettings;
import io.jenkins.plugins.kubeagents.engine.lifecycle.FailureReason;
import io.jenkins.plugins.kubeagents.engine.lifecycle.LaunchOutcome;
import io.jenkins.plugins.kubeagents.engine.merge.ResolvedTemplate;
import io.jenkins.plugins.kubeagents.engine.render.AgentIdentity;
import io.jenkins.plugins.kubeagents.engine.runtime.CloudRuntime;
import io.jenkins.plugins.kubeagents.engine.template.RetentionPolicy;
import io.jenkins.plugins.kubeagents.testing.Agents;
import io.jenkins.plugins.kubeagents.testing.Engine;
import io.jenkins.plugins.kubeagents.testing.InMemoryControllerLink;
import io.jenkins.plugins.kubeagents.testing.MutableClock;
import io.jenkins.plugins.kubeagents.testing.RealCluster;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/**
 * The engine's lifecycle where Kubernetes' own behaviour decides: the garbage collector, a watch that expires,
 * quota admission and LimitRange defaults, on a real API server with the simulated kubelet acting as the node.
 */
public class LifecycleOnRealServerTest {
    private static final String PLUGIN_AGENT = "kube-agents-plugin-under-test";
    private static int namespaces;

    private final RealCluster cluster = RealCluster.shared();
    private final InMemoryControllerLink controller = new InMemoryControllerLink(Agents.CONTROLLER_ID);
    private final MutableClock clock = new MutableClock();
    private String namespace;
    private KubernetesClient kubeletClient;
    private SimulatedKubelet kubelet;
    private CloudRuntime runtime;

    @Before
    public void start() {
        namespace = "real-lifecycle-" + (++namespaces);
        cluster.namespace(namespace, Map.of());
        kubeletClient = new KubernetesClientBuilder().withConfig(new ConfigBuilder(cluster.adminConfig())
                .withUserAgent(io.jenkins.plugins.kubeagents.testing.MockCluster.KUBELET_AGENT).build()).build();
        kubelet = new SimulatedKubelet(kubeletClient, namespace, controller::connect);
        kubelet.leaveGarbageToTheCluster();
        runtime = CloudRuntime.start(Agents.CLOUD, ClusterSettings.inCluster(namespace),
                new ConfigBuilder(cluster.adminConfig()).withUserAgent(PLUGIN_AGENT).build(), controller, Engine.FAST, clock);
        controller.onConnect(runtime::agentConnected);
    }

    @After
    public void stop() {
        runtime.close();
        kubelet.close();
        kubeletClient.close();
        cluster.admin().namespaces().withName(namespace).delete();
    }

    @Test
    public void theClustersGarbageCollectorDeletesTheSecretAfterItsPod() {
        LaunchOutcome agent = launch(Engine.template("maven"));
        assertThat(agent.isConnected()).as(agent.toString()).isTrue();
        Secret secret = cluster.admin().secrets().inNamespace(namespace).withName(agent.agentName()).get();
        assertThat(secret.getMetadata().getOwnerReferences()).singleElement()
                .satisfies(owner -> assertThat(owner.getKind()).isEqualTo("Pod"));

        Engine.await(runtime.terminate(namespace, agent.agentName(), RetentionPolicy.NEVER, false));

        await().atMost(Engine.patience()).until(() ->
                cluster.admin().secrets().inNamespace(namespace).withName(agent.agentName()).get() == null);
    }

    /**
     * etcd compacted past the informer's resourceVersion, then the API server restarted: the informer's next watch
     * is answered 410 Gone, it lists again, and neither a connected agent's lost pod nor another pod's deletion is
     * missed.
     */
    @Test
    public void theInformerSurvivesAnExpiredWatchWithoutMissingAnEnd() throws IOException {
        LaunchOutcome lost = launch(Engine.template("maven"));
        LaunchOutcome ended = launch(Engine.template("maven"));
        long listsBefore = pluginPodLists();
        for (int i = 0; i < 5; i++) { // history newer than anything the pod informer saw
            cluster.admin().configMaps().inNamespace(namespace).resource(new ConfigMapBuilder().withNewMetadata()
                    .withName("bump-" + i).endMetadata().build()).create();
        }
        cluster.compactEtcd();
        cluster.restartApiServer(); // every watch ends; the informer's resumes from before the compaction: 410 Gone
        await().atMost(Engine.patience()).until(() -> pluginPodLists() > listsBefore); // and it listed again

        cluster.admin().pods().inNamespace(namespace).withName(lost.agentName()).delete();
        await().atMost(Engine.patience()).until(() -> controller.losses().stream()
                .anyMatch(loss -> loss.agentName().equals(lost.agentName())));
        Engine.await(runtime.terminate(namespace, ended.agentName(), RetentionPolicy.NEVER, false));
        assertThat(cluster.admin().pods().inNamespace(namespace).withName(ended.agentName()).get()).isNull();
    }

    @Test
    public void anExceededQuotaIsAQuotaFailureInTheServersWords() {
        cluster.admin().resourceQuotas().inNamespace(namespace).resource(new ResourceQuotaBuilder().withNewMetadata()
                .withName("agents").endMetadata().withNewSpec().addToHard("pods", new Quantity("0")).endSpec().build()).create();
        await().atMost(Engine.patience()).until(() -> cluster.admin().resourceQuotas().inNamespace(namespace).withName("agents")
                .get().getStatus() != null); // the quota controller has counted: admission now enforces it

        String name = AgentIdentity.newAgentName("maven");
        controller.addAgent(name);
        CompletableFuture<LaunchOutcome> launch = runtime.launch(Engine.template("maven"), name);
        await().atMost(Engine.patience()).until(() -> {
            clock.advance(Duration.ofSeconds(30));
            return launch.isDone();
        });

        LaunchOutcome outcome = Engine.await(launch);
        assertThat(outcome.reason()).isEqualTo(FailureReason.QUOTA);
        assertThat(outcome.message()).contains("exceeded quota: agents", "limited: pods=0");
    }

    @Test
    public void theNamespacesLimitRangeDefaultsShowInTheTimeline() {
        cluster.admin().limitRanges().inNamespace(namespace).resource(new LimitRangeBuilder().withNewMetadata()
                .withName("defaults").endMetadata().withNewSpec().addNewLimit().withType("Container")
                .withDefault(Map.of("memory", new Quantity("768Mi"))).endLimit().endSpec().build()).create();

        LaunchOutcome agent = launch(Engine.template("maven"));

        assertThat(agent.timeline().toString())
                .contains("the namespace's defaults (LimitRange) set container build: requests memory 768Mi, limits memory 768Mi")
                .contains("the namespace's defaults (LimitRange) set container jnlp: limits memory 768Mi");
    }

    private LaunchOutcome launch(ResolvedTemplate template) {
        String name = AgentIdentity.newAgentName(template.spec().name());
        controller.addAgent(name);
        return Engine.await(runtime.launch(template, name));
    }

    /** LISTs of pods the engine sent, as the API server's audit log recorded them. */
    private long pluginPodLists() throws IOException {
        try (var lines = Files.lines(cluster.auditLog())) {
            return lines.filter(l -> l.contains("\"userAgent\":\"" + PLUGIN_AGENT) && l.contains("\"verb\":\"list\"")
                    && l.contains("\"resource\":\"pods\"") && l.contains("\"namespace\":\"" + namespace + "\"")
                    && l.contains("\"stage\":\"ResponseComplete\"")).count();
        }
    }
}
