package io.jenkins.plugins.kubeagents.pipeline;

import hudson.Launcher;
import hudson.LauncherDecorator;
import hudson.model.Node;
import io.jenkins.plugins.kubeagents.agents.KubeAgentsAgent;
import java.io.Serializable;

/** Starts the processes of a {@code container} block in that container of the agent's pod; saved with the build. */
final class InContainer extends LauncherDecorator implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String container;

    InContainer(String container) {
        this.container = container;
    }

    @Override
    public Launcher decorate(Launcher launcher, Node node) {
        return node instanceof KubeAgentsAgent agent ? new ContainerLauncher(launcher, agent, container) : launcher;
    }
}
