package io.jenkins.plugins.kubeagents.pipeline;

import hudson.EnvVars;
import hudson.FilePath;
import hudson.Launcher;
import hudson.Proc;
import hudson.model.Computer;
import io.jenkins.plugins.kubeagents.agents.KubeAgentsAgent;
import io.jenkins.plugins.kubeagents.engine.exec.ContainerCommand;
import io.jenkins.plugins.kubeagents.engine.exec.ContainerExec;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A launcher whose processes run in one container of the agent's pod, through the exec API, instead of in the
 * agent's own ({@code jnlp}) container. Output goes where the caller asked (the build log, masked as Pipeline
 * masks it, since the caller's stream is the masking one); the environment goes in a file
 * ({@link ContainerCommand}); kills reach the container's processes too.
 */
final class ContainerLauncher extends Launcher.DecoratedLauncher {
    /** Where environment files wait for their command, on the workspace volume every container mounts. */
    private static final String EXEC_DIR = ".kube-agents-exec";

    private final KubeAgentsAgent agent;
    private final String container;

    ContainerLauncher(Launcher inner, KubeAgentsAgent agent, String container) {
        super(inner);
        this.agent = agent;
        this.container = container;
    }

    @Override
    public Proc launch(ProcStarter starter) throws IOException {
        if (!starter.quiet()) {
            maskedPrintCommandLine(starter.cmds(), starter.masks(), starter.pwd());
        }
        String marker = UUID.randomUUID().toString();
        FilePath envFile = writeEnvironment(starter.envs(), marker);
        List<String> argv = ContainerCommand.run(starter.cmds(), starter.pwd() == null ? null : starter.pwd().getRemote(),
                envFile.getRemote());
        // readStdout() leaves stdout null: the caller reads the process's own output, as from a local process
        OutputStream stderr = starter.stderr() != null ? starter.stderr() : starter.stdout();
        ContainerExec.Running running = exec().start(argv, starter.stdout(), stderr);
        return new ContainerProc(running, this::killInContainer, Map.of(ContainerCommand.MARKER, marker), getListener());
    }

    /**
     * Durable tasks (a Pipeline {@code sh} step) are stopped by the processes' environment: in the agent's container
     * as Jenkins does it, and in this one.
     */
    @Override
    public void kill(Map<String, String> modelEnvVars) throws IOException, InterruptedException {
        super.kill(modelEnvVars);
        killInContainer(modelEnvVars);
    }

    private void killInContainer(Map<String, String> vars) throws IOException, InterruptedException {
        ContainerExec.Outcome outcome = ContainerProc.await(exec().start(ContainerCommand.kill(vars),
                OutputStream.nullOutputStream(), OutputStream.nullOutputStream()));
        if (outcome.isLost() || outcome.exitCode() != 0) {
            getListener().getLogger().println("kube-agents: could not stop the processes in container " + container + " of pod "
                    + agent.getNamespace() + "/" + agent.getNodeName() + ": "
                    + (outcome.isLost() ? outcome.lost() : "exit code " + outcome.exitCode()));
        }
    }

    /** Writes the command's environment ({@link ContainerEnvironment}) where the container can read it. */
    private FilePath writeEnvironment(String[] envs, String marker) throws IOException {
        try {
            Computer computer = agent.toComputer();
            EnvVars own = computer == null ? new EnvVars() : computer.getEnvironment();
            Map<String, String> env = ContainerEnvironment.of(envs, own, marker);
            FilePath root = agent.getRootPath();
            if (root == null) {
                throw new IOException("agent " + agent.getNodeName() + " is offline: no command can start in container " + container);
            }
            FilePath dir = root.child(EXEC_DIR);
            dir.mkdirs();
            FilePath file = dir.child(marker + ".env");
            file.write(ContainerCommand.environmentFile(env), StandardCharsets.UTF_8.name());
            return file;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while writing the environment of a command for container " + container, e);
        }
    }

    private ContainerExec exec() throws IOException {
        return new ContainerExec(agent.runtime().client(), agent.getNamespace(), agent.getNodeName(), container);
    }
}
