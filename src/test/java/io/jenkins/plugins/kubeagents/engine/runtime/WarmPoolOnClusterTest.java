package io.jenkins.plugins.kubeagents.engine.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.jenkins.plugins.kubeagents.cli.SimulatedKubelet;
import io.jenkins.plugins.kubeagents.engine.capacity.WarmPool;
import io.jenkins.plugins.kubeagents.engine.cluster.ClusterSettings;
import io.jenkins.plugins.kubeagents.engine.lifecycle.LaunchOutcome;
import io.jenkins.plugins.kubeagents.engine.merge.ResolvedTemplate;
import io.jenkins.plugins.kubeagents.testing.Agents;
import io.jenkins.plugins.kubeagents.testing.Engine;
import io.jenkins.plugins.kubeagents.testing.InMemoryControllerLink;
import io.jenkins.plugins.kubeagents.testing.MockCluster;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;

/**
 * The warm pool on the mock cluster, with the controller's side played as {@code WarmPools} plays it: the agents
 * that took no build go to {@link CloudRuntime#keepWarm}, and what it says to start is launched.
 */
public class WarmPoolOnClusterTest {
    @Rule
    public final MockCluster cluster = new MockCluster();

    private final InMemoryControllerLink controller = new InMemoryControllerLink(Agents.CONTROLLER_ID);
    /** The warm agents the controller has, none taken by a build yet. */
    private final Set<String> warm = new LinkedHashSet<>();
    private CloudRuntime runtime;
    private SimulatedKubelet kubelet;

    @Before
    public void start() {
        runtime = startRuntime();
        kubelet = new SimulatedKubelet(cluster.kubeletClient(), Agents.NAMESPACE, controller::connect);
    }

    @After
    public void stop() {
        kubelet.close();
        runtime.close();
    }

    @Test
    public void thePoolFillsToMinIdleUnderTheCloudsCap() {
        ResolvedTemplate maven = template(5, null);
        assertThat(keep(maven, 3)).hasSize(3);
        assertThat(keep(maven, 3)).as("at the cap").isEmpty();
        assertThat(pods()).hasSize(3);
    }

    @Test
    public void aTakenAgentIsReplacedAtOnce() {
        ResolvedTemplate maven = template(2, null);
        keep(maven);
        String taken = warm.iterator().next();
        warm.remove(taken); // a build took it: an ordinary agent now

        assertThat(keep(maven)).hasSize(1);
        assertThat(pods()).hasSize(3);
    }

    @Test
    public void loweringMinIdleEndsTheSurplusAndNeverATakenAgent() {
        keep(template(3, null));
        String taken = warm.iterator().next();
        warm.remove(taken);
        keep(template(3, null));

        CloudRuntime.PoolChange change = runtime.keepWarm(template(1, null).spec(), untaken(), 0, 0);
        assertThat(change.retire()).hasSize(2).doesNotContain(taken).allMatch(warm::contains);
        assertThat(change.start()).isEmpty();
    }

    @Test
    public void afterARestartThePoolIsAdoptedOrReplacedWithoutDuplicates() {
        ResolvedTemplate maven = template(3, null);
        keep(maven);
        runtime.close(); // the controller goes down; its nodes stay saved, their pods keep running
        controller.dropConnections();
        String deletedMeanwhile = warm.iterator().next();
        cluster.kubeletClient().pods().inNamespace(Agents.NAMESPACE).withName(deletedMeanwhile).delete();

        runtime = startRuntime();
        List<CompletableFuture<LaunchOutcome>> relaunched = warm.stream().map(name -> runtime.launch(maven, name)).toList();
        warm.stream().filter(name -> !name.equals(deletedMeanwhile)).forEach(controller::connect); // agents reconnect by themselves
        assertThat(relaunched.stream().map(Engine::await)).as("every saved agent back").allMatch(LaunchOutcome::isConnected, "connected");
        assertThat(keep(maven)).as("agents started after the restart").isEmpty();
        assertThat(pods()).extracting(p -> p.getMetadata().getName()).containsExactlyInAnyOrderElementsOf(warm);
    }

    private List<LaunchOutcome> keep(ResolvedTemplate template) {
        return keep(template, 0);
    }

    /** One pass of the pool: launches what it starts, returns their outcomes. */
    private List<LaunchOutcome> keep(ResolvedTemplate template, int cloudCap) {
        CloudRuntime.PoolChange change = runtime.keepWarm(template.spec(), untaken(), 0, cloudCap);
        List<LaunchOutcome> started = new ArrayList<>();
        for (String name : change.start()) {
            controller.addAgent(name);
            warm.add(name);
            started.add(Engine.await(runtime.launch(template, name)));
        }
        assertThat(started).allMatch(LaunchOutcome::isConnected, "connected");
        return started;
    }

    private List<WarmPool.Agent> untaken() {
        return warm.stream().map(name -> new WarmPool.Agent(name, true, controller.isConnected(name))).toList();
    }

    private List<Pod> pods() {
        return cluster.kubeletClient().pods().inNamespace(Agents.NAMESPACE).list().getItems().stream()
                .filter(p -> p.getMetadata().getDeletionTimestamp() == null).toList();
    }

    private CloudRuntime startRuntime() {
        CloudRuntime started = CloudRuntime.start(Agents.CLOUD, ClusterSettings.inCluster(Agents.NAMESPACE), cluster.config(),
                controller, Engine.FAST);
        controller.onConnect(started::agentConnected);
        return started;
    }

    private static ResolvedTemplate template(Integer minIdle, Integer instanceCap) {
        return Engine.template("maven", spec -> spec.minIdle(minIdle).instanceCap(instanceCap));
    }
}
