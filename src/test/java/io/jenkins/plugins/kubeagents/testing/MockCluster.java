package io.jenkins.plugins.kubeagents.testing;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import io.jenkins.plugins.kubeagents.cli.LocalExec;
import io.jenkins.plugins.kubeagents.engine.cluster.ClientFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.rules.ExternalResource;
import org.junit.runner.Description;
import org.junit.runners.model.Statement;

/**
 * The fabric8 mock API server in CRUD mode as a JUnit 4 rule, with request recording and fault injection.
 * {@link #client()} is configured as the plugin configures its own; {@link #kubeletClient()} is the test
 * kubelet's, whose requests the counts leave out.
 */
public final class MockCluster extends ExternalResource implements AutoCloseable {
    public static final String KUBELET_AGENT = "test-kubelet";
    /** Kept so the level sticks: the mock logs every request at INFO. */
    private static final Logger MOCK_LOG = Logger.getLogger("io.fabric8.mockwebserver");

    private KubernetesMockServer server;
    private String testName;
    private RecordingDispatcher dispatcher;
    private LocalExec exec;
    private final List<KubernetesClient> clients = new java.util.concurrent.CopyOnWriteArrayList<>();

    @Override
    protected void before() {
        MOCK_LOG.setLevel(Level.WARNING);
        Map<ServerRequest, Queue<ServerResponse>> responses = new HashMap<>();
        exec = new LocalExec(new KubernetesMixedDispatcher(responses));
        dispatcher = new RecordingDispatcher(exec);
        server = new KubernetesMockServer(new Context(), new MockWebServer(), responses, dispatcher, false);
        server.init();
        kubeletClient().namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(Agents.NAMESPACE)
                .endMetadata().build()).create();
        dispatcher.reset();
    }

    @Override
    public Statement apply(Statement base, Description description) {
        testName = description.getClassName() + "#" + description.getMethodName();
        return super.apply(base, description);
    }

    @Override
    protected void after() {
        clients.forEach(KubernetesClient::close);
        server.destroy();
        if (testName != null) {
            recordPluginRequests();
        }
    }

    /** For use outside a JUnit rule (benchmarks): a started cluster; {@link #close()} stops it. */
    public static MockCluster started() {
        MockCluster cluster = new MockCluster();
        cluster.before();
        return cluster;
    }

    @Override
    public void close() {
        after();
    }

    /**
     * Writes what the plugin sent in this test to {@code target/api-requests/}, one {@code VERB path} a line: the
     * deployment kit's Role is checked against the union of these files after the test suite.
     */
    private void recordPluginRequests() {
        try {
            Path dir = Files.createDirectories(Path.of("target", "api-requests"));
            Files.write(dir.resolve(testName.replaceAll("[^A-Za-z0-9.#_-]", "_") + ".txt"),
                    pluginRequests().stream().map(RecordingDispatcher.Request::key).distinct().toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A new client as the plugin builds it (no fabric8 retries, JDK HTTP client). */
    public KubernetesClient client() {
        Config config = server.createClient().getConfiguration();
        config.setUserAgent("kube-agents");
        KubernetesClient client = ClientFactory.create(config);
        clients.add(client);
        return client;
    }

    /** How the plugin reaches this cluster, for a runtime that builds its own client. */
    public Config config() {
        try (KubernetesClient configured = server.createClient()) {
            Config config = configured.getConfiguration();
            config.setUserAgent("kube-agents");
            return config;
        }
    }

    public KubernetesClient kubeletClient() {
        KubernetesClient client = server.createClient(b -> b.withHttpClientFactory(new JdkHttpClientFactory())
                .editOrNewConfig().withUserAgent(KUBELET_AGENT).withRequestRetryBackoffLimit(3).endConfig());
        clients.add(client);
        return client;
    }

    /** The simulated kubelet's exec, which runs commands on this machine. */
    public LocalExec exec() {
        return exec;
    }

    public RecordingDispatcher dispatcher() {
        return dispatcher;
    }

    /** The requests the plugin sent (everything but the simulated kubelet's). */
    public List<RecordingDispatcher.Request> pluginRequests() {
        return dispatcher.requests(KUBELET_AGENT);
    }

    public String url() {
        return server.url("/");
    }
}
