package io.jenkins.plugins.kubeagents.agents;

import hudson.Extension;
import hudson.model.Executor;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.model.listeners.RunListener;
import io.jenkins.plugins.kubeagents.engine.lifecycle.AgentLoss;
import io.jenkins.plugins.kubeagents.engine.lifecycle.Timeline;
import java.util.Optional;
import jenkins.model.InterruptedBuildAction;

/**
 * A build on one of our agents starts with a line naming its pod and how long the pod took to come up, and, when
 * the pod was lost under it, ends with what happened to the pod, before Jenkins' {@code Finished:}.
 */
@Extension
public class BuildPodLines extends RunListener<Run> {
    @Override
    public void onStarted(Run run, TaskListener listener) {
        KubeAgentsComputer computer = agentOf(run);
        String line = computer == null ? null : computer.buildStartLine();
        if (line != null) {
            listener.getLogger().println(line);
        }
    }

    /** Runs on the build's executor before Jenkins prints {@code Finished:}, so waiting here delays only that. */
    @Override
    public void onCompleted(Run run, TaskListener listener) {
        KubeAgentsComputer computer = agentOf(run);
        if (computer == null) {
            return;
        }
        try {
            Optional<String> line = computer.fate().lineAtBuildEnd(toldByInterruption(run), computer.isConnectionGone(),
                    computer.getPodNamespace() + "/" + computer.getName(), AgentLoss.VERDICT_WAIT);
            line.ifPresent(listener.getLogger()::println);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Whether Jenkins already printed the pod's fate as the cause of the interruption that stopped the build. */
    private static boolean toldByInterruption(Run run) {
        return run.getActions(InterruptedBuildAction.class).stream()
                .flatMap(action -> action.getCauses().stream())
                .anyMatch(cause -> cause instanceof PodLostInterruption);
    }

    /**
     * The agent the build runs on. Both listener calls run on the build's own executor, which is asked first: once a
     * lost pod's agent was terminated, its computer may already be out of Jenkins' list, where {@code
     * Run#getExecutor} looks.
     */
    private static KubeAgentsComputer agentOf(Run run) {
        Executor executor = Executor.currentExecutor();
        if (executor == null || executor.getCurrentExecutable() != run) {
            executor = run.getExecutor();
        }
        return executor != null && executor.getOwner() instanceof KubeAgentsComputer computer ? computer : null;
    }

    /**
     * @param timeline the pod's launch, or null when this controller did not see it (an agent adopted after a
     *     restart): then the line names the pod only
     */
    public static String startText(String namespace, String pod, String template, String cloud, Timeline timeline) {
        String line = "Running on pod " + namespace + "/" + pod + " (template " + template + ", cloud " + cloud + ")";
        String milestones = timeline == null ? "" : timeline.milestones();
        return milestones.isEmpty() ? line : line + ": " + milestones;
    }
}
