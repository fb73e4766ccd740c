package io.jenkins.plugins.kubeagents.engine.lifecycle;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * What a launch has seen of its pod so far (the node it was scheduled to, its last state, since when it has
 * waited for an image or a node) and the failure that follows from it. Shared by the plugin's launches and the
 * CLI's trial, so both read a pod the same way. Not thread-safe: its owner's lock guards it.
 */
public final class PodProgress {
    /** A pod that will not give an agent: why, in one line. */
    public record Failure(FailureReason reason, String message) {}

    private final Duration imagePullGrace;
    private final Duration unschedulableBudget;
    private String node;
    private String lastDetail;
    private Instant imagePullSince;
    private Instant createFailingSince;
    private Instant unschedulableSince;
    private Instant unscheduledSince;

    public PodProgress(Duration imagePullGrace, Duration unschedulableBudget) {
        this.imagePullGrace = imagePullGrace;
        this.unschedulableBudget = unschedulableBudget;
    }

    /** Adds what is new to the timeline (the node, a changed state) and starts or stops the waiting clocks. */
    public void record(PodObservation o, Instant now, Timeline timeline) {
        if (o.node() != null && node == null) {
            node = o.node();
            timeline.add(now, "scheduled to " + node);
        }
        if (!o.detail().equals(lastDetail) && o.kind() != PodObservation.Kind.PENDING) {
            timeline.add(now, o.detail());
        }
        lastDetail = o.detail();
        imagePullSince = o.kind() == PodObservation.Kind.IMAGE_PULL_FAILING ? since(imagePullSince, now) : null;
        createFailingSince = o.kind() == PodObservation.Kind.CREATE_FAILING ? since(createFailingSince, now) : null;
        unschedulableSince = o.kind() == PodObservation.Kind.UNSCHEDULABLE ? since(unschedulableSince, now) : null;
        unscheduledSince = o.kind() == PodObservation.Kind.PENDING && o.node() == null ? since(unscheduledSince, now) : null;
    }

    /**
     * The failure the pod's state means at {@code now}: at once for a broken image name, a configuration error,
     * a crashed agent or a failed pod; after the grace for an image that keeps failing to pull or a container the
     * runtime keeps failing to create, and after the budget for a pod no node takes, including one that no scheduler
     * even looked at. Empty while the pod may still come up; a pod that succeeded is for the
     * caller to judge (the end of a trial, but an agent that never connected).
     */
    public Optional<Failure> failure(PodObservation o, Instant now) {
        return Optional.ofNullable(switch (o.kind()) {
            case INVALID_IMAGE -> new Failure(FailureReason.IMAGE_PULL, o.detail());
            case IMAGE_PULL_FAILING -> now.isBefore(imagePullSince.plus(imagePullGrace)) ? null
                    : new Failure(FailureReason.IMAGE_PULL, o.detail());
            case CONFIG_ERROR -> new Failure(FailureReason.CONFIGURATION, o.detail());
            case CREATE_FAILING -> now.isBefore(createFailingSince.plus(imagePullGrace)) ? null
                    : new Failure(FailureReason.CONFIGURATION, o.detail() + " (for " + imagePullGrace.toSeconds() + " s)");
            case UNSCHEDULABLE -> now.isBefore(unschedulableSince.plus(unschedulableBudget)) ? null
                    : new Failure(FailureReason.UNSCHEDULABLE, o.detail() + " (for " + unschedulableBudget.toSeconds() + " s)");
            case AGENT_TERMINATED -> new Failure(FailureReason.CRASHED, o.detail());
            case POD_FAILED -> new Failure(FailureReason.LOST, o.detail());
            // strictly after: a pod seen the instant it was created has not had a scheduler's first look yet
            case PENDING -> o.node() != null || !now.isAfter(unscheduledSince.plus(unschedulableBudget)) ? null
                    : new Failure(FailureReason.UNSCHEDULABLE, "no scheduler placed the pod on a node within "
                            + unschedulableBudget.toSeconds() + " s, and none said why: is a scheduler running in the cluster?");
            case RUNNING, POD_SUCCEEDED -> null;
        });
    }

    /** The pod's state as last seen, or null before the cache showed it. */
    public String lastDetail() {
        return lastDetail;
    }

    private static Instant since(Instant existing, Instant now) {
        return existing != null ? existing : now;
    }
}
