package io.jenkins.plugins.kubeagents.realcluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.jenkins.plugins.kubeagents.cli.SimulatedKubelet;
import io.jenkins.plugins.kubeagents.engine.cluster.ClusterCheck;
import io.jenkins.plugins.kubeagents.engine.cluster.ClusterSettings;
import io.jenkins.plugins.kubeagents.engine.cluster.RequiredPermission;
import io.jenkins.plugins.kubeagents.engine.exec.ContainerExec;
import io.jenkins.plugins.kubeagents.engine.lifecycle.FailureReason;
import io.jenkins.plugins.kubeagents.engine.lifecycle.LaunchOutcome;
import io.jenkins.plugins.kubeagents.engine.merge.ResolvedTemplate;
import io.jenkins.plugins.kubeagents.engine.merge.TemplateInheritance;
import io.jenkins.plugins.kubeagents.engine.render.AgentIdentity;
import io.jenkins.plugins.kubeagents.engine.runtime.CloudRuntime;
import io.jenkins.plugins.kubeagents.engine.template.RetentionPolicy;
import io.jenkins.plugins.kubeagents.engine.template.TemplateSpec;
import io.jenkins.plugins.kubeagents.testing.Agents;
import io.jenkins.plugins.kubeagents.testing.Engine;
import io.jenkins.plugins.kubeagents.testing.InMemoryControllerLink;
import io.jenkins.plugins.kubeagents.testing.MockCluster;
import io.jenkins.plugins.kubeagents.testing.RealCluster;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.BeforeClass;
import org.junit.Test;

/**
 * The deployment kit applied to a real API server (kubectl apply -k deploy), and the engine run as its ServiceAccount
 * jenkins2 with a token from the TokenRequest API: the whole lifecycle gets no 403; the Role grants exactly what the
 * engine was seen asking; without any one of its permissions, check reports that one denied as the server answers.
 */
public class RbacAsDeployedTest {
    private static final String NAMESPACE = "kube-ops";
    private static final String USER = "system:serviceaccount:kube-ops:jenkins2";

    private static RealCluster cluster;

    @BeforeClass
    public static void applyTheDeploymentKit() throws Exception {
        cluster = RealCluster.shared();
        Process apply = new ProcessBuilder(cluster.binary("kubectl").toString(), "--kubeconfig", cluster.adminKubeconfig().toString(),
                "apply", "-k", "deploy").redirectErrorStream(true).start();
        String out = new String(apply.getInputStream().readAllBytes());
        assertThat(apply.waitFor()).as("kubectl apply -k deploy:\n" + out).isZero();
        await().atMost(Engine.patience()).until(() ->
                cluster.admin().serviceAccounts().inNamespace(NAMESPACE).withName("jenkins2").get() != null);
    }

    @Test
    public void theWholeLifecycleAsTheDeployedServiceAccountGetsNo403AndUsesExactlyTheRole() throws IOException {
        long from = auditLines();
        InMemoryControllerLink controller = new InMemoryControllerLink(Agents.CONTROLLER_ID);
        Config asJenkins = new ConfigBuilder(cluster.serviceAccountConfig(NAMESPACE, "jenkins2")).withUserAgent("kube-agents-rbac").build();
        try (KubernetesClient kubeletClient = kubeletClient()) {
            SimulatedKubelet kubelet = new SimulatedKubelet(kubeletClient, NAMESPACE, controller::connect);
            kubelet.leaveGarbageToTheCluster();
            try {
                lifecycle(asJenkins, controller);
            } finally {
                kubelet.close();
            }
        }

        List<String> engine = auditEvents(from).stream().filter(e -> e.contains("\"username\":\"" + USER + "\"")).toList();
        assertThat(engine.stream().filter(e -> e.contains("\"code\":403"))).as("403 answers").isEmpty();
        Set<String> used = engine.stream().map(RbacAsDeployedTest::verbAndResource).filter(v -> v != null)
                .collect(Collectors.toCollection(TreeSet::new));
        if (used.contains("get pods/exec")) { // audited as its GET; also authorized as create (theContainerStepsExec…)
            used.add("create pods/exec");
        }
        Set<String> required = RequiredPermission.ALL.stream().map(RequiredPermission::toString).collect(Collectors.toCollection(TreeSet::new));
        assertThat(used).as("what the engine asked of the real server").isEqualTo(required);
        assertThat(granted(role())).as("what the deployed Role grants").isEqualTo(required);
    }

    @Test
    public void withoutAnyOnePermissionCheckReportsItDeniedAsTheServerAnswers() {
        Role deployed = role();
        try {
            for (RequiredPermission missing : RequiredPermission.ALL) {
                cluster.admin().resource(without(deployed, missing)).update();
                awaitDenied(List.of(missing.toString()));
            }
        } finally {
            cluster.admin().resource(withRules(deployed, deployed.getRules())).update();
            awaitDenied(List.of());
        }
    }

