package io.jenkins.plugins.kubeagents.cli;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.jenkins.plugins.kubeagents.engine.lifecycle.ApiRetry;
import io.jenkins.plugins.kubeagents.engine.lifecycle.FailureReason;
import io.jenkins.plugins.kubeagents.engine.lifecycle.PodCache;
import io.jenkins.plugins.kubeagents.engine.lifecycle.PodClassifier;
import io.jenkins.plugins.kubeagents.engine.lifecycle.PodObservation;
import io.jenkins.plugins.kubeagents.engine.lifecycle.PodProgress;
import io.jenkins.plugins.kubeagents.engine.lifecycle.Timeline;
import io.jenkins.plugins.kubeagents.engine.render.AgentIdentity;
import io.jenkins.plugins.kubeagents.engine.render.AgentSecrets;
import io.jenkins.plugins.kubeagents.engine.render.OwnLabels;
import io.jenkins.plugins.kubeagents.engine.template.ContainerSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One pod of a template, for real: created with its Secret, followed through the engine's informer and
 * classification to the end of the agent container's self-test (or the exact failure), then deleted with its
 * Secret, whatever happened. The agent container runs the self-test instead of connecting to a controller.
 */
final class Trial {
    static final String SELF_TEST = "echo \"kube-agents trial: agent container running on $(hostname)\"; "
            + "java -version 2>&1 | head -n 1; "
            + "test -w \"${JENKINS_AGENT_WORKDIR:-/home/jenkins/agent}\" && echo 'workspace writable'";

    /** How the trial ended: {@code reason} null when the self-test completed. */
    record Result(String pod, FailureReason reason, String message, Timeline timeline, boolean cleanedUp) {
        boolean succeeded() {
            return reason == null;
        }
    }

    /** How patient the trial is; the defaults are the plugin's. */
    record Patience(Duration imagePullGrace, Duration unschedulableBudget, Duration timeout) {
        static final Patience STANDARD = new Patience(Duration.ofSeconds(30), Duration.ofMinutes(5), Duration.ofMinutes(5));
    }

    private final KubernetesClient client;
    private final Patience patience;
    private final Clock clock = Clock.systemUTC();

    Trial(KubernetesClient client, Patience patience) {
        this.client = client;
        this.patience = patience;
    }

    /** The agent container's command becomes the self-test; everything else stays as rendered. */
    static Pod withSelfTest(Pod pod) {
        for (Container c : pod.getSpec().getContainers()) {
            if (c.getName().equals(ContainerSpec.AGENT)) {
                c.setCommand(List.of("sh", "-c", SELF_TEST));
                c.setArgs(List.of());
            }
        }
        return pod;
    }

