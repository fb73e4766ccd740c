package io.jenkins.plugins.kubeagents.agents;

import io.jenkins.plugins.kubeagents.engine.lifecycle.AgentLoss;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * What became of one agent's pod while the agent was in use, as the engine saw it, and what its build's console
 * says about it. The console must name the pod's fate however the race between the agent's connection and the
 * engine's verdict ends: a deleted or evicted pod stops its agent first, so the build usually fails on the closed
 * connection before the verdict arrives, and then only the end of the build can still say why.
 */
final class PodFate {
    private final CompletableFuture<AgentLoss> loss = new CompletableFuture<>();

    /** The engine's verdict; only the first counts. */
    void lost(AgentLoss verdict) {
        loss.complete(verdict);
    }

    Optional<AgentLoss> known() {
        return Optional.ofNullable(loss.getNow(null));
    }

    /**
     * The line a build that ends now prints about its pod, before Jenkins' {@code Finished:}, if any.
     *
     * @param alreadyTold the build's console already has the verdict (Jenkins printed it as the cause of the
     *     interruption that stopped the build)
     * @param connectionGone the agent's connection closed before the build ended: the verdict may still be on its way,
     *     and is awaited for at most {@code wait}
     * @param pod the pod as {@code namespace/name}
     */
    Optional<String> lineAtBuildEnd(boolean alreadyTold, boolean connectionGone, String pod, Duration wait)
            throws InterruptedException {
        if (alreadyTold) {
            return Optional.empty();
        }
        if (known().isPresent() || !connectionGone) {
            return known().map(AgentLoss::describe);
        }
        try {
            return Optional.of(loss.get(wait.toMillis(), TimeUnit.MILLISECONDS).describe());
        } catch (TimeoutException e) {
            return Optional.of("Pod " + pod + ": the agent's connection closed, and Kubernetes reported nothing wrong with "
                    + "the pod within " + wait.toSeconds() + " s; the agent's log and the pod's events may say more");
        } catch (ExecutionException e) {
            throw new IllegalStateException("a pod's fate never completes exceptionally", e);
        }
    }
}
