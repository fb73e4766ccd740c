package io.jenkins.plugins.kubeagents.engine.capacity;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.kubeagents.engine.capacity.WarmPool.Agent;
import io.jenkins.plugins.kubeagents.engine.capacity.WarmPool.Need;
import java.util.List;
import org.junit.Test;

public class WarmPoolTest {
    @Test
    public void anEmptyPoolStartsMinIdleAgents() {
        assertThat(WarmPool.decide(3, List.of(), 0)).isEqualTo(new Need(List.of(), 3, List.of()));
    }

    @Test
    public void aFullPoolDoesNothing() {
        assertThat(WarmPool.decide(2, List.of(warm("a", true), warm("b", false)), 0)).isEqualTo(new Need(List.of(), 0, List.of()));
    }

    @Test
    public void surplusMembersGoThoseStillStartingFirst() {
        Need need = WarmPool.decide(1, List.of(warm("ready", true), warm("starting", false), warm("ready2", true)), 0);
        assertThat(need.retire()).containsExactly("starting", "ready");
        assertThat(WarmPool.decide(0, List.of(other("for-a-build", false)), 1).retire()).as("never an agent outside the pool").isEmpty();
    }

    @Test
    public void agentsNoQueuedBuildNeedsJoinThePoolBeforeAnyPodStarts() {
        List<Agent> untaken = List.of(warm("w", true), other("idle", true), other("starting", false), other("starting2", false));
        assertThat(WarmPool.decide(3, untaken, 1)).as("one of three others is for the queued build")
                .isEqualTo(new Need(List.of("idle", "starting"), 0, List.of()));
        assertThat(WarmPool.decide(3, untaken, 3)).as("all three are for queued builds")
                .isEqualTo(new Need(List.of(), 2, List.of()));
    }

    private static Agent warm(String name, boolean connected) {
        return new Agent(name, true, connected);
    }

    private static Agent other(String name, boolean connected) {
        return new Agent(name, false, connected);
    }
}
