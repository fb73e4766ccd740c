package io.jenkins.plugins.kubeagents.agents;

import hudson.Extension;
import hudson.model.Computer;
import hudson.model.TaskListener;
import hudson.slaves.ComputerListener;

/** Tells the engine the moment an agent connects, so its launch completes without waiting for the next tick. */
@Extension
public class AgentOnlineListener extends ComputerListener {
    @Override
    public void onOnline(Computer computer, TaskListener listener) {
        if (computer instanceof KubeAgentsComputer agentComputer && agentComputer.getNode() != null) {
            try {
                agentComputer.getNode().runtime().agentConnected(computer.getName());
            } catch (java.io.IOException e) {
                listener.getLogger().println(e.getMessage());
            }
        }
    }
}
