package io.jenkins.plugins.kubeagents.provisioning;

import hudson.Extension;
import hudson.model.Label;
import hudson.model.Queue;
import hudson.model.queue.CauseOfBlockage;
import hudson.model.queue.QueueTaskDispatcher;
import hudson.slaves.Cloud;
import io.jenkins.plugins.kubeagents.cloud.KubeAgentsCloud;
import io.jenkins.plugins.kubeagents.engine.capacity.LaunchBreaker;
import java.util.Optional;
import jenkins.model.Jenkins;

/**
 * Says in the queue why a build waits when the only way to run it is a paused template: no agent has its label,
 * and every cloud that could start one is a kube-agents cloud whose template for it is paused. It blocks nothing
 * else, and not for longer than the pause: when a launch may try again the build is buildable again, and its
 * demand plans that launch.
 */
@Extension
public class PausedTemplateDispatcher extends QueueTaskDispatcher {
    @Override
    public CauseOfBlockage canRun(Queue.Item item) {
        Label label = item.getAssignedLabel();
        if (label == null || !label.getNodes().isEmpty()) {
            return null;
        }
        String why = null;
        for (Cloud cloud : Jenkins.get().clouds) {
            if (!cloud.canProvision(new Cloud.CloudState(label, 0))) {
                continue;
            }
            Optional<LaunchBreaker.Pause> pause = cloud instanceof KubeAgentsCloud ours ? ours.pauseFor(label) : Optional.empty();
            if (pause.isEmpty()) {
                return null;
            }
            why = why != null ? why : pause.get().whyWaiting(cloud.name);
        }
        return why == null ? null : new TemplatePaused(why);
    }

    /** Why the build waits, in Kubernetes' words. */
    public static final class TemplatePaused extends CauseOfBlockage {
        private final String why;

        public TemplatePaused(String why) {
            this.why = why;
        }

        @Override
        public String getShortDescription() {
            return why;
        }
    }
}
