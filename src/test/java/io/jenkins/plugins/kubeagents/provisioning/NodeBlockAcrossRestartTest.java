package io.jenkins.plugins.kubeagents.provisioning;

import static org.assertj.core.api.Assertions.assertThat;

import com.thoughtworks.xstream.XStream;
import io.jenkins.plugins.kubeagents.agents.KubeAgentsAgent;
import io.jenkins.plugins.kubeagents.agents.ServesItsNodeBlock;
import io.jenkins.plugins.kubeagents.provisioning.JenkinsModel.Item;
import io.jenkins.plugins.kubeagents.provisioning.JenkinsModel.NodeBlockTask;
import org.junit.Test;

/**
 * A Pipeline {@code node} block on a one-shot agent across a controller restart, in the model of Jenkins' queue and
 * provisioner: the agents are real, read back from their saved form; Pipeline's side (the block's continuation,
 * pinned to the agent) is modelled as durable-task's contract describes it.
 */
public class NodeBlockAcrossRestartTest {
    private static final long SECOND = 1000;
    private static final long MINUTE = 60 * SECOND;

    /** Pods start in 5 s; builds and blocks run 5 minutes. */
    private final JenkinsModel jenkins = new JenkinsModel(5 * SECOND, 0, 5 * MINUTE);

    @Test
    public void aNodeBlockRunningAcrossARestartContinuesOnItsPodAndTheAgentEndsWithTheBlock() {
        Item block = jenkins.scheduleNodeBlock("pipeline #1");
        jenkins.runUntil(() -> block.startedAt >= 0, 200 * SECOND);
        String agent = block.ranOn;
        jenkins.runFor(MINUTE);

        jenkins.restart();
        jenkins.runUntil(() -> continuationOf(block) != null && continuationOf(block).endedAt >= 0,
                jenkins.now + 10 * MINUTE);

        Item continuation = continuationOf(block);
        assertThat(continuation).as("the block's continuation after the restart").isNotNull();
        assertThat(continuation.ranOn).as("agent of the continuation").isEqualTo(agent);
        assertThat(jenkins.podsCreated).as("pods").isEqualTo(1);
        assertThat(jenkins.computers).as("agents once the block ended").doesNotContainKey(agent);
    }

    @Test
    public void aBuildOfTheTemplateQueuedAfterTheRestartGetsAPodOfItsOwn() {
        Item block = jenkins.scheduleNodeBlock("pipeline #1");
        jenkins.runUntil(() -> block.startedAt >= 0, 200 * SECOND);

        jenkins.restart();
        Item freestyle = jenkins.schedule("freestyle #7");
        Item secondBlock = jenkins.scheduleNodeBlock("pipeline #2");
        jenkins.runUntil(() -> freestyle.endedAt >= 0 && secondBlock.endedAt >= 0, jenkins.now + 20 * MINUTE);

        assertThat(freestyle.ranOn).isNotEqualTo(block.ranOn);
        assertThat(secondBlock.ranOn).isNotEqualTo(block.ranOn).isNotEqualTo(freestyle.ranOn);
        assertThat(continuationOf(block).ranOn).isEqualTo(block.ranOn);
        assertThat(jenkins.podsCreated).as("pods: one a build").isEqualTo(3);
    }

    /**
     * The build was aborted while the controller was down, so Pipeline queues no continuation: the agent, kept for
     * it, takes no other build and holds up none (Jenkins does not count it for the template's label), and goes
     * once idle for the backup minutes.
     */
    @Test
    public void anAgentWhoseBlockDoesNotContinueHoldsUpNoBuildAndGoesOnceIdleForTheBackupMinutes() {
        Item block = jenkins.scheduleNodeBlock("pipeline #1");
        jenkins.runUntil(() -> block.startedAt >= 0, 200 * SECOND);
        String agent = block.ranOn;

        jenkins.restart(false);
        jenkins.runFor(30 * SECOND);
        Item next = jenkins.schedule("freestyle #8");
        jenkins.runUntil(() -> next.startedAt >= 0, jenkins.now + 5 * MINUTE);

        assertThat(next.ranOn).isNotEqualTo(agent);
        assertThat(next.startedAt - next.queuedAt).as("wait of the next build (ms): a pod start, not the backup minutes")
                .isLessThanOrEqualTo(10 * SECOND);
        assertThat(jenkins.computers).as("kept for the continuation meanwhile").containsKey(agent);
        jenkins.runFor(JenkinsModel.BACKUP_IDLE + MINUTE);
        assertThat(jenkins.computers).as("after the backup minutes").doesNotContainKey(agent);
    }

    @Test
    public void aFreestyleBuildKilledByARestartStillEndsItsAgent() {
        Item killed = jenkins.schedule("freestyle #1");
        jenkins.runUntil(() -> killed.startedAt >= 0, 200 * SECOND);

        jenkins.restart();

        assertThat(jenkins.computers).as("agents after the restart").doesNotContainKey(killed.ranOn);
    }

    /** What the agent decides, read back from its saved form as Jenkins reads {@code nodes/<name>/config.xml}. */
    @Test
    public void theSavedAgentKnowsItsBlockAcrossARestartAndTakesOnlyItsContinuation() {
        KubeAgentsAgent agent = jenkins.restore(JenkinsModel.savedForm("maven-abcd1234"));
        agent.tookBuild(true, true);
        assertThat(agent.awaitsItsContinuation()).as("while its block runs").isFalse();

        KubeAgentsAgent restored = jenkins.restore(new XStream().toXML(agent));
        assertThat(restored.isAcceptingTasks()).as("reconnects after the restart").isTrue();
        assertThat(restored.awaitsItsContinuation()).isTrue();
        assertThat(restored.blockage(new NodeBlockTask(true))).as("the block's continuation").isNull();
        assertThat(restored.blockage(JenkinsModel.FREESTYLE)).as("a freestyle build").isInstanceOf(ServesItsNodeBlock.class);
        assertThat(restored.blockage(new NodeBlockTask(false))).as("another node block").isNotNull();

        restored.tookBuild(true, true);
        restored.buildEnded();
        assertThat(restored.isAcceptingTasks()).as("once its block ended").isFalse();
        assertThat(jenkins.restore(new XStream().toXML(restored)).isAcceptingTasks()).as("and after a restart").isFalse();
    }

    private Item continuationOf(Item block) {
        return jenkins.items.stream().filter(i -> i != block && i.name.equals(block.name)).findFirst().orElse(null);
    }
}
