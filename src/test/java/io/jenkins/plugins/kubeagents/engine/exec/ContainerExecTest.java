package io.jenkins.plugins.kubeagents.engine.exec;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.kubeagents.engine.exec.ContainerExec.Outcome;
import io.jenkins.plugins.kubeagents.engine.exec.ContainerExec.Running;
import io.jenkins.plugins.kubeagents.engine.lifecycle.LaunchOutcome;
import io.jenkins.plugins.kubeagents.testing.Agents;
import io.jenkins.plugins.kubeagents.testing.Engine;
import io.jenkins.plugins.kubeagents.testing.EngineOnMockCluster;
import io.jenkins.plugins.kubeagents.testing.MockCluster;
import io.jenkins.plugins.kubeagents.testing.RecordingDispatcher;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * The {@code container} step's exec against the mock API, whose simulated kubelet runs each command on this machine
 * as it runs the agent: exit codes, output, the environment file, a dropped connection, interruption, and the
 * refusals that name the pod's containers. Asserts on what reached the API server too.
 */
public class ContainerExecTest {
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @Rule
    public final EngineOnMockCluster env = new EngineOnMockCluster();
    @Rule
    public final TemporaryFolder workspace = new TemporaryFolder();

    private String pod;
    private ContainerExec build;

    @Before
    public void runningPod() {
        LaunchOutcome outcome = Engine.await(env.engine.launch(Engine.template("maven")));
        assertThat(outcome.isConnected()).isTrue();
        pod = outcome.agentName();
        build = new ContainerExec(env.cluster.client(), Agents.NAMESPACE, pod, "build");
    }

    @Test
    public void theExitCodeAndOutputOfTheCommand() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        Outcome failed = await(build.start(List.of("sh", "-c", "echo built; echo 'no tests' >&2; exit 3"), out, err));
        Outcome passed = await(build.start(List.of("true"), new ByteArrayOutputStream(), new ByteArrayOutputStream()));

