package io.jenkins.plugins.kubeagents.engine.capacity;

import java.util.Comparator;
import java.util.List;

/**
 * The warm pool of one template: agents started before a build asks, kept connected and idle so that a build
 * starts at once. A pool member is a warm agent that has not taken a build yet (starting, or connected and idle);
 * once it takes one it is an ordinary agent and leaves the pool.
 *
 * <p>Short of {@code minIdle} members, the pool first takes in the template's other agents that no queued build
 * will need (planned for builds that warm agents got to first: a burst of builds and the pool's refill race each
 * other), connected ones first, and starts pods only for the rest, so a burst costs no pod more than it has builds.
 * Over {@code minIdle}, it ends the surplus, those still starting first: they serve nobody yet.
 */
public final class WarmPool {
    /**
     * An agent of the template that has not taken a build.
     *
     * @param warm whether it is a pool member
     * @param connected whether its agent is online (idle, since it took no build)
     */
    public record Agent(String name, boolean warm, boolean connected) {}

    /** What the pool needs: agents to take in, how many to start, members to end. */
    public record Need(List<String> adopt, int start, List<String> retire) {}

    private WarmPool() {}

    /**
     * @param untaken the template's agents that took no build
     * @param queued the queued builds this template would run, which its agents outside the pool are for
     */
    public static Need decide(int minIdle, List<Agent> untaken, int queued) {
        List<Agent> members = untaken.stream().filter(Agent::warm).toList();
        int missing = minIdle - members.size();
        if (missing < 0) {
            List<String> surplus = members.stream().sorted(Comparator.comparing(Agent::connected))
                    .limit(-missing).map(Agent::name).toList();
            return new Need(List.of(), 0, surplus);
        }
        List<Agent> others = untaken.stream().filter(a -> !a.warm()).toList();
        long spare = Math.max(0, others.size() - queued);
        List<String> adopt = others.stream().sorted(Comparator.comparing(Agent::connected).reversed())
                .limit(Math.min(spare, missing)).map(Agent::name).toList();
        return new Need(adopt, missing - adopt.size(), List.of());
    }
}