    /**
     * Without a permission a launch needs, the launch fails with the server's refusal, which names the user, the verb
     * and the resource: what the agent's log and offline cause then show.
     */
    @Test
    public void withoutAPermissionTheLaunchNeedsItFailsNamingThePermission() {
        Role deployed = role();
        Map<String, String> refusals = Map.of("create pods", "cannot create resource \"pods\"",
                "create secrets", "cannot create resource \"secrets\"", "list pods", "cannot list resource \"pods\"");
        try {
            for (RequiredPermission missing : RequiredPermission.ALL) {
                String refusal = refusals.get(missing.toString());
                if (refusal == null) {
                    continue;
                }
                cluster.admin().resource(without(deployed, missing)).update();
                awaitDenied(List.of(missing.toString())); // RBAC answers from a cache: wait until it has the change
                InMemoryControllerLink controller = new InMemoryControllerLink(Agents.CONTROLLER_ID);
                try (CloudRuntime runtime = CloudRuntime.start(Agents.CLOUD, ClusterSettings.inCluster(NAMESPACE),
                        cluster.serviceAccountConfig(NAMESPACE, "jenkins2"), controller, Engine.FAST)) {
                    LaunchOutcome outcome = launch(runtime, controller, Engine.template("maven"));

                    assertThat(outcome.reason()).as("without " + missing).isEqualTo(FailureReason.API_ERROR);
                    assertThat(outcome.message()).as("without " + missing).contains("403", USER, refusal);
                }
            }
        } finally {
            cluster.admin().resource(withRules(deployed, deployed.getRules())).update();
            awaitDenied(List.of());
        }
    }

    /**
     * Every request the engine makes: launch and connect, a pod kept by retention, a controller restart that adopts
     * a pod and Secret and sweeps Secrets, a pod the server refuses after its Secret was created, and deletions.
     */
    private static void lifecycle(Config config, InMemoryControllerLink controller) {
        ResolvedTemplate maven = Engine.template("maven");
        String adopted;
        try (CloudRuntime first = CloudRuntime.start(Agents.CLOUD, ClusterSettings.inCluster(NAMESPACE), config, controller, Engine.FAST)) {
            controller.onConnect(first::agentConnected);
            LaunchOutcome connected = launch(first, controller, maven);
            assertThat(connected.isConnected()).as(connected.toString()).isTrue();
            assertThat(execAnswer(first.client(), connected.agentName())).as("a container step's exec").doesNotContain("403");
            Engine.await(first.terminate(NAMESPACE, connected.agentName(), RetentionPolicy.NEVER, false));
            LaunchOutcome kept = launch(first, controller, maven);
            Engine.await(first.terminate(NAMESPACE, kept.agentName(), RetentionPolicy.ALWAYS, false));
            cluster.admin().pods().inNamespace(NAMESPACE).withName(kept.agentName()).withGracePeriod(0).delete();
            adopted = launch(first, controller, maven).agentName();
        }
        controller.dropConnections();
        try (CloudRuntime restarted = CloudRuntime.start(Agents.CLOUD, ClusterSettings.inCluster(NAMESPACE), config, controller,
                Engine.FAST)) {
            controller.onConnect(restarted::agentConnected);
            var relaunch = restarted.launch(maven, adopted);
            controller.connect(adopted);
            assertThat(Engine.await(relaunch).isConnected()).isTrue();
            Engine.await(restarted.sweep(controller.knownAgents(), Set.of()));
            // a probe without a handler: Kubernetes refuses it, and our checks leave raw YAML to the server
            TemplateSpec refusedSpec = Engine.template("refused", spec -> spec.yaml(
                    "spec:\n  containers:\n  - name: build\n    livenessProbe: {periodSeconds: 10}\n")).spec();
            LaunchOutcome refused = launch(restarted, controller, TemplateInheritance.of(List.of(refusedSpec)).resolve("refused"));
            assertThat(refused.reason()).isEqualTo(FailureReason.API_ERROR);
            Engine.await(restarted.terminate(NAMESPACE, adopted, RetentionPolicy.NEVER, false));
        }
    }

    /**
     * A container step's exec needs both its permissions: without either the server refuses the exec with 403. With
     * both, it passes authorization and fails further on, since no kubelet runs the pod here.
     */
    @Test
    public void theContainerStepsExecNeedsBothItsPermissions() {
        Role deployed = role();
        InMemoryControllerLink controller = new InMemoryControllerLink(Agents.CONTROLLER_ID);
        try (KubernetesClient kubeletClient = kubeletClient();
                CloudRuntime runtime = CloudRuntime.start(Agents.CLOUD, ClusterSettings.inCluster(NAMESPACE),
                        cluster.serviceAccountConfig(NAMESPACE, "jenkins2"), controller, Engine.FAST)) {
            SimulatedKubelet kubelet = new SimulatedKubelet(kubeletClient, NAMESPACE, controller::connect);
            kubelet.leaveGarbageToTheCluster();
            controller.onConnect(runtime::agentConnected);
            String pod = launch(runtime, controller, Engine.template("maven")).agentName();
            try {
                // authorized; then the server finds no kubelet to pass the exec to: there is none here
                assertThat(execAnswer(runtime.client(), pod)).as("with both").isEqualTo("handshake 404");
                for (RequiredPermission missing : RequiredPermission.ALL) {
                    if (!missing.resource().equals("pods/exec")) {
                        continue;
                    }
                    cluster.admin().resource(without(deployed, missing)).update();
                    awaitDenied(List.of(missing.toString()));
                    assertThat(execAnswer(runtime.client(), pod)).as("without " + missing).isEqualTo("handshake 403");
                    cluster.admin().resource(withRules(deployed, deployed.getRules())).update();
                    awaitDenied(List.of());
                }
            } finally {
                Engine.await(runtime.terminate(NAMESPACE, pod, RetentionPolicy.NEVER, false));
                kubelet.close();
            }
        } finally {
            cluster.admin().resource(withRules(deployed, deployed.getRules())).update();
        }
    }