        assertThat(failed).isEqualTo(new Outcome(3, null));
        assertThat(passed).isEqualTo(new Outcome(0, null));
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("built\n");
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("no tests\n");
        assertThat(execRequests()).hasSize(2).extracting(RecordingDispatcher.Request::path)
                .containsOnly("/api/v1/namespaces/kube-ops/pods/" + pod + "/exec");
    }

    /**
     * The environment reaches the command from the file, on top of the container's own, in the working directory;
     * the file is gone before the command runs, and no value reached the API server in a URL (its audit log keeps
     * every exec URL).
     */
    @Test
    public void theEnvironmentTravelsInAFileNotInTheRequest() throws Exception {
        Path envFile = workspace.getRoot().toPath().resolve("exec.env");
        Files.writeString(envFile, ContainerCommand.environmentFile(Map.of("SECRET", "s3cr'et \"x\"\nline2",
                "MAVEN_OPTS", "-Xmx1g", "not.a.shell.name", "dropped", ContainerCommand.PATH_PREFIX, "/tools/bin")));
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        Outcome outcome = await(build.start(ContainerCommand.run(
                List.of("sh", "-c", "printf '%s|%s|%s|%s|%s|%s' \"$SECRET\" \"$MAVEN_OPTS\" \"$PWD\" \"${HOME:+home}\" \"$PATH\" "
                        + "\"${" + ContainerCommand.PATH_PREFIX + "-unset}\""),
                workspace.getRoot().getPath(), envFile.toString()), out, new ByteArrayOutputStream()));

        assertThat(outcome.exitCode()).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("s3cr'et \"x\"\nline2|-Xmx1g|" + workspace.getRoot().getPath()
                + "|home|/tools/bin:" + System.getenv("PATH") + "|unset");
        assertThat(envFile).doesNotExist();
        assertThat(execRequests()).hasSize(1).extracting(r -> java.net.URLDecoder.decode(r.uri(), StandardCharsets.UTF_8))
                .allMatch(uri -> uri.contains("exec.env")).noneMatch(uri -> uri.contains("s3cr") || uri.contains("Xmx1g"));
    }

    @Test
    public void aConnectionThatDropsBeforeTheExitCodeIsNeverASuccess() throws Exception {
        env.cluster.exec().dropNextConnection();

        Outcome outcome = await(build.start(List.of("sleep", "1"), new ByteArrayOutputStream(), new ByteArrayOutputStream()));

        assertThat(outcome.isLost()).isTrue();
        assertThat(outcome.lost()).startsWith("the exec connection to container build of pod kube-ops/" + pod);
    }

    /** Aborting stops the command and what it started, found by the marker in their environment. */
    @Test
    public void interruptionStopsTheCommandInTheContainer() throws Exception {
        String marker = UUID.randomUUID().toString();
        Path envFile = workspace.getRoot().toPath().resolve("run.env");
        Files.writeString(envFile, ContainerCommand.environmentFile(Map.of(ContainerCommand.MARKER, marker)));
        Running running = build.start(ContainerCommand.run(List.of("sh", "-c", "sleep 300 & wait"), null, envFile.toString()),
                new ByteArrayOutputStream(), new ByteArrayOutputStream());
        org.awaitility.Awaitility.await().atMost(PATIENCE).until(() -> !Files.exists(envFile)); // the command runs

        Outcome kill = await(build.start(ContainerCommand.kill(Map.of(ContainerCommand.MARKER, marker)),
                new ByteArrayOutputStream(), new ByteArrayOutputStream()));
        Outcome stopped = running.outcome().get(PATIENCE.toSeconds(), TimeUnit.SECONDS);

        assertThat(kill.exitCode()).isZero();
        assertThat(stopped.exitCode()).as("exit code of the stopped command").isNotZero();
        assertThat(new ProcessBuilder("pgrep", "-f", "sleep 300").start().waitFor()).as("pgrep: no sleep left").isEqualTo(1);
    }

    @Test
    public void aContainerThePodDoesNotHaveIsRefusedNamingItsContainers() {
        Optional<String> refusal = ContainerExec.refusal(env.engine.pods().stream().filter(p -> p.getMetadata().getName().equals(pod)).findFirst(),
                Agents.NAMESPACE, pod, "maven");

        assertThat(refusal).contains("container('maven'): pod kube-ops/" + pod + " has no container maven; its containers: jnlp, build");
        assertThat(ContainerExec.refusal(env.engine.pods().stream().filter(p -> p.getMetadata().getName().equals(pod)).findFirst(),
                Agents.NAMESPACE, pod, "")).contains("container(''): the step's name is empty; name a container of pod kube-ops/"
                        + pod + ": jnlp, build");
        assertThat(ContainerExec.refusal(Optional.empty(), Agents.NAMESPACE, "maven-gone", "maven"))
                .contains("container('maven'): pod kube-ops/maven-gone is gone");
    }

    @Test
    public void theApiServerRefusesAContainerThePodDoesNotHave() throws Exception {
        ContainerExec missing = new ContainerExec(env.cluster.client(), Agents.NAMESPACE, pod, "maven");
        Outcome outcome;
        try {
            outcome = await(missing.start(List.of("true"), new ByteArrayOutputStream(), new ByteArrayOutputStream()));
        } catch (io.fabric8.kubernetes.client.KubernetesClientException e) {
            assertThat(e.getMessage()).contains("container maven not found in pod " + pod); // the client checks first
            return;
        }
        assertThat(outcome.isLost()).as("an exit code for a container that does not exist: " + outcome).isTrue();
    }

    private List<RecordingDispatcher.Request> execRequests() {
        return env.cluster.dispatcher().requests(MockCluster.KUBELET_AGENT).stream()
                .filter(r -> r.path().endsWith("/exec")).toList();
    }

    private static Outcome await(Running running) throws Exception {
        return running.outcome().get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
    }
}
