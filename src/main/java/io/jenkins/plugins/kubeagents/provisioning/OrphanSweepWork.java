package io.jenkins.plugins.kubeagents.provisioning;

import hudson.Extension;
import hudson.model.AsyncPeriodicWork;
import hudson.model.TaskListener;
import io.jenkins.plugins.kubeagents.cloud.JenkinsControllerLink;
import io.jenkins.plugins.kubeagents.cloud.KubeAgentsCloud;
import io.jenkins.plugins.kubeagents.cloud.Runtimes;
import io.jenkins.plugins.kubeagents.engine.runtime.CloudRuntime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * Every minute, per cloud: delete the cloud's pods whose agents Jenkins no longer has (a crash, a node deleted by
 * hand), from the informer's cache, without listing pods. Clouds removed or renamed are swept too, until nothing
 * of theirs is left; then their runtimes stop.
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
        List<KubeAgentsCloud> clouds = KubeAgentsCloud.all();
        clouds.forEach(OrphanSweepWork::startRuntime);
        Map<String, Set<String>> liveClouds = clouds.stream()
                .collect(Collectors.toMap(KubeAgentsCloud::getName, KubeAgentsCloud::templateNamespaces));
        Runtimes.ALL.all().forEach((cloudName, runtime) ->
                sweep(cloudName, runtime, liveClouds.getOrDefault(cloudName, Set.of()), listener));
        Runtimes.ALL.retire(liveClouds.keySet(), cloudName -> !new JenkinsControllerLink(cloudName).knownAgents().isEmpty());
    }

    /** A cloud with no agent yet has no runtime: start it, so its sweep also finds what a previous run left. */
    private static void startRuntime(KubeAgentsCloud cloud) {
        try {
            cloud.runtime();
        } catch (RuntimeException e) {
            LOGGER.log(Level.WARNING, "cloud " + cloud.getName() + " cannot reach its cluster", e);
        }
    }

    private static void sweep(String cloudName, CloudRuntime runtime, Set<String> templateNamespaces, TaskListener listener) {
        Set<String> known = new JenkinsControllerLink(cloudName).knownAgents();
        try {
            int deleted = runtime.sweep(known, templateNamespaces).get(1, TimeUnit.MINUTES);
            if (deleted > 0) {
                listener.getLogger().println("cloud " + cloudName + ": deleted " + deleted + " orphan pod(s)");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOGGER.log(Level.WARNING, "orphan sweep of cloud " + cloudName + " failed", e);
        }
    }
}
