package io.jenkins.plugins.kubeagents.provisioning;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.kubeagents.agents.KubeAgentsAgent;
import io.jenkins.plugins.kubeagents.provisioning.JenkinsModel.Item;
import io.jenkins.plugins.kubeagents.testing.Bytecode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.Test;

/**
 * The plugin's provisioning decisions inside a model of Jenkins' queue and provisioner ({@link JenkinsModel}), as a
 * running Jenkins showed them to behave: how soon a build gets its agent, how many pods a burst gets, and whether a
 * one-shot agent ever runs a second build.
 */
public class ProvisioningModelTest {
    private static final long SECOND = 1_000;

    @Test
    public void theFirstBuildAfterAControllerStartGetsItsAgentInSeconds() {
        JenkinsModel jenkins = new JenkinsModel(5 * SECOND, 0, 30 * SECOND);
        jenkins.at(2 * SECOND, () -> jenkins.schedule("first"));
        jenkins.runUntil(() -> started(jenkins).size() == 1, JenkinsModel.INITIAL_DELAY * 2);
        Item started = started(jenkins).get(0);
        assertThat(started.startedAt - started.queuedAt).as("ms from queued to started, with a 5 s pod start")
                .isLessThanOrEqualTo(5 * SECOND + 2 * SECOND);
        assertThat(jenkins.podsCreated).isEqualTo(1);
    }

    @Test
    public void aBurstOnASlowClusterGetsExactlyOnePodPerBuildAndEachBuildStartsWhenItsAgentIsOnline() {
        // agents come online 20 s to 26 s after their nodes: several periodic reviews see some online, some launching
        JenkinsModel jenkins = new JenkinsModel(20 * SECOND, 600, 60 * SECOND);
        List<Item> burst = new ArrayList<>();
        jenkins.at(150 * SECOND, () -> IntStream.range(0, 10).forEach(i -> burst.add(jenkins.schedule("build-" + i))));

        jenkins.runUntil(() -> burst.size() == 10 && burst.stream().allMatch(i -> i.startedAt >= 0), 400 * SECOND);
        jenkins.runUntil(() -> jenkins.computers.isEmpty(), 600 * SECOND);

        assertThat(jenkins.podsCreated).as("pods for 10 builds").isEqualTo(10);
        assertThat(burst).extracting(i -> i.ranOn).doesNotHaveDuplicates();
        assertThat(burst).allSatisfy(i -> assertThat(i.startedAt - i.queuedAt).as("wait of " + i.name)
                .isLessThanOrEqualTo(20 * SECOND + 10 * 600 + 2 * SECOND));
    }

    @Test
    public void aBuildStartsTheMomentItsAgentIsOnline() {
        JenkinsModel jenkins = new JenkinsModel(8 * SECOND, 300, 60 * SECOND);
        List<Item> burst = new ArrayList<>();
        List<Long> onlineAt = new ArrayList<>();
        jenkins.at(150 * SECOND, () -> IntStream.range(0, 5).forEach(i -> burst.add(jenkins.schedule("build-" + i))));

        jenkins.runUntil(() -> burst.size() == 5 && burst.stream().allMatch(i -> i.startedAt >= 0), 300 * SECOND);
        jenkins.computers.values().forEach(c -> onlineAt.add(c.onlineAt));

        assertThat(burst).extracting(i -> i.startedAt).containsExactlyInAnyOrderElementsOf(onlineAt);
    }

    @Test
    public void aOneShotAgentWhoseBuildARestartKilledNeverTakesAnother() {
        JenkinsModel jenkins = new JenkinsModel(5 * SECOND, 0, 120 * SECOND);
        jenkins.at(150 * SECOND, () -> jenkins.schedule("killed-by-restart"));
        jenkins.runUntil(() -> !started(jenkins).isEmpty(), 300 * SECOND);
        String firstAgent = started(jenkins).get(0).ranOn;

        jenkins.restart();
        Item next = jenkins.schedule("next");
        jenkins.runUntil(() -> next.startedAt >= 0, 400 * SECOND);

        assertThat(next.ranOn).as("agent of the next build").isNotEqualTo(firstAgent);
        assertThat(jenkins.computers).as("agents left after the restart").doesNotContainKey(firstAgent);
        assertThat(jenkins.podsCreated).isEqualTo(2);
    }

    @Test
    public void aBuildThatAWarmAgentCanTakeStartsAtOnceAndGetsNoPodOfItsOwn() {
        JenkinsModel jenkins = new JenkinsModel(5 * SECOND, 0, 60 * SECOND);
        jenkins.warmPool(2, true);
        jenkins.runUntil(() -> jenkins.readyWarmAgents() == 2, 60 * SECOND);
        int podsForThePool = jenkins.podsCreated;

        Item build = jenkins.schedule("build");
        jenkins.runUntil(() -> build.startedAt >= 0, jenkins.now + SECOND);
        assertThat(build.startedAt).as("started when queued").isEqualTo(build.queuedAt);
        jenkins.runUntil(() -> jenkins.readyWarmAgents() == 2, jenkins.now + 30 * SECOND);
        assertThat(jenkins.podsCreated - podsForThePool).as("new pods: the taken agent's replacement only").isEqualTo(1);
    }

