package io.jenkins.plugins.kubeagents.pages;

import io.jenkins.plugins.kubeagents.engine.capacity.LaunchBreaker;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** One paused template as the administrators' notice shows it; getters, because Jelly reads bean properties. */
public final class PausedTemplate {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    private final String cloud;
    private final LaunchBreaker.Pause pause;

    public PausedTemplate(String cloud, LaunchBreaker.Pause pause) {
        this.cloud = cloud;
        this.pause = pause;
    }

    public String getCloud() {
        return cloud;
    }

    public String getTemplate() {
        return pause.template();
    }

    /** The last failure with Kubernetes' message: {@code IMAGE_PULL: container maven: ImagePullBackOff: …}. */
    public String getFailure() {
        return pause.failure();
    }

    public int getFailedLaunches() {
        return pause.failedLaunches();
    }

    /** When one launch may try again, as the controller's local time of day. */
    public String getNextTry() {
        return TIME.format(pause.nextTry());
    }
}
