package io.jenkins.plugins.kubeagents.cloud;

import hudson.model.Computer;
import hudson.slaves.Cloud;
import hudson.slaves.SlaveComputer;
import io.jenkins.plugins.kubeagents.agents.KubeAgentsAgent;
import io.jenkins.plugins.kubeagents.agents.KubeAgentsComputer;
import io.jenkins.plugins.kubeagents.engine.lifecycle.AgentLoss;
import io.jenkins.plugins.kubeagents.engine.lifecycle.ControllerLink;
import io.jenkins.plugins.kubeagents.engine.render.ConnectionSettings;
import java.util.Set;
import java.util.stream.Collectors;
import jenkins.model.Jenkins;

/** The controller as one cloud sees it, read live from Jenkins so a changed URL or tunnel applies at once. */
public final class JenkinsControllerLink implements ControllerLink {
    private final String cloudName;

    public JenkinsControllerLink(String cloudName) {
        this.cloudName = cloudName;
    }

    @Override
    public String controllerId() {
        return Jenkins.get().getLegacyInstanceId();
    }

    @Override
    public ConnectionSettings connection() {
        Cloud cloud = Jenkins.get().getCloud(cloudName);
        if (!(cloud instanceof KubeAgentsCloud kubeAgents)) {
            throw new IllegalStateException("cloud '" + cloudName + "' no longer exists");
        }
        return kubeAgents.connection();
    }

    /** Jenkins derives the secret from the agent's name, so the node must exist before its pod is created. */
    @Override
    public String inboundSecret(String agentName) {
        Computer computer = Jenkins.get().getComputer(agentName);
        if (!(computer instanceof SlaveComputer agent)) {
            throw new IllegalStateException("agent '" + agentName + "' is not registered with Jenkins");
        }
        return agent.getJnlpMac();
    }

    @Override
    public boolean isConnected(String agentName) {
        Computer computer = Jenkins.get().getComputer(agentName);
        return computer != null && computer.isOnline();
    }

    @Override
    public void agentLost(AgentLoss loss) {
        if (Jenkins.get().getComputer(loss.agentName()) instanceof KubeAgentsComputer computer) {
            computer.podLost(loss);
        }
    }

    @Override
    public Set<String> knownAgents() {
        return Jenkins.get().getNodes().stream()
                .filter(n -> n instanceof KubeAgentsAgent a && a.getCloudName().equals(cloudName))
                .map(n -> n.getNodeName()).collect(Collectors.toSet());
    }
}