    @Test
    public void aBurstLargerThanThePoolStartsPodsForTheDifferenceOnly() {
        JenkinsModel jenkins = new JenkinsModel(5 * SECOND, 200, 30 * SECOND);
        jenkins.warmPool(5, true);
        jenkins.runUntil(() -> jenkins.readyWarmAgents() == 5, 60 * SECOND);
        int podsForThePool = jenkins.podsCreated;

        List<Item> burst = new ArrayList<>();
        IntStream.range(0, 12).forEach(i -> burst.add(jenkins.schedule("build-" + i)));
        jenkins.runFor(2 * SECOND);
        assertThat(jenkins.podsCreated - podsForThePool).as("pods started for a burst of 12 with 5 warm agents").isEqualTo(12 - 5);

        awaitServedAndPoolFull(jenkins, burst, 5);
        assertThat(jenkins.podsCreated - podsForThePool).as("pods per build once the pool is full again").isEqualTo(12);
    }

    @Test
    public void aBurstIsOnePodPerBuildAlsoWhenJenkinsReviewsBeforeThePoolRefills() {
        JenkinsModel jenkins = new JenkinsModel(5 * SECOND, 200, 30 * SECOND);
        jenkins.warmPool(5, false);
        jenkins.runUntil(() -> jenkins.readyWarmAgents() == 5, 60 * SECOND);
        int podsForThePool = jenkins.podsCreated;

        List<Item> burst = new ArrayList<>();
        IntStream.range(0, 12).forEach(i -> burst.add(jenkins.schedule("build-" + i)));
        awaitServedAndPoolFull(jenkins, burst, 5);
        assertThat(jenkins.podsCreated - podsForThePool).as("pods per build once the pool is full again").isEqualTo(12);
    }

    private static void awaitServedAndPoolFull(JenkinsModel jenkins, List<Item> builds, int minIdle) {
        jenkins.runUntil(() -> builds.stream().allMatch(i -> i.startedAt >= 0) && jenkins.readyWarmAgents() == minIdle
                && jenkins.computers.values().stream().allMatch(c -> c.online), jenkins.now + 120 * SECOND);
    }

    @Test
    public void anAgentReadBackFromItsSavedFormKnowsItsBuildStarted() {
        JenkinsModel jenkins = new JenkinsModel(SECOND, 0, SECOND);
        KubeAgentsAgent fresh = jenkins.restore(JenkinsModel.savedForm("maven-abcd1234"));
        assertThat(fresh.isAcceptingTasks()).as("a new agent takes a build").isTrue();

        fresh.tookBuild(true, false);
        KubeAgentsAgent restored = jenkins.restore(new com.thoughtworks.xstream.XStream().toXML(fresh));
        assertThat(restored.hasStartedItsBuild()).isTrue();
        assertThat(restored.isAcceptingTasks()).as("after a restart").isFalse();
        assertThat(restored.getCloudName()).isEqualTo("kube");
    }

    @Test
    public void aWarmAgentIsAPoolMemberUntilItTakesABuildAlsoAcrossARestart() {
        JenkinsModel jenkins = new JenkinsModel(SECOND, 0, SECOND);
        KubeAgentsAgent agent = jenkins.restore(JenkinsModel.savedForm("maven-abcd1234"));
        agent.joinPool();
        KubeAgentsAgent restored = jenkins.restore(new com.thoughtworks.xstream.XStream().toXML(agent));
        assertThat(restored.isPoolMember()).as("warm after a restart: not ended for being idle").isTrue();

        restored.tookBuild(false, false);
        assertThat(restored.isPoolMember()).as("once a build took it").isFalse();
        assertThat(restored.isAcceptingTasks()).as("an agent kept for further builds").isTrue();
    }

    /**
     * The model decides whether an agent takes a build from {@link KubeAgentsAgent#isAcceptingTasks} alone; that is
     * only true of the plugin if nothing else switches a computer's accepting flag. An online computer that does
     * not accept tasks counts as neither available nor connecting, so Jenkins plans another pod for its build.
     */
    @Test
    public void nothingButTheAgentDecidesWhetherItTakesTasks() throws IOException {
        List<String> callers = new ArrayList<>();
        try (Stream<Path> classes = Files.walk(Path.of("target/classes/io/jenkins/plugins/kubeagents"))) {
            for (Path file : classes.filter(p -> p.toString().endsWith(".class")).toList()) {
                try (InputStream in = Files.newInputStream(file)) {
                    Bytecode.calls(in, (method, owner, called, descriptor) -> {
                        if (called.equals("setAcceptingTasks")) {
                            callers.add(file.getFileName() + "#" + method + " calls " + owner + "#" + called);
                        }
                    });
                }
            }
        }
        assertThat(callers).isEmpty();
    }

    private static List<Item> started(JenkinsModel jenkins) {
        return jenkins.items.stream().filter(i -> i.startedAt >= 0).toList();
    }
}
