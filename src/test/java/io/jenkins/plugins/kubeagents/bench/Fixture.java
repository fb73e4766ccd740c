package io.jenkins.plugins.kubeagents.bench;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.jenkins.plugins.kubeagents.lifecycle.LifecycleSettings;
import io.jenkins.plugins.kubeagents.render.OwnLabels;
import io.jenkins.plugins.kubeagents.testing.Agents;
import io.jenkins.plugins.kubeagents.testing.Engine;
import io.jenkins.plugins.kubeagents.testing.MockCluster;
import io.jenkins.plugins.kubeagents.cli.SimulatedKubelet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One benchmark run's world: a fresh mock cluster, an engine with the production settings (not the tests'
 * quick re-checks) and a kubelet on it, and a pod counter that watches the cluster (not the engine) for the most
 * pods alive at once and every pod ever created.
 */
final class Fixture implements AutoCloseable {
    final MockCluster cluster = MockCluster.started();
    final Engine engine;
    final SimulatedKubelet kubelet;
    final Set<String> alive = ConcurrentHashMap.newKeySet();
    final Set<String> created = ConcurrentHashMap.newKeySet();
    final AtomicInteger maxAlive = new AtomicInteger();
    private final SharedIndexInformer<Pod> counter;

    Fixture() {
        engine = new Engine(cluster, Agents.CONTROLLER_ID, LifecycleSettings.STANDARD);
        kubelet = new SimulatedKubelet(cluster.kubeletClient(), Agents.NAMESPACE, engine.controller::connect);
        counter = cluster.kubeletClient().pods().inNamespace(Agents.NAMESPACE)
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

    /** Pods and Secrets of ours still in the cluster. */
    int leftovers() {
        return engine.pods().size() + engine.secrets().size();
    }

    @Override
    public void close() {
        counter.close();
        kubelet.close();
        engine.close();
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
