package io.jenkins.plugins.kubeagents.testing;

import io.jenkins.plugins.kubeagents.engine.lifecycle.AgentLoss;
import io.jenkins.plugins.kubeagents.engine.lifecycle.ControllerLink;
import io.jenkins.plugins.kubeagents.engine.render.ConnectionSettings;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** A controller in memory: which agents exist and which are connected. */
public final class InMemoryControllerLink implements ControllerLink {
    private final String controllerId;
    private final Set<String> known = ConcurrentHashMap.newKeySet();
    private final Set<String> connected = ConcurrentHashMap.newKeySet();
    private volatile Consumer<String> onConnect = name -> { };
    private final List<AgentLoss> losses = new CopyOnWriteArrayList<>();

    public InMemoryControllerLink(String controllerId) {
        this.controllerId = controllerId;
    }

    /** Who to tell when an agent connects (the engine's agentConnected, as the Jenkins layer does). */
    public void onConnect(Consumer<String> listener) {
        this.onConnect = listener;
    }

    public void addAgent(String name) {
        known.add(name);
    }

    public void removeAgent(String name) {
        known.remove(name);
        connected.remove(name);
    }

    /** The controller restarts: no agent is connected until it connects again. */
    public void dropConnections() {
        connected.clear();
    }

    /** The agent in the pod connected back. */
    public void connect(String name) {
        connected.add(name);
        onConnect.accept(name);
    }

    @Override
    public String controllerId() {
        return controllerId;
    }

    @Override
    public ConnectionSettings connection() {
        return Agents.TCP;
    }

    /** Stands in for Jenkins' HMAC of the agent name: deterministic per name, never in a pod. */
    @Override
    public String inboundSecret(String agentName) {
        return "inbound-secret-of-" + agentName;
    }

    @Override
    public boolean isConnected(String agentName) {
        return connected.contains(agentName);
    }

    @Override
    public Set<String> knownAgents() {
        return Set.copyOf(known);
    }

    /** Records the loss, as the Jenkins layer would interrupt the build and end the agent. */
    @Override
    public void agentLost(AgentLoss loss) {
        losses.add(loss);
    }

    public List<AgentLoss> losses() {
        return List.copyOf(losses);
    }
}
