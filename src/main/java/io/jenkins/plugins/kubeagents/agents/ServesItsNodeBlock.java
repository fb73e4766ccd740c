package io.jenkins.plugins.kubeagents.agents;

import hudson.model.queue.CauseOfBlockage;

/** Why a build waits rather than take an agent that is kept for the continuation of another build's node block. */
public final class ServesItsNodeBlock extends CauseOfBlockage {
    private final KubeAgentsAgent agent;

    ServesItsNodeBlock(KubeAgentsAgent agent) {
        this.agent = agent;
    }

    @Override
    public String getShortDescription() {
        return "agent " + agent.getNodeName() + " waits for the node block it ran before the controller restarted, and takes no other build";
    }
}
