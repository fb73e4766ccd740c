package io.jenkins.plugins.kubeagents.bench;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.jenkins.plugins.kubeagents.cli.SimulatedKubelet;
import io.jenkins.plugins.kubeagents.engine.lifecycle.LifecycleSettings;
import io.jenkins.plugins.kubeagents.engine.render.OwnLabels;
import io.jenkins.plugins.kubeagents.testing.Agents;
import io.jenkins.plugins.kubeagents.testing.Engine;
import io.jenkins.plugins.kubeagents.testing.MockCluster;
import io.jenkins.plugins.kubeagents.testing.RealCluster;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * One benchmark run's world: a fresh mock cluster, or the real API server's agent namespace, an engine with the
 * production settings (not the tests' quick re-checks) and a kubelet on it, and a pod counter that watches the
 * cluster (not the engine) for the most pods alive at once and every pod ever created.
 */
final class Fixture implements AutoCloseable {
    /** Where the run's API requests go. */
    enum Server {
        MOCK("mock"), REAL("real API server");

        final String title;

        Server(String title) {
            this.title = title;
        }
    }

    /** The engine's own user agent on the real server: its audit log counts the engine's requests by it. */
    private static final String ENGINE_AGENT = "kube-agents-bench";
    private static final Pattern VERB = Pattern.compile("\"verb\":\"([a-z]+)\"");

    final Server server;
    /** The mock cluster of a MOCK run, for its request log and faults; null on the real server. */
    final MockCluster cluster;
    final Engine engine;
    final SimulatedKubelet kubelet;
    final Set<String> alive = ConcurrentHashMap.newKeySet();
    final Set<String> created = ConcurrentHashMap.newKeySet();
    final AtomicInteger maxAlive = new AtomicInteger();
    private final Config config;
    private final KubernetesClient client;
    private final KubernetesClient observer;
    private final SharedIndexInformer<Pod> counter;
    private final long auditFrom;

    Fixture() {
        this(Server.MOCK);
    }

    Fixture(Server server) {
        this.server = server;
        if (server == Server.MOCK) {
            cluster = MockCluster.started();
            config = cluster.config();
            client = cluster.client();
            observer = cluster.kubeletClient();
            auditFrom = 0;
        } else {
            cluster = null;
            RealCluster real = RealCluster.shared();
            real.namespace(Agents.NAMESPACE, Map.of());
            config = new ConfigBuilder(real.adminConfig()).withUserAgent(ENGINE_AGENT).build();
            client = new KubernetesClientBuilder().withConfig(config).build();
            observer = new KubernetesClientBuilder().withConfig(new ConfigBuilder(real.adminConfig())
                    .withUserAgent(MockCluster.KUBELET_AGENT).build()).build();
            auditFrom = auditLines();
        }
        engine = new Engine(client, observer, Agents.CONTROLLER_ID, LifecycleSettings.STANDARD);
        kubelet = new SimulatedKubelet(observer, Agents.NAMESPACE, engine.controller::connect);
        if (server == Server.REAL) {
            kubelet.leaveGarbageToTheCluster();
        }
        counter = observer.pods().inNamespace(Agents.NAMESPACE)
                .withLabel(OwnLabels.MANAGED_BY, OwnLabels.MANAGED_BY_VALUE).inform(new ResourceEventHandler<>() {
                    @Override
                    public void onAdd(Pod pod) {
                        created.add(pod.getMetadata().getUid());
                        alive.add(pod.getMetadata().getName());
                        maxAlive.accumulateAndGet(alive.size(), Math::max);
                    }

                    @Override
                    public void onUpdate(Pod oldPod, Pod newPod) {
                    }

                    @Override
                    public void onDelete(Pod pod, boolean deletedFinalStateUnknown) {
                        alive.remove(pod.getMetadata().getName());
                    }
                }, 0);
    }

    /** The engine's client. */
    KubernetesClient client() {
        return client;
    }

    Config config() {
        return config;
    }

    /**
     * The requests the engine sent since the run started, by HTTP verb (LIST and WATCH for reads of collections):
     * what the mock server recorded, or the real server's audit log.
     */
    Map<String, Long> requestsByVerb() {
        if (server == Server.MOCK) {
            return cluster.dispatcher().countsByVerb(MockCluster.KUBELET_AGENT);
        }
        Map<String, Long> counts = new TreeMap<>();
        try (Stream<String> lines = Files.lines(RealCluster.shared().auditLog())) {
            // a watch is recorded when it starts; it completes only when it ends, after the run
            lines.skip(auditFrom).filter(l -> l.contains("\"userAgent\":\"" + ENGINE_AGENT) && (l.contains("\"verb\":\"watch\"")
                            ? l.contains("\"stage\":\"ResponseStarted\"") : l.contains("\"stage\":\"ResponseComplete\"")))
                    .forEach(l -> {
                        Matcher verb = VERB.matcher(l);
                        if (verb.find()) {
                            String v = verb.group(1);
                            counts.merge(v.equals("create") ? "POST" : v.toUpperCase(java.util.Locale.ROOT), 1L, Long::sum);
                        }
                    });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return counts;
    }

    /** Pods and Secrets of ours still in the cluster. */
    int leftovers() {
        return engine.pods().size() + engine.secrets().size();
    }

    private static long auditLines() {
        try (Stream<String> lines = Files.lines(RealCluster.shared().auditLog())) {
            return lines.count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        counter.close();
        kubelet.close();
        engine.close();
        if (server == Server.REAL) { // the namespace outlives the run: leave nothing in it for the next
            observer.pods().inNamespace(Agents.NAMESPACE).withLabel(OwnLabels.MANAGED_BY, OwnLabels.MANAGED_BY_VALUE)
                    .withGracePeriod(0).delete();
            observer.secrets().inNamespace(Agents.NAMESPACE).withLabel(OwnLabels.MANAGED_BY, OwnLabels.MANAGED_BY_VALUE).delete();
            client.close();
            observer.close();
            return;
        }
        try {
            cluster.close();
        } catch (IllegalStateException e) {
            // Vert.x waits a bounded time for the server's connections to close; after the raw client's burst the
            // JDK HTTP client (which Java 17 cannot close) may still hold some. The next run gets a
            // new server on a new port, so the measurement is not affected.
            System.err.println("mock server: " + e.getMessage());
        }
    }
}
