package io.jenkins.plugins.kubeagents.cli;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.mockwebserver.http.Response;
import io.fabric8.mockwebserver.http.WebSocket;
import io.fabric8.mockwebserver.http.WebSocketListener;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The kubelet's side of {@code pods/exec} for the embedded API: as the simulated kubelet runs a pod's agent on this
 * machine, an exec into one of its containers runs the command here, streaming stdout and stderr on the channels of
 * {@code v4.channel.k8s.io} and ending with the status that carries the exit code. Refuses what the API server
 * refuses: an unknown pod, a container the pod does not have, a pod not running.
 */
public final class LocalExec extends Dispatcher {
    private static final Pattern EXEC = Pattern.compile("/api/v1/namespaces/([^/]+)/pods/([^/]+)/exec\\?(.*)");
    private static final byte STDOUT = 1;
    private static final byte STDERR = 2;
    private static final byte STATUS = 3;

    private final Dispatcher api;
    private static final KubernetesSerialization JSON = new KubernetesSerialization();
    private final AtomicBoolean dropNext = new AtomicBoolean();

    /** @param api the API's objects: pods are read from it, every other request goes to it */
    public LocalExec(Dispatcher api) {
        this.api = api;
    }

    /** The next exec's connection closes once its command started, with no status: a connection that dropped. */
    public void dropNextConnection() {
        dropNext.set(true);
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        Matcher m = EXEC.matcher(request.getPath());
        if (!m.matches()) {
            return api.dispatch(request);
        }
        String namespace = m.group(1);
        String podName = m.group(2);
        List<String> command = new ArrayList<>();
        String container = null;
        for (String parameter : m.group(3).split("&")) {
            String[] nameValue = parameter.split("=", 2);
            String value = URLDecoder.decode(nameValue.length > 1 ? nameValue[1] : "", StandardCharsets.UTF_8);
            if (nameValue[0].equals("command")) {
                command.add(value);
            } else if (nameValue[0].equals("container")) {
                container = value;
            }
        }
        Pod pod = pod(namespace, podName);
        if (pod == null) {
            return status(404, "pods \"" + podName + "\" not found");
        }
        String wanted = container;
        if (pod.getSpec().getContainers().stream().map(Container::getName).noneMatch(n -> n.equals(wanted))) {
            return status(400, "container " + wanted + " is not valid for pod " + podName);
        }
        if (pod.getStatus() == null || !"Running".equals(pod.getStatus().getPhase())) {
            return status(400, "pod " + podName + " is not running");
        }
        return new MockResponse().withWebSocketUpgrade(new Session(command, dropNext.getAndSet(false)));
    }

    private Pod pod(String namespace, String name) {
        String path = "/api/v1/namespaces/" + namespace + "/pods/" + name;
        MockResponse response = api.dispatch(new RecordedRequest("GET " + path + " HTTP/1.1", HttpMethod.GET, path,
                new Headers.Builder().build(), new Buffer()));
        return response.code() == 200 ? JSON.unmarshal(response.getBody().readUtf8(), Pod.class) : null;
    }

    private static MockResponse status(int code, String message) {
        return new MockResponse().setResponseCode(code).setBody(JSON.asJson(new StatusBuilder().withStatus("Failure")
                .withMessage(message).withCode(code).build()));
    }

    /** One exec: the command runs as a process of this machine. */
    private static final class Session extends WebSocketListener {
        private final List<String> command;
        private final boolean drop;

        Session(List<String> command, boolean drop) {
            this.command = command;
            this.drop = drop;
        }

        @Override
        public void onOpen(WebSocket socket, Response response) {
            daemon(() -> run(socket)).start();
        }

        private void run(WebSocket socket) {
            Process process;
            try {
                process = new ProcessBuilder(command).start();
            } catch (IOException e) {
                send(socket, STATUS, JSON.asJson(new StatusBuilder().withStatus("Failure").withMessage(e.getMessage()).build()));
                socket.close(1000, "");
                return;
            }
            try {
                process.getOutputStream().close(); // no stdin: the client sends none
            } catch (IOException e) {
                // the process may have ended already
            }
            if (drop) {
                socket.close(1001, "connection dropped");
                return;
            }
            Thread err = daemon(() -> pump(process.getErrorStream(), socket, STDERR));
            err.start();
            pump(process.getInputStream(), socket, STDOUT);
            try {
                err.join();
                int code = process.waitFor();
                send(socket, STATUS, JSON.asJson(exitStatus(code)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            socket.close(1000, "");
        }

        /** As the kubelet reports an exec's end: Success, or NonZeroExitCode with the code as its cause. */
        private static Status exitStatus(int code) {
            return code == 0 ? new StatusBuilder().withStatus("Success").build()
                    : new StatusBuilder().withStatus("Failure").withMessage("command terminated with non-zero exit code")
                            .withReason("NonZeroExitCode").withNewDetails().addNewCause().withReason("ExitCode")
                            .withMessage(String.valueOf(code)).endCause().endDetails().build();
        }

        private static Thread daemon(Runnable work) {
            Thread thread = new Thread(work, "kube-agents-embedded-exec");
            thread.setDaemon(true);
            return thread;
        }

        private static void pump(InputStream in, WebSocket socket, byte channel) {
            byte[] buffer = new byte[8192];
            try (in) {
                for (int n; (n = in.read(buffer)) > 0; ) {
                    byte[] frame = new byte[n + 1];
                    frame[0] = channel;
                    System.arraycopy(buffer, 0, frame, 1, n);
                    socket.send(frame);
                }
            } catch (IOException e) {
                // the process ended; its status says how
            }
        }

        private static void send(WebSocket socket, byte channel, String text) {
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            byte[] frame = Arrays.copyOf(new byte[] {channel}, bytes.length + 1);
            System.arraycopy(bytes, 0, frame, 1, bytes.length);
            socket.send(frame);
        }
    }
}
