package io.jenkins.plugins.kubeagents.agents;

import hudson.model.Computer;
import hudson.model.Executor;
import hudson.model.Result;
import hudson.model.Run;
import hudson.remoting.Channel;
import hudson.slaves.AbstractCloudComputer;
import hudson.slaves.OfflineCause;
import io.fabric8.kubernetes.api.model.Pod;
import io.jenkins.plugins.kubeagents.engine.lifecycle.AgentLoss;
import io.jenkins.plugins.kubeagents.engine.lifecycle.LaunchOutcome;
import io.jenkins.plugins.kubeagents.engine.runtime.CloudRuntime;
import io.jenkins.plugins.kubeagents.pages.CloudReport;
import io.jenkins.plugins.kubeagents.provisioning.WarmPools;
import java.io.IOException;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/** An agent pod as Jenkins shows it: its pod's name, phase and node, and the timeline of its launch. */
public class KubeAgentsComputer extends AbstractCloudComputer<KubeAgentsAgent> {
    private static final Logger LOGGER = Logger.getLogger(KubeAgentsComputer.class.getName());

    /** Kept here: the agent's node is gone by the time its build, ending with the pod lost, names the pod. */
    private final String podNamespace;
    private volatile LaunchOutcome launch;
    /** The engine that launched this agent's pod: it follows the pod and ends it, also once changed settings replaced it. */
    private volatile CloudRuntime runtime;
    private final PodFate fate = new PodFate();
    private volatile boolean failed;

    public KubeAgentsComputer(KubeAgentsAgent agent) {
        super(agent);
        this.podNamespace = agent.getNamespace();
    }

    // The next two only return what the superclass does. Declared here so this class carries the bridges for
    // Computer#getChannel and IComputer#getOfflineCause itself: the API checker reads Jenkins' signatures from
    // source, where the bridges of those covariant overrides are absent.
    @Override
    public Channel getChannel() {
        return super.getChannel();
    }

    @Override
    public OfflineCause getOfflineCause() {
        return super.getOfflineCause();
    }

    /** The engine launching this agent's pod, from now on the one that follows and ends it. */
    void launchingOn(CloudRuntime runtime) {
        this.runtime = runtime;
    }

    /** The engine that launched this agent's pod; null before its launch (after a restart, until it runs again). */
    CloudRuntime launchedOn() {
        return runtime;
    }

    void launched(LaunchOutcome outcome) {
        this.launch = outcome;
        this.failed = !outcome.isConnected();
    }

    /**
     * The agent's pod was lost while the agent was in use, and the agent goes. While its connection is still open
     * (a node lost, an agent container that has not exited yet) the build stops at once, failed, with the pod's fate
     * as the cause Jenkins prints. Once the connection closed, the build is failing on that already: interrupting
     * it now could hit it after its console was written, so the end of the build prints the fate
     * ({@link BuildPodLines}).
     */
    public void podLost(AgentLoss loss) {
        fate.lost(loss);
        markFailed();
        setOfflineCause(new PodFailedOfflineCause(loss.describe()));
        if (!isConnectionGone()) {
            for (Executor executor : getExecutors()) {
                if (executor.isBusy()) {
                    executor.interrupt(Result.FAILURE, new PodLostInterruption(loss.describe()));
                }
            }
        }
        terminateLater();
    }

    /** The agent's connection is closed or closing: whatever runs on it fails, whatever the pod's fate. */
    boolean isConnectionGone() {
        Channel channel = getChannel();
        return channel == null || channel.isClosingOrClosed();
    }

    /** What became of the pod while the agent was in use, as far as the engine told. */
    PodFate fate() {
        return fate;
    }

    /**
     * Ends the agent off the calling thread: Jenkins calls retention strategies while it builds its list of
     * computers, and task listeners from the executor itself; removing the node belongs in neither.
     */
    void terminateLater() {
        Computer.threadPoolForRemoting.submit(() -> {
            KubeAgentsAgent agent = getNode();
            if (agent != null) {
                agent.terminateLogged();
            }
        });
    }

