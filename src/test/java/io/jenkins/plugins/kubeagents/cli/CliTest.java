package io.jenkins.plugins.kubeagents.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.fabric8.mockwebserver.http.MockResponse;
import io.jenkins.plugins.kubeagents.engine.cluster.RequiredPermission;
import io.jenkins.plugins.kubeagents.testing.RecordingDispatcher;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * Every command of the CLI on the embedded Kubernetes API (no cluster configured: HOME is an empty folder), with
 * the API's requests recorded and faults injected where a failure class needs one.
 */
public class CliTest {
    @Rule
    public final TemporaryFolder folder = new TemporaryFolder();

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private RecordingDispatcher api;

    private int run(String... args) throws IOException {
        Main main = new Main(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                Map.of("HOME", folder.getRoot().getPath()), crud -> {
                    api = new RecordingDispatcher(crud);
                    faults.forEach(f -> f.accept(api));
                    return api;
                });
        return main.run(args);
    }

    private final List<java.util.function.Consumer<RecordingDispatcher>> faults = new java.util.ArrayList<>();

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private String template(String yaml) throws IOException {
        Path file = folder.newFile("template.yaml").toPath();
        Files.writeString(file, yaml);
        return file.toString();
    }

    @Test
    public void trialOfTheMavenExampleRunsThePodAndLeavesNothingBehind() throws IOException {
        assertThat(run("trial", "--template", "examples/maven.yaml")).isEqualTo(Main.OK);

        assertThat(out()).startsWith("Using an embedded Kubernetes API")
                .contains("pod created in namespace kube-ops", "scheduled to embedded-node-1", "running",
                        "self-test completed", "OK: the agent container ran its self-test", "Deleted the pod and its Secret.");
        assertThat(api.requests("none").stream().map(RecordingDispatcher.Request::key).filter(k -> k.startsWith("DELETE")))
                .anyMatch(k -> k.matches("DELETE /api/v1/namespaces/kube-ops/pods/maven-[a-z0-9]{8}"))
                .anyMatch(k -> k.matches("DELETE /api/v1/namespaces/kube-ops/secrets/maven-[a-z0-9]{8}"));
    }

    @Test
    public void trialNamesTheImageThatCannotBePulled() throws IOException {
        assertThat(run("trial", "--template", "examples/image-typo.yaml", "--image-pull-grace", "0")).isEqualTo(Main.PROBLEMS);
        assertThat(out()).contains("FAILED: IMAGE_PULL", "kube-agents/agnet:0.1.0", "Deleted the pod and its Secret.");
    }

    @Test
    public void trialReportsTheSchedulersMessageForAPodThatFitsNoNode() throws IOException {
        String big = template("""
                name: big
                containers:
                  - name: build
                    image: maven:3.9-eclipse-temurin-17
                    resourceRequestCpu: "16"
                """);
        assertThat(run("trial", "--template", big, "--unschedulable-budget", "0")).isEqualTo(Main.PROBLEMS);
        assertThat(out()).contains("FAILED: UNSCHEDULABLE", "Insufficient cpu");
    }

    @Test
    public void trialReportsAnExceededQuota() throws IOException {
        faults.add(a -> a.fault("POST", ".*/pods", n -> true, () -> new MockResponse().setResponseCode(403).setBody(
                "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"code\":403,\"reason\":\"Forbidden\","
                        + "\"message\":\"pods \\\"x\\\" is forbidden: exceeded quota: agents, requested: pods=1, used: pods=10, limited: pods=10\"}")));
        assertThat(run("trial", "--template", "examples/minimal.yaml")).isEqualTo(Main.PROBLEMS);
        assertThat(out()).contains("FAILED: QUOTA", "exceeded quota: agents", "Deleted the pod and its Secret.");
    }

    @Test
    public void checkListsEveryPermissionAndFailsOnADeniedOne() throws IOException {
        faults.add(a -> a.fault(r -> r.getPath().endsWith("/selfsubjectaccessreviews") && new String(r.getBody().getBytes(), StandardCharsets.UTF_8).contains("\"delete\""),
                n -> true, () -> new MockResponse().setResponseCode(201).setBody(
                        "{\"kind\":\"SelfSubjectAccessReview\",\"apiVersion\":\"authorization.k8s.io/v1\",\"spec\":{},"
                                + "\"status\":{\"allowed\":false,\"reason\":\"RBAC: no rule grants it\"}}")));
        assertThat(run("check")).isEqualTo(Main.PROBLEMS);
        assertThat(out()).contains("Kubernetes " + EmbeddedApi.VERSION, "namespace kube-ops exists",
                "allowed: create pods", "! DENIED: delete pods", "! DENIED: delete secrets", "PROBLEMS");
    }

    @Test
    public void checkPassesOnTheEmbeddedApiAndSpeaksJson() throws IOException {
        assertThat(run("check", "--json")).isEqualTo(Main.OK);
        Map<?, ?> json = new KubernetesSerialization().unmarshal(out(), Map.class);
        assertThat(json.get("ok")).isEqualTo(true);
        assertThat((List<?>) json.get("permissions")).hasSize(RequiredPermission.ALL.size());
        assertThat(err()).startsWith("Using an embedded Kubernetes API");
    }

