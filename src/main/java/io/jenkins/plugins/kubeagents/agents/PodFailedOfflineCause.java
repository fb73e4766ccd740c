package io.jenkins.plugins.kubeagents.agents;

import hudson.slaves.OfflineCause;

/** Why an agent is offline: its pod did not give an agent, or was lost; shown on the agent's page and list. */
public final class PodFailedOfflineCause extends OfflineCause {
    private final String description;

    PodFailedOfflineCause(String description) {
        this.description = description;
    }

    @Override
    public String toString() {
        return description;
    }
}
