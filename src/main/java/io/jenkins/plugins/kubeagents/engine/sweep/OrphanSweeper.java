package io.jenkins.plugins.kubeagents.engine.sweep;

import io.fabric8.kubernetes.api.model.Pod;
import io.jenkins.plugins.kubeagents.engine.lifecycle.AgentLifecycle;
import io.jenkins.plugins.kubeagents.engine.render.OwnLabels;
import io.jenkins.plugins.kubeagents.engine.template.RetentionPolicy;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.logging.Logger;

/**
 * Deletes what a crash can leave behind: pods of this controller whose agent the controller no longer has, and
 * Secrets that never got their pod as owner. Pods come from the informer cache, so a sweep costs no LIST; Secrets
 * are listed once per namespace when the engine starts (a previous run may have left some), and afterwards come
 * from the engine's own record of the Secrets it created.
 */
public final class OrphanSweeper {
    private static final Logger LOGGER = Logger.getLogger(OrphanSweeper.class.getName());

    private final AgentLifecycle lifecycle;

    public OrphanSweeper(AgentLifecycle lifecycle) {
        this.lifecycle = lifecycle;
    }

    /** The pods to delete: ours, not retained, not in flight, and of no agent the controller knows. */
    public static List<Pod> orphans(Collection<Pod> pods, Set<String> knownAgents, Set<String> inFlight) {
        List<Pod> orphans = new ArrayList<>();
        for (Pod pod : pods) {
            String name = pod.getMetadata().getName();
            if (!OwnLabels.isRetained(pod) && pod.getMetadata().getDeletionTimestamp() == null && !knownAgents.contains(name)
                    && !inFlight.contains(name)) {
                orphans.add(pod);
            }
        }
        return orphans;
    }

    /** Once per namespace after a start: settles the ownerless Secrets a previous run left. */
    public CompletableFuture<Void> sweepSecretsAfterStart(String namespace) {
        return lifecycle.listUnownedSecrets(namespace).thenCompose(secrets -> CompletableFuture.allOf(secrets.stream()
                .map(lifecycle::settleSecret).toArray(CompletableFuture[]::new)));
    }

    /**
     * One sweep; completes when every orphan is confirmed gone.
     *
     * @param knownAgents every agent name the controller has, read just before the sweep
     * @return how many pods were orphans
     */
    public CompletableFuture<Integer> sweep(Set<String> knownAgents) {
        List<Pod> orphans = orphans(lifecycle.cachedPods(), knownAgents, lifecycle.inFlight());
        List<CompletableFuture<?>> work = new ArrayList<>();
        for (Pod pod : orphans) {
            LOGGER.info(() -> "deleting orphan pod " + pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName()
                    + ": the controller has no agent of that name");
            work.add(lifecycle.terminate(pod.getMetadata().getNamespace(), pod.getMetadata().getName(), RetentionPolicy.NEVER, false));
        }
        lifecycle.unownedSecrets().forEach(ref -> work.add(lifecycle.settleSecret(ref)));
        return CompletableFuture.allOf(work.toArray(CompletableFuture[]::new)).thenApply(done -> orphans.size());
    }
}
