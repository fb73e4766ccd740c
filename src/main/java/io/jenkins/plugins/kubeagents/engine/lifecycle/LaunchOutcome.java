package io.jenkins.plugins.kubeagents.engine.lifecycle;

/**
 * How a launch ended: the agent connected, or the reason and Kubernetes' own words for why not.
 *
 * @param reason null when the agent connected
 * @param message one line: Kubernetes reason, message and container, e.g.
 *     {@code container maven: ImagePullBackOff: Back-off pulling image "mavn:3"}
 */
public record LaunchOutcome(String agentName, FailureReason reason, String message, Timeline timeline) {
    public static LaunchOutcome connected(String agentName, Timeline timeline) {
        return new LaunchOutcome(agentName, null, "agent connected", timeline);
    }

    public static LaunchOutcome failed(String agentName, FailureReason reason, String message, Timeline timeline) {
        return new LaunchOutcome(agentName, reason, message, timeline);
    }

    public boolean isConnected() {
        return reason == null;
    }

    @Override
    public String toString() {
        return isConnected() ? agentName + ": connected" : agentName + ": " + reason + ": " + message;
    }
}
