package io.jenkins.plugins.kubeagents.agents;

import jenkins.model.CauseOfInterruption;

/** Why a build was stopped: its agent's pod was lost, in Kubernetes' words. Jenkins prints it in the build's console. */
public final class PodLostInterruption extends CauseOfInterruption {
    private static final long serialVersionUID = 1L;

    private final String description;

    PodLostInterruption(String description) {
        this.description = description;
    }

    @Override
    public String getShortDescription() {
        return description;
    }
}