    Result run(Pod pod, AgentIdentity agent, Consumer<String> progress) {
        Instant start = clock.instant();
        Timeline timeline = new Timeline(start);
        String ns = agent.namespace();
        String name = agent.agentName();
        BlockingQueue<Pod> changes = new LinkedBlockingQueue<>();
        Thread cleanupOnExit = new Thread(() -> cleanUp(ns, name));
        Runtime.getRuntime().addShutdownHook(cleanupOnExit);
        try (PodCache cache = new PodCache(client, OwnLabels.selector(agent.controllerId()), changes::add)) {
            cache.watch(ns);
            try {
                client.resource(AgentSecrets.secretFor(agent, "trial-has-no-controller")).create();
                Pod created = client.resource(pod).create();
                Secret stub = new SecretBuilder().withNewMetadata().withName(AgentSecrets.secretName(agent)).withNamespace(ns)
                        .endMetadata().build();
                client.secrets().inNamespace(ns).resource(stub).patch(PatchContext.of(PatchType.JSON_MERGE),
                        AgentSecrets.ownerPatch(created));
                timeline.add(clock.instant(), "pod created in namespace " + ns);
            } catch (KubernetesClientException e) {
                FailureReason reason = ApiRetry.isQuotaError(e) ? FailureReason.QUOTA : FailureReason.API_ERROR;
                timeline.add(clock.instant(), "not created: " + ApiRetry.describe(e));
                return new Result(name, reason, ApiRetry.describe(e), timeline, cleanUp(ns, name));
            }
            PodProgress.Failure failure = follow(cache, changes, ns, name, timeline, start, progress);
            return failure == null ? new Result(name, null, "the agent container ran its self-test and exited 0", timeline, cleanUp(ns, name))
                    : new Result(name, failure.reason(), failure.message(), timeline, cleanUp(ns, name));
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(cleanupOnExit);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running: it cleans up
            }
        }
    }

    /** Follows the pod to the end of its self-test: null when it completed, else why it failed. */
    private PodProgress.Failure follow(PodCache cache, BlockingQueue<Pod> changes, String ns, String name, Timeline timeline,
            Instant start, Consumer<String> progress) {
        PodProgress seenSoFar = new PodProgress(patience.imagePullGrace(), patience.unschedulableBudget());
        boolean seen = false;
        while (true) {
            try {
                changes.poll(1, TimeUnit.SECONDS); // a change, or a second passing for the time-based verdicts
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new PodProgress.Failure(FailureReason.API_ERROR, "interrupted");
            }
            changes.clear();
            Instant now = clock.instant();
            Optional<Pod> pod = cache.get(ns, name);
            if (pod.isEmpty() && seen) {
                timeline.add(now, "pod deleted by someone else");
                return new PodProgress.Failure(FailureReason.DELETED, "the pod was deleted before the self-test ended");
            }
            if (pod.isPresent()) {
                seen = true;
                PodObservation o = PodClassifier.observe(pod.get());
                seenSoFar.record(o, now, timeline);
                progress.accept(seconds(Duration.between(start, now)) + " " + o.detail());
                if (o.kind() == PodObservation.Kind.POD_SUCCEEDED
                        || (o.kind() == PodObservation.Kind.AGENT_TERMINATED && exitedZero(pod.get()))) {
                    timeline.add(now, "self-test completed");
                    return null;
                }
                Optional<PodProgress.Failure> failure = seenSoFar.failure(o, now);
                if (failure.isPresent()) {
                    timeline.add(now, "failed: " + failure.get().reason() + ": " + failure.get().message());
                    return failure.get();
                }
            }
            if (!now.isBefore(start.plus(patience.timeout()))) {
                timeline.add(now, "gave up after " + seconds(patience.timeout()));
                return new PodProgress.Failure(FailureReason.CONNECT_TIMEOUT, "the self-test did not end within "
                        + seconds(patience.timeout()) + (seenSoFar.lastDetail() == null ? "" : "; last seen: " + seenSoFar.lastDetail()));
            }
        }
    }

    private static boolean exitedZero(Pod pod) {
        return pod.getStatus().getContainerStatuses().stream().anyMatch(s -> s.getName().equals(ContainerSpec.AGENT)
                && s.getState() != null && s.getState().getTerminated() != null
                && Integer.valueOf(0).equals(s.getState().getTerminated().getExitCode()));
    }

    /** Deletes the pod and its Secret (the Secret would follow the pod, but the trial leaves nothing to chance). */
    private boolean cleanUp(String ns, String name) {
        try {
            client.pods().inNamespace(ns).withName(name).withGracePeriod(0).delete();
            client.secrets().inNamespace(ns).withName(name).delete();
            return true;
        } catch (KubernetesClientException e) {
            return false;
        }
    }

    private static String seconds(Duration d) {
        return String.format("%.1fs", d.toMillis() / 1000.0);
    }

    static Map<String, Object> json(Result r) {
        return Map.of("pod", r.pod(), "result", r.succeeded() ? "succeeded" : "failed",
                "reason", r.reason() == null ? "" : r.reason().name(), "message", r.message(),
                "cleanedUp", r.cleanedUp(),
                "timeline", r.timeline().entries().stream().map(e -> Map.of("at", e.at().toString(), "event", e.event())).toList());
    }
}
