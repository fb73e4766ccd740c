package io.jenkins.plugins.kubeagents.engine.lifecycle;

import io.jenkins.plugins.kubeagents.engine.render.ConnectionSettings;
import java.util.Set;

/**
 * What the engine needs to know from the Jenkins controller. The Jenkins layer implements it over Jenkins;
 * tests implement it in memory.
 */
public interface ControllerLink {
    /** This controller's instance id: it labels every pod, so controllers sharing a namespace never meet. */
    String controllerId();

    /** How agents reach the controller. */
    ConnectionSettings connection();

    /** The inbound secret Jenkins expects from the agent of that name. */
    String inboundSecret(String agentName);

    /** Whether the agent of that name is connected (its channel is open). */
    boolean isConnected(String agentName);

    /** Names of every agent the controller still has; pods of other agents are orphans. */
    Set<String> knownAgents();

    /** A connected agent's pod was lost while the agent was in use: the controller ends the agent and its build. */
    void agentLost(AgentLoss loss);
}