    /**
     * Jenkins gave this agent a build: the agent leaves the warm pool (which starts its replacement at once) and, if
     * one-shot, takes no other build. Saved with the node, so a controller restart keeps it so.
     */
    void tookBuild(boolean oneShot, boolean isNodeBlock) {
        KubeAgentsAgent agent = getNode();
        if (agent == null) {
            return;
        }
        boolean wasWarm = agent.isPoolMember();
        agent.tookBuild(oneShot, isNodeBlock);
        save(agent, oneShot ? ": after a controller restart it could take a second build" : "");
        if (wasWarm) {
            WarmPools.keepSoon();
        }
    }

    /** The node block left its executor and will continue here (see {@link KubeAgentsAgent#awaitContinuation}). */
    void awaitContinuation() {
        KubeAgentsAgent agent = getNode();
        if (agent != null) {
            agent.awaitContinuation();
        }
    }

    /** The one build ended and will not continue (see {@link KubeAgentsAgent#buildEnded}). */
    void buildEnded() {
        KubeAgentsAgent agent = getNode();
        if (agent != null && agent.servesOnlyItsNodeBlock()) {
            agent.buildEnded();
            save(agent, "");
        }
    }

    private static void save(KubeAgentsAgent agent, String consequence) {
        try {
            agent.save();
        } catch (IOException e) {
            LOGGER.log(Level.WARNING, "could not save agent " + agent.getNodeName() + consequence, e);
        }
    }

    /** Kept connected and idle by its template's warm pool, ready for the next build. */
    public boolean isWarm() {
        KubeAgentsAgent agent = getNode();
        return agent != null && agent.isPoolMember();
    }

    /** The template whose warm pool keeps this agent, or null: for the agent's page. */
    public String getWarmTemplate() {
        return isWarm() ? getNode().getTemplateName() : null;
    }

    /** The build on this agent ended with problems, or its pod never came up: for the OnFailure retention. */
    void markFailed() {
        this.failed = true;
    }

    boolean hasFailed() {
        return failed;
    }

    /** This agent as the cloud's status page shows it. */
    public CloudReport.AgentState state() {
        String build = null;
        String buildUrl = null;
        for (Executor executor : getExecutors()) {
            if (executor.getCurrentExecutable() instanceof Run run) {
                build = run.getFullDisplayName();
                buildUrl = run.getUrl();
            }
        }
        return new CloudReport.AgentState(isOnline(), build != null, isWarm(), build, buildUrl, getLaunchTimeline());
    }

    /**
     * The first line of a build on this agent: its pod and how it came up, e.g. {@code Running on pod
     * kube-ops/maven-x1y2z3w4 (template maven, cloud kube): created +0.6 s, running +1.9 s, connected +6.6 s}.
     */
    String buildStartLine() {
        KubeAgentsAgent agent = getNode();
        LaunchOutcome outcome = launch;
        return agent == null ? null : BuildPodLines.startText(agent.getNamespace(), getName(), agent.getTemplateName(),
                agent.getCloudName(), outcome == null ? null : outcome.timeline());
    }

    public String getPodName() {
        return getName();
    }

    public String getPodNamespace() {
        return podNamespace;
    }

    public String getPodPhase() {
        return pod().map(p -> p.getStatus() == null ? null : p.getStatus().getPhase()).orElse("not in the cluster");
    }

    public String getPodNodeName() {
        return pod().map(p -> p.getSpec().getNodeName()).orElse(null);
    }

    /**
     * The launch's timeline, one line per step, oldest first; null while the launch runs. One text with its line
     * breaks, because Jelly trims the whitespace between tags that would otherwise separate the lines.
     */
    public String getLaunchTimeline() {
        LaunchOutcome outcome = launch;
        return outcome == null ? null : outcome.timeline().toString();
    }

    /** Why the pod did not give an agent, or why it was lost afterwards; null while all is well. */
    public String getFailure() {
        LaunchOutcome outcome = launch;
        Optional<AgentLoss> lost = fate.known();
        if (lost.isPresent()) {
            return lost.get().describe();
        }
        return outcome == null || outcome.isConnected() ? null : outcome.reason() + ": " + outcome.message();
    }

    private Optional<Pod> pod() {
        KubeAgentsAgent agent = getNode();
        if (agent == null) {
            return Optional.empty();
        }
        try {
            return agent.runtime().pod(agent.getNamespace(), getName());
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