    /** What the server answers an exec into the pod's build container: the outcome, or the client's error. */
    private static String execAnswer(KubernetesClient client, String pod) {
        try {
            ContainerExec.Outcome outcome = new ContainerExec(client, NAMESPACE, pod, "build")
                    .start(List.of("true"), OutputStream.nullOutputStream(), OutputStream.nullOutputStream())
                    .outcome().get(Engine.patience().toSeconds(), TimeUnit.SECONDS);
            return String.valueOf(outcome);
        } catch (Exception e) {
            Throwable t = e;
            while (t != null && !(t instanceof io.fabric8.kubernetes.client.http.WebSocketHandshakeException)) {
                t = t.getCause();
            }
            if (t != null) {
                return "handshake " + ((io.fabric8.kubernetes.client.http.WebSocketHandshakeException) t).getResponse().code();
            }
            return String.valueOf(e.getMessage()) + " " + e.getCause();
        }
    }

    private static LaunchOutcome launch(CloudRuntime runtime, InMemoryControllerLink controller, ResolvedTemplate template) {
        String name = AgentIdentity.newAgentName(template.spec().name());
        controller.addAgent(name);
        return Engine.await(runtime.launch(template, name));
    }

    /** Until check, as the deployed ServiceAccount, finds exactly these permissions denied by the server. */
    private static void awaitDenied(List<String> denied) {
        await().atMost(Engine.patience()).untilAsserted(() -> {
            try (KubernetesClient asJenkins = new KubernetesClientBuilder()
                    .withConfig(cluster.serviceAccountConfig(NAMESPACE, "jenkins2")).build()) {
                assertThat(ClusterCheck.run(asJenkins, NAMESPACE).denied()).as("denied")
                        .extracting(r -> r.permission().toString()).containsExactlyElementsOf(denied);
            }
        });
    }

    private static Role role() {
        return cluster.admin().rbac().roles().inNamespace(NAMESPACE).withName("jenkins2").get();
    }

    private static Set<String> granted(Role role) {
        Set<String> granted = new TreeSet<>();
        role.getRules().forEach(rule -> rule.getResources().forEach(resource ->
                rule.getVerbs().forEach(verb -> granted.add(verb + " " + resource))));
        return granted;
    }

    private static Role without(Role role, RequiredPermission missing) {
        List<PolicyRule> rules = new ArrayList<>();
        for (PolicyRule rule : role.getRules()) {
            List<String> verbs = rule.getResources().contains(missing.resource())
                    ? rule.getVerbs().stream().filter(v -> !v.equals(missing.verb())).toList() : rule.getVerbs();
            rules.add(new PolicyRuleBuilder(rule).withVerbs(verbs).build());
        }
        return withRules(role, rules);
    }

    private static Role withRules(Role role, List<PolicyRule> rules) {
        Role copy = new io.fabric8.kubernetes.api.model.rbac.RoleBuilder(role).withRules(rules).build();
        copy.getMetadata().setResourceVersion(null);
        return copy;
    }

    private static KubernetesClient kubeletClient() {
        return new KubernetesClientBuilder().withConfig(new ConfigBuilder(cluster.adminConfig())
                .withUserAgent(MockCluster.KUBELET_AGENT).build()).build();
    }

    private static long auditLines() throws IOException {
        try (var lines = Files.lines(cluster.auditLog())) {
            return lines.count();
        }
    }

    private static List<String> auditEvents(long from) throws IOException {
        try (var lines = Files.lines(cluster.auditLog())) {
            return lines.skip(from).filter(l -> l.contains("\"stage\":\"ResponseComplete\"")).toList();
        }
    }

    private static final Pattern VERB = Pattern.compile("\"verb\":\"([a-z]+)\"");
    private static final Pattern RESOURCE = Pattern.compile("\"objectRef\":\\{\"resource\":\"([a-z]+)\"");

    /** {@code create pods}, for a request on pods or Secrets; null for others (discovery, reviews). */
    private static String verbAndResource(String event) {
        Matcher verb = VERB.matcher(event);
        Matcher resource = RESOURCE.matcher(event);
        if (!verb.find() || !resource.find() || !Set.of("pods", "secrets").contains(resource.group(1))) {
            return null;
        }
        if (event.contains("\"subresource\"")) {
            return event.contains("\"subresource\":\"exec\"") ? verb.group(1) + " pods/exec" : null;
        }
        return verb.group(1) + " " + resource.group(1);
    }
}
