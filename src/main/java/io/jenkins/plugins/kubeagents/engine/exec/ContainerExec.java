package io.jenkins.plugins.kubeagents.engine.exec;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.ExecWatch;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Runs commands in one container of a build's pod through the API server's exec endpoint: a WebSocket carrying the
 * command's output and, at its end, a status with the exit code. What users of other container steps report as
 * broken, and how this avoids it:
 * <ul>
 * <li>Lost exit codes: a connection that ends before the status arrives is {@link Outcome#lost}, never exit 0.</li>
 * <li>Hangs when the WebSocket drops: the client pings it (fabric8's {@code websocketPingInterval}), and its failure
 *     or close completes the outcome, so no one waits on a dead connection; aborting the build stops the command in
 *     the container ({@link ContainerCommand#kill}) and closes the connection.</li>
 * <li>No stdin: the exec protocol the client speaks ({@code v4.channel.k8s.io}) cannot close stdin, so a shell fed
 *     its commands on stdin never sees their end; the command is passed whole instead.</li>
 * <li>Environment not passed: it is passed, in a file ({@link ContainerCommand}), on top of the container's own.</li>
 * <li>Slow with many steps: one exec a launch, nothing kept open between them, no shell started to wait for a
 *     prompt; a Pipeline {@code sh} step's launch returns as soon as its wrapper has started in the background.</li>
 * </ul>
 */
public final class ContainerExec {
    private final KubernetesClient client;
    private final String namespace;
    private final String pod;
    private final String container;

    public ContainerExec(KubernetesClient client, String namespace, String pod, String container) {
        this.client = client;
        this.namespace = namespace;
        this.pod = pod;
        this.container = container;
    }

    /** How a command ended: its exit code, or why there is none. */
    public record Outcome(Integer exitCode, String lost) {
        static Outcome lost(String why) {
            return new Outcome(null, why);
        }

        public boolean isLost() {
            return exitCode == null;
        }
    }

    /** A command started in the container. */
    public static final class Running implements AutoCloseable {
        private final ExecWatch watch;
        private final CompletableFuture<Outcome> outcome;
        private final InputStream output;

        private Running(ExecWatch watch, CompletableFuture<Outcome> outcome, InputStream output) {
            this.watch = watch;
            this.outcome = outcome;
            this.output = output;
        }

        public CompletableFuture<Outcome> outcome() {
            return outcome;
        }

        /** The command's output, when it was started to be read here; else empty. */
        public InputStream output() {
            return output != null ? output : InputStream.nullInputStream();
        }

        /** Closes the connection; the command goes on in the container unless it was stopped. */
        @Override
        public void close() {
            watch.close();
        }
    }

    /**
     * Starts {@code argv} in the container; its output is copied to the streams as it arrives.
     *
     * @param stdout null: read it from {@link Running#output()}
     * @param stderr null: not collected
     */
    public Running start(List<String> argv, OutputStream stdout, OutputStream stderr) {
        var pod = client.pods().inNamespace(namespace).withName(this.pod).inContainer(container);
        var withOutput = stdout == null ? pod.redirectingOutput() : pod.writingOutput(stdout);
        ExecWatch watch = (stderr == null ? withOutput : withOutput.writingError(stderr)).exec(argv.toArray(String[]::new));
        CompletableFuture<Outcome> outcome = watch.exitCode().handle((code, failure) -> {
            if (failure != null) {
                return Outcome.lost("the exec connection to " + where() + " failed: " + failure.getMessage());
            }
            return code == null ? Outcome.lost("the exec connection to " + where() + " closed before the command's exit code arrived")
                    : new Outcome(code, null);
        });
        return new Running(watch, outcome, stdout == null ? watch.getOutput() : null);
    }

    private String where() {
        return "container " + container + " of pod " + namespace + "/" + pod;
    }

    /**
     * Why steps cannot run in {@code container} of {@code pod}, or empty: the pod must be known and running, and
     * have that container. Names the pod's containers, so a typo is plain.
     */
    public static Optional<String> refusal(Optional<Pod> pod, String namespace, String podName, String container) {
        if (pod.isEmpty()) {
            return Optional.of("container('" + container + "'): pod " + namespace + "/" + podName + " is gone");
        }
        List<String> names = pod.get().getSpec().getContainers().stream().map(Container::getName).toList();
        if (container.isBlank()) {
            return Optional.of("container(''): the step's name is empty; name a container of pod " + namespace + "/" + podName
                    + ": " + String.join(", ", names));
        }
        if (!names.contains(container)) {
            return Optional.of("container('" + container + "'): pod " + namespace + "/" + podName + " has no container "
                    + container + "; its containers: " + String.join(", ", names));
        }
        String phase = pod.get().getStatus() == null ? null : pod.get().getStatus().getPhase();
        if (!"Running".equals(phase)) {
            return Optional.of("container('" + container + "'): pod " + namespace + "/" + podName + " is not running ("
                    + (phase == null ? "no phase yet" : phase) + ")");
        }
        return Optional.empty();
    }
}
