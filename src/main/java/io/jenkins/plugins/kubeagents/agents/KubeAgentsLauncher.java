package io.jenkins.plugins.kubeagents.agents;

import hudson.model.Descriptor;
import hudson.model.TaskListener;
import hudson.slaves.ComputerLauncher;
import hudson.slaves.JNLPLauncher;
import hudson.slaves.SlaveComputer;
import io.jenkins.plugins.kubeagents.cloud.KubeAgentsCloud;
import io.jenkins.plugins.kubeagents.engine.lifecycle.LaunchOutcome;
import io.jenkins.plugins.kubeagents.engine.merge.ResolvedTemplate;
import io.jenkins.plugins.kubeagents.engine.runtime.CloudRuntime;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Starts an agent's pod through the engine and waits for the engine's verdict: the agent connected, or why its
 * pod could not give one. It extends {@link JNLPLauncher} because Jenkins accepts inbound agents only for nodes
 * with an inbound launcher. On failure the node is removed (and the pod handled by the retention policy).
 */
public class KubeAgentsLauncher extends JNLPLauncher {
    private static final Descriptor<ComputerLauncher> DESCRIPTOR = new DescriptorImpl();

    KubeAgentsLauncher(boolean webSocket, String tunnel) {
        super();
        setWebSocket(webSocket);
        setTunnel(tunnel);
    }

    /** Unlike a plain inbound agent, this one is launched: Jenkins calls {@link #launch} to create its pod. */
    @Override
    public boolean isLaunchSupported() {
        return true;
    }

    /**
     * Creates the pod and blocks until the engine's verdict, as Jenkins expects of a launcher whose agent connects
     * by itself. The agent takes tasks as soon as it is online (see {@link KubeAgentsAgent#isAcceptingTasks}), and
     * Jenkins wakes the queue when its channel opens, so its build does not wait for this method to return.
     */
    @Override
    public void launch(SlaveComputer computer, TaskListener listener) throws IOException, InterruptedException {
        if (!(computer instanceof KubeAgentsComputer agentComputer) || agentComputer.getNode() == null) {
            throw new IOException("not a kube-agents agent: " + computer.getName());
        }
        KubeAgentsAgent agent = agentComputer.getNode();
        PrintStream log = listener.getLogger();
        LaunchOutcome outcome;
        String what;
        Duration deadline = null;
        try {
            KubeAgentsCloud cloud = agent.cloud();
            what = "Pod " + agent.getNamespace() + "/" + agent.getNodeName() + " from template " + agent.getTemplateName()
                    + " of cloud " + cloud.getName();
            log.println(what + ": creating");
            CloudRuntime runtime = cloud.runtime();
            ResolvedTemplate template = cloud.resolve(agent.getTemplateName());
            agentComputer.launchingOn(runtime);
            deadline = runtime.verdictDeadline(template);
            outcome = runtime.launch(template, agent.getNodeName()).get(deadline.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IOException("launching " + agent.getNodeName() + " failed unexpectedly", e.getCause());
        } catch (TimeoutException e) {
            String why = "the engine gave no verdict on the pod within " + deadline.toSeconds() + " s";
            log.println("Cannot launch: " + why);
            agentComputer.setOfflineCause(new PodFailedOfflineCause(agent.getNodeName() + ": " + why));
            terminate(agent, log);
            throw new IOException(agent.getNodeName() + ": " + why, e);
        } catch (IOException | RuntimeException e) {
            log.println("Cannot launch: " + e.getMessage());
            terminate(agent, log);
            throw new IOException(e.getMessage(), e);
        }
        agentComputer.launched(outcome);
        // Jenkins starts the agent's log anew when the agent connects: say again whose timeline this is
        log.println(what + ":");
        log.println(outcome.timeline());
        if (outcome.isConnected()) {
            return;
        }
        String why = outcome.reason() + ": " + outcome.message();
        log.println("The pod did not give an agent: " + why);
        // kept by Jenkins as the agent's offline cause, since this launch fails with it set
        agentComputer.setOfflineCause(new PodFailedOfflineCause(what + " did not give an agent: " + why));
        terminate(agent, log);
        throw new IOException(agent.getNodeName() + ": " + why);
    }

    private static void terminate(KubeAgentsAgent agent, PrintStream log) throws InterruptedException {
        try {
            agent.terminate();
        } catch (IOException e) {
            log.println("Could not remove agent " + agent.getNodeName() + ": " + e.getMessage());
        }
    }

    /** Kept out of the launcher list of "New node": this launcher is only ever built by the cloud. */
    @Override
    public Descriptor<ComputerLauncher> getDescriptor() {
        return DESCRIPTOR;
    }

    private static final class DescriptorImpl extends Descriptor<ComputerLauncher> {
        @Override
        public String getDisplayName() {
            return "Kube Agents pod";
        }
    }
}
