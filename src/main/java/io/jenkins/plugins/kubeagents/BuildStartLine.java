package io.jenkins.plugins.kubeagents;

import hudson.Extension;
import hudson.model.Executor;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.model.listeners.RunListener;
import io.jenkins.plugins.kubeagents.lifecycle.Timeline;

/** Starts each build on one of our agents with a line naming its pod and how long the pod took to come up. */
@Extension
public class BuildStartLine extends RunListener<Run> {
    @Override
    public void onStarted(Run run, TaskListener listener) {
        Executor executor = run.getExecutor();
        if (executor != null && executor.getOwner() instanceof KubeAgentsComputer computer) {
            String line = computer.buildStartLine();
            if (line != null) {
                listener.getLogger().println(line);
            }
        }
    }

    /**
     * @param timeline the pod's launch, or null when this controller did not see it (an agent adopted after a
     *     restart): then the line names the pod only
     */
    static String text(String namespace, String pod, String template, String cloud, Timeline timeline) {
        String line = "Running on pod " + namespace + "/" + pod + " (template " + template + ", cloud " + cloud + ")";
        String milestones = timeline == null ? "" : timeline.milestones();
        return milestones.isEmpty() ? line : line + ": " + milestones;
    }
}