    @Test
    public void renderPrintsThePodWithTheSecretOnlyReferenced() throws IOException {
        assertThat(run("render", "--template", "examples/maven.yaml", "--agent-name", "maven-abcd1234")).isEqualTo(Main.OK);
        assertThat(out()).contains("name: maven-abcd1234", "image: kube-agents/agent:0.1.0", "secretKeyRef:",
                "key: jenkins-agent-secret").doesNotContain("inbound-secret");
    }

    /** As the Kubernetes plugin's users write a pod: no apiVersion, no kind, and documents merged in order. */
    @Test
    public void renderTakesAPodOfOnlyMetadataAndSpecInSeveralDocuments() throws IOException {
        String pod = template("""
                metadata:
                  labels:
                    team: payments
                spec:
                  containers:
                    - name: maven
                      image: maven:3.9-eclipse-temurin-17
                      command: [sleep]
                      args: [infinity]
                ---
                spec:
                  containers:
                    - name: maven
                      resources:
                        requests:
                          memory: 1Gi
                """);
        assertThat(run("render", "--template", pod, "--agent-name", "template-abcd1234")).as(err()).isEqualTo(Main.OK);
        assertThat(out()).contains("team: payments", "image: maven:3.9-eclipse-temurin-17", "memory: 1Gi", "name: jnlp");
    }

    @Test
    public void renderNamesEveryBadFieldAsTheFormsDo() throws IOException {
        String bad = template("""
                name: Maven
                containers:
                  - name: build
                    image: ""
                    resourceLimitMemory: 2 GB
                instanceCap: -1
                """);
        assertThat(run("render", "--template", bad)).isEqualTo(Main.PROBLEMS);
        assertThat(err()).contains("4 problems:", "templates[Maven].name:", "templates[Maven].containers[build].image: must not be empty",
                "templates[Maven].containers[build].resourceLimitMemory", "templates[Maven].instanceCap")
                .doesNotContain("Exception", "\tat ");
    }

    @Test
    public void importTurnsTheKubernetesPluginsConfigurationIntoKubeAgentsAndSaysWhatItCouldNotCarry() throws IOException {
        String every = "src/test/resources/io/jenkins/plugins/kubeagents/engine/importer/every-setting.yaml";
        Path templates = folder.newFolder("templates").toPath();
        assertThat(run("import-kubernetes-plugin", every, "--templates-dir", templates.toString())).isEqualTo(Main.PROBLEMS);
        assertThat(out()).contains("kubeAgents:", "name: kube", "tunnel: jenkins2-agent.kube-ops.svc:50000");
        assertThat(err()).contains("not carried     jenkins.clouds[0].kubernetes.credentialsId: the credentials plugin is not used",
                "carried as YAML", "7 not carried").doesNotContain("Exception");
        out.reset();
        assertThat(run("render", "--template", templates.resolve("maven.yaml").toString(), "--agent-name", "maven-abcd1234"))
                .as(err()).isEqualTo(Main.OK);
        assertThat(out()).contains("server: nfs.example.com", "imagePullPolicy: Always");
    }

    @Test
    public void importOfEverythingCarriedExitsZeroAndOfUnreadableInputTwo() throws IOException {
        String clean = template("""
                jenkins:
                  clouds:
                    - kubernetes:
                        name: kube
                        namespace: kube-ops
                        templates:
                          - name: maven
                            label: maven
                            containers:
                              - name: maven
                                image: maven:3.9-eclipse-temurin-17
                """);
        Path casc = folder.getRoot().toPath().resolve("kube-agents.yaml");
        assertThat(run("import-kubernetes-plugin", clean, "--out", casc.toString())).isEqualTo(Main.OK);
        assertThat(Files.readString(casc)).contains("kubeAgents:", "labels: maven");
        assertThat(err()).contains("0 not carried");

        Path broken = folder.getRoot().toPath().resolve("broken.yaml");
        Files.writeString(broken, "jenkins:\n  clouds: [\n");
        assertThat(run("import-kubernetes-plugin", broken.toString())).isEqualTo(Main.USAGE);
        assertThat(err()).contains("line 3, column 1");
    }

    @Test
    public void usageErrorsExitWithTwo() throws IOException {
        assertThat(run()).isEqualTo(Main.USAGE);
        assertThat(run("trial")).isEqualTo(Main.USAGE);
        assertThat(err()).contains("'trial' needs --template FILE");
        assertThat(run("render", "--template", "examples/maven.yaml", "--frobnicate")).isEqualTo(Main.USAGE);
        assertThat(run("trial", "--template", "examples/maven.yaml", "--timeout", "soon")).isEqualTo(Main.USAGE);
        assertThat(err()).contains("--timeout must be a number of seconds");
        assertThat(run("render", "--template", "no/such/file.yaml")).isEqualTo(Main.USAGE);
    }

    @Test
    public void everyCommandHasHelp() throws IOException {
        for (String command : List.of("check", "render", "trial", "import-kubernetes-plugin")) {
            out.reset();
            assertThat(run(command, "--help")).isEqualTo(Main.OK);
            assertThat(out()).contains("Usage:", command);
        }
    }
}
