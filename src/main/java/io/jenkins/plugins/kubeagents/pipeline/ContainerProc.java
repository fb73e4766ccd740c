package io.jenkins.plugins.kubeagents.pipeline;

import hudson.Proc;
import hudson.model.TaskListener;
import io.jenkins.plugins.kubeagents.engine.exec.ContainerExec;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** A process started in a container through the exec API, as Jenkins' callers of a launcher see processes. */
final class ContainerProc extends Proc {
    /** A kill is one short exec; past this the connection is taken for dead. */
    private static final Duration KILL_WAIT = Duration.ofSeconds(30);

    /** Stops the container's processes whose environment holds the given variables. */
    interface Killer {
        void kill(Map<String, String> vars) throws IOException, InterruptedException;
    }

    private final ContainerExec.Running running;
    private final Killer killer;
    private final Map<String, String> marker;
    private final TaskListener listener;

    ContainerProc(ContainerExec.Running running, Killer killer, Map<String, String> marker, TaskListener listener) {
        this.running = running;
        this.killer = killer;
        this.marker = marker;
        this.listener = listener;
    }

    @Override
    public boolean isAlive() {
        return !running.outcome().isDone();
    }

    /** Stops the command and what it started, in the container, then closes the connection. */
    @Override
    public void kill() throws IOException, InterruptedException {
        try {
            killer.kill(marker);
        } finally {
            running.close();
        }
    }

    /**
     * The exit code; a command whose exit code was lost (the connection closed first) counts as failed, with the
     * reason in the build log, never as a success. Interrupted (the build aborted), it stops the command.
     */
    @Override
    public int join() throws IOException, InterruptedException {
        ContainerExec.Outcome outcome;
        try {
            outcome = running.outcome().get();
        } catch (InterruptedException e) {
            kill();
            throw e;
        } catch (ExecutionException e) {
            throw new IOException(e.getCause());
        }
        if (outcome.isLost()) {
            listener.getLogger().println("kube-agents: " + outcome.lost() + "; the command counts as failed");
            return -1;
        }
        return outcome.exitCode();
    }

    /** The output, when the caller asked to read it (readStdout()); else empty. */
    @Override
    public InputStream getStdout() {
        return running.output();
    }

    /** Empty: stderr goes where stdout goes unless the caller gave it a stream of its own. */
    @Override
    public InputStream getStderr() {
        return InputStream.nullInputStream();
    }

    @Override
    public OutputStream getStdin() {
        return OutputStream.nullOutputStream(); // the exec protocol spoken cannot end stdin; nothing is sent
    }

    static ContainerExec.Outcome await(ContainerExec.Running running) throws IOException, InterruptedException {
        try {
            return running.outcome().get(KILL_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IOException(e.getCause());
        } catch (TimeoutException e) {
            running.close();
            return new ContainerExec.Outcome(null, "no answer within " + KILL_WAIT.toSeconds() + " s");
        }
    }
}
