package io.jenkins.plugins.kubeagents.engine.lifecycle;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.logging.Logger;

/**
 * The only reader of pod state: one shared informer per namespace, selecting this controller's pods by label.
 * It lists once, then watches; after a dropped watch or an expired resourceVersion fabric8 re-lists, so the
 * cache converges and the handler sees every change, including deletions. Handlers only enqueue.
 */
public final class PodCache implements AutoCloseable {
    private static final Logger LOGGER = Logger.getLogger(PodCache.class.getName());

    private final KubernetesClient client;
    private final Map<String, String> selector;
    private final Consumer<Pod> onChange;
    private final Map<String, SharedIndexInformer<Pod>> informers = new ConcurrentHashMap<>();

    public PodCache(KubernetesClient client, Map<String, String> selector, Consumer<Pod> onChange) {
        this.client = client;
        this.selector = Map.copyOf(selector);
        this.onChange = onChange;
    }

    /** Starts watching a namespace on first use; returns when the cache holds its pods. */
    public void watch(String namespace) {
        informers.computeIfAbsent(namespace, this::start);
    }

    private SharedIndexInformer<Pod> start(String namespace) {
        LOGGER.fine(() -> "starting the pod informer for namespace " + namespace);
        return client.pods().inNamespace(namespace).withLabels(selector).inform(new ResourceEventHandler<>() {
                @Override
                public void onAdd(Pod pod) {
                    onChange.accept(pod);
                }

                @Override
                public void onUpdate(Pod oldPod, Pod newPod) {
                    onChange.accept(newPod);
                }

                @Override
                public void onDelete(Pod pod, boolean deletedFinalStateUnknown) {
                    onChange.accept(pod);
                }
            }, 0);
    }

    public Optional<Pod> get(String namespace, String name) {
        SharedIndexInformer<Pod> informer = informers.get(namespace);
        return informer == null ? Optional.empty() : Optional.ofNullable(informer.getStore().getByKey(namespace + "/" + name));
    }

    /** Every cached pod, of every watched namespace. Never modify them: they are the cache's own objects. */
    public List<Pod> all() {
        List<Pod> pods = new ArrayList<>();
        informers.values().forEach(i -> pods.addAll(i.getStore().list()));
        return pods;
    }


    @Override
    public void close() {
        informers.values().forEach(SharedIndexInformer::close);
        informers.clear();
    }
}
