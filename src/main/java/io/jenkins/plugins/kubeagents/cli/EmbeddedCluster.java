package io.jenkins.plugins.kubeagents.cli;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.jenkins.plugins.kubeagents.engine.cluster.ClientFactory;
import java.util.HashMap;
import java.util.Map;
import java.util.Queue;
import java.util.function.UnaryOperator;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A Kubernetes API in this process, for trying the CLI without a cluster: fabric8's mock API server in CRUD
 * mode (objects are stored and watched, nothing is scheduled or run) and a {@link SimulatedKubelet} that plays
 * the scheduler and the kubelet for pods.
 */
public final class EmbeddedCluster implements AutoCloseable {
    /** Held so the level set on it stays: the mock server logs every request at INFO. */
    private static final Logger MOCK_LOG = Logger.getLogger("io.fabric8.mockwebserver");

    private final KubernetesMockServer server;
    private final EmbeddedApi api;
    private final KubernetesClient kubeletClient;
    private final SimulatedKubelet kubelet;

    /** @param wrap lets tests wrap the API's dispatcher, to record requests or inject faults */
    public EmbeddedCluster(String namespace, UnaryOperator<Dispatcher> wrap) {
        MOCK_LOG.setLevel(Level.WARNING);
        Map<ServerRequest, Queue<ServerResponse>> responses = new HashMap<>();
        api = new EmbeddedApi(new KubernetesMixedDispatcher(responses));
        server = new KubernetesMockServer(new Context(), new MockWebServer(), responses, wrap.apply(api), false);
        server.init();
        kubeletClient = client("kube-agents-embedded-kubelet");
        kubeletClient.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata().build()).create();
        kubelet = new SimulatedKubelet(kubeletClient, namespace, agent -> { }); // a trial's agent runs a self-test, never connects
        kubelet.scenarios(SimulatedKubelet::fromThePod);
    }

    /** A client as the plugin builds it (JDK HTTP client, no retries of fabric8's own). */
    public KubernetesClient client(String userAgent) {
        Config config = server.createClient().getConfiguration();
        config.setUserAgent(userAgent);
        return ClientFactory.create(config);
    }

    /** The next exec's connection drops once its command started, with no exit code: a fault to test against. */
    public void dropNextExecConnection() {
        api.dropNextExecConnection();
    }

    public String url() {
        return server.url("/");
    }

    @Override
    public void close() {
        kubelet.close();
        kubeletClient.close();
        server.destroy();
    }
}
