package io.jenkins.plugins.kubeagents.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.TaskListener;
import io.jenkins.plugins.kubeagents.engine.exec.ContainerCommand;
import io.jenkins.plugins.kubeagents.engine.exec.ContainerExec;
import io.jenkins.plugins.kubeagents.engine.lifecycle.LaunchOutcome;
import io.jenkins.plugins.kubeagents.testing.Agents;
import io.jenkins.plugins.kubeagents.testing.Engine;
import io.jenkins.plugins.kubeagents.testing.EngineOnMockCluster;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * The {@code container} step's process as Jenkins' callers see it ({@link ContainerProc}), on a real exec against
 * the mock API whose simulated kubelet runs commands on this machine: a lost exit code fails, an interrupted join
 * stops the command in the container, output a caller reads itself ends when the command does.
 */
public class ContainerProcTest {
    @Rule
    public final EngineOnMockCluster env = new EngineOnMockCluster();
    @Rule
    public final TemporaryFolder workspace = new TemporaryFolder();

    private final ByteArrayOutputStream log = new ByteArrayOutputStream();
    private final TaskListener listener = () -> new PrintStream(log, true, StandardCharsets.UTF_8);
    private ContainerExec build;

    @Before
    public void runningPod() {
        LaunchOutcome outcome = Engine.await(env.engine.launch(Engine.template("maven")));
        build = new ContainerExec(env.cluster.client(), Agents.NAMESPACE, outcome.agentName(), "build");
    }

    @Test
    public void aLostExitCodeFailsTheCommandAndSaysWhyInTheLog() throws Exception {
        env.cluster.exec().dropNextConnection();
        ContainerProc proc = proc(List.of("true"), OutputStream.nullOutputStream());

        assertThat(proc.join()).isEqualTo(-1);
        assertThat(log.toString(StandardCharsets.UTF_8)).startsWith("kube-agents: the exec connection to container build of pod ")
                .contains("; the command counts as failed");
    }

    @Test
    public void theExitCodeOfTheCommand() throws Exception {
        assertThat(proc(List.of("sh", "-c", "exit 7"), OutputStream.nullOutputStream()).join()).isEqualTo(7);
    }

    /** Aborting the build interrupts the thread that waits for the process: the command stops in the container. */
    @Test
    public void anInterruptedJoinStopsTheCommandInTheContainer() throws Exception {
        Path started = workspace.getRoot().toPath().resolve("started");
        ContainerProc proc = proc(List.of("sh", "-c", "touch " + started + "; sleep 300"), OutputStream.nullOutputStream());
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).until(() -> Files.exists(started));
        CompletableFuture<Throwable> joined = new CompletableFuture<>();
        Thread waiter = new Thread(() -> {
            try {
                proc.join();
                joined.complete(null);
            } catch (Throwable t) {
                joined.complete(t);
            }
        });
        waiter.start();
        waiter.interrupt();

        assertThat(joined.get(30, TimeUnit.SECONDS)).isInstanceOf(InterruptedException.class);
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30))
                .until(() -> new ProcessBuilder("pgrep", "-f", "sleep 300").start().waitFor() == 1);
        assertThat(proc.isAlive()).isFalse();
    }

    /** readStdout(): the caller reads the output from the process, and sees its end. */
    @Test
    public void outputTheCallerReadsEndsWithTheCommand() throws Exception {
        ContainerProc proc = proc(List.of("sh", "-c", "echo one; echo two"), null);

        assertThat(new String(proc.getStdout().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("one\ntwo\n");
        assertThat(proc.join()).isZero();
    }

    /** As ContainerLauncher starts it: the environment file with the marker, the command, the killer. */
    /** @param stdout null: the caller reads the output from the process */
    private ContainerProc proc(List<String> command, OutputStream stdout) throws Exception {
        String marker = UUID.randomUUID().toString();
        Path envFile = workspace.newFile(marker + ".env").toPath();
        Files.writeString(envFile, ContainerCommand.environmentFile(Map.of(ContainerCommand.MARKER, marker)));
        ContainerExec.Running running = build.start(ContainerCommand.run(command, null, envFile.toString()), stdout, stdout);
        ContainerProc.Killer killer = vars -> ContainerProc.await(build.start(ContainerCommand.kill(vars),
                OutputStream.nullOutputStream(), OutputStream.nullOutputStream()));
        return new ContainerProc(running, killer, Map.of(ContainerCommand.MARKER, marker), listener);
    }
}
