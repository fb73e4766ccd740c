package io.jenkins.plugins.kubeagents.engine.capacity;

import io.jenkins.plugins.kubeagents.engine.lifecycle.FailureReason;
import io.jenkins.plugins.kubeagents.engine.lifecycle.LaunchOutcome;
import io.jenkins.plugins.kubeagents.engine.template.TemplateSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Pauses a template's new pods after launches of it fail, so that a broken image, a missing Secret or an impossible
 * node selector costs a few pods rather than one per queued build per review: a retry storm against the API server
 * and the registry, each pod failing for the same reason.
 *
 * <p>Each consecutive failure pauses the template: {@link #FIRST_PAUSE} after the first, twice as long after each
 * further one, at most {@link #LONGEST_PAUSE}. When a pause is over, one launch may try again (the probe) and no
 * other until it ends. An agent that connects, or a change to the template, closes the breaker at once: the next
 * plan goes ahead in full.
 */
public final class LaunchBreaker {
    public static final Duration FIRST_PAUSE = Duration.ofSeconds(30);
    public static final Duration LONGEST_PAUSE = Duration.ofMinutes(10);

    /**
     * A paused template: the last failure, how many launches failed in a row, and when one may try again.
     *
     * @param message Kubernetes' own words, as in {@link LaunchOutcome#message()}
     */
    public record Pause(String template, FailureReason reason, String message, int failedLaunches, Instant nextTry) {
        /** The failure in one line: {@code IMAGE_PULL: container maven: ImagePullBackOff: …}. */
        public String failure() {
            return reason + ": " + message;
        }

        /** Why a build waits, for Jenkins' queue. */
        public String whyWaiting(String cloud) {
            return "Template " + template + " of cloud " + cloud + " is paused after " + failedLaunches + " failed launch"
                    + (failedLaunches == 1 ? "" : "es") + " (next try at " + nextTry + "): " + failure();
        }
    }

    /** What a plan of this template may do now. */
    public record Admission(int allowed, Pause pause, boolean firstRefusal) {}

    /** Failures of one template in a row. Guarded by the breaker's monitor. */
    private static final class Failures {
        final TemplateSpec spec;
        int count;
        FailureReason reason;
        String message;
        Instant nextTry;
        String probe;
        boolean refused;

        Failures(TemplateSpec spec) {
            this.spec = spec;
        }

        Pause pause() {
            return new Pause(spec.name(), reason, message, count, nextTry);
        }
    }

    private final Clock clock;
    private final Map<String, Failures> byTemplate = new HashMap<>();

    public LaunchBreaker(Clock clock) {
        this.clock = clock;
    }

    /** The pause after {@code failures} failed launches in a row. */
    public static Duration pauseAfter(int failures) {
        Duration pause = FIRST_PAUSE.multipliedBy(1L << Math.min(failures - 1, 20));
        return pause.compareTo(LONGEST_PAUSE) > 0 ? LONGEST_PAUSE : pause;
    }

    /**
     * How many of {@code wanted} launches of the template may start now: all while the breaker is closed, one
     * probe once a pause is over, none during a pause or while the probe runs.
     *
     * @param template the template as configured now; another configuration than the one that failed closes the breaker
     */
    public synchronized Admission admit(TemplateSpec template, int wanted) {
        Failures f = current(template);
        if (f == null) {
            return new Admission(wanted, null, false);
        }
        if (f.probe == null && !clock.instant().isBefore(f.nextTry)) {
            return new Admission(Math.min(wanted, 1), f.pause(), false);
        }
        boolean first = !f.refused;
        f.refused = true;
        return new Admission(0, f.pause(), first);
    }

    /** The agents a plan of the template started; after a pause the first one is the probe. */
    public synchronized void started(TemplateSpec template, List<String> agentNames) {
        Failures f = current(template);
        if (f != null && f.probe == null && !agentNames.isEmpty() && !clock.instant().isBefore(f.nextTry)) {
            f.probe = agentNames.get(0);
        }
    }

    /** A planned agent was never launched (Jenkins could not add its node): a probe may start again. */
    public synchronized void abandoned(String agentName) {
        byTemplate.values().stream().filter(f -> agentName.equals(f.probe)).forEach(f -> f.probe = null);
    }

    /** How a launch of the template ended: a connected agent closes the breaker, a failure pauses it longer. */
    public synchronized void ended(TemplateSpec template, LaunchOutcome outcome) {
        if (outcome.isConnected()) {
            byTemplate.remove(template.name());
            return;
        }
        Failures f = byTemplate.get(template.name());
        if (f == null || !f.spec.equals(template)) {
            f = new Failures(template);
            byTemplate.put(template.name(), f);
        }
        f.count++;
        f.reason = outcome.reason();
        f.message = outcome.message();
        f.nextTry = clock.instant().plus(pauseAfter(f.count));
        f.refused = false;
        if (outcome.agentName().equals(f.probe)) {
            f.probe = null;
        }
    }

    /** Whether no template has a failure on record: the cheap answer for the queue's many questions. */
    public synchronized boolean isClosed() {
        return byTemplate.isEmpty();
    }

    /** The template's pause, if it is paused now (not once a probe may start) in its current configuration. */
    public synchronized Optional<Pause> pause(TemplateSpec template) {
        Failures f = current(template);
        return f == null || (f.probe == null && !clock.instant().isBefore(f.nextTry)) ? Optional.empty() : Optional.of(f.pause());
    }

    /** The failures of the template as configured now; a changed template forgets them. */
    private Failures current(TemplateSpec template) {
        Failures f = byTemplate.get(template.name());
        if (f != null && !f.spec.equals(template)) {
            byTemplate.remove(template.name());
            return null;
        }
        return f;
    }
}
