package io.jenkins.plugins.kubeagents;

import hudson.Extension;
import hudson.model.AsyncPeriodicWork;
import hudson.model.TaskListener;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import jenkins.model.Jenkins;

/**
 * Every minute, per cloud: delete this controller's pods whose agents Jenkins no longer has (a crash, a node
 * deleted by hand), from the informer's cache, without listing pods; and stop the runtimes of removed clouds.
 */
@Extension
public class OrphanSweepWork extends AsyncPeriodicWork {
    private static final Logger LOGGER = Logger.getLogger(OrphanSweepWork.class.getName());

    public OrphanSweepWork() {
        super("kube-agents orphan sweep");
    }

    @Override
    public long getRecurrencePeriod() {
        return TimeUnit.MINUTES.toMillis(1);
    }

    @Override
    protected void execute(TaskListener listener) {
        List<KubeAgentsCloud> clouds = Jenkins.get().clouds.getAll(KubeAgentsCloud.class);
        Runtimes.ALL.retainOnly(clouds.stream().map(KubeAgentsCloud::getName).collect(Collectors.toSet()));
        for (KubeAgentsCloud cloud : clouds) {
            Set<String> known = new JenkinsControllerLink(cloud.getName()).knownAgents();
            try {
                int deleted = cloud.runtime().sweep(known).get(1, TimeUnit.MINUTES);
                if (deleted > 0) {
                    listener.getLogger().println("cloud " + cloud.getName() + ": deleted " + deleted + " orphan pod(s)");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                LOGGER.log(Level.WARNING, "orphan sweep of cloud " + cloud.getName() + " failed", e);
            }
        }
    }
}
