package io.jenkins.plugins.kubeagents.provisioning;

import hudson.Extension;
import hudson.model.AsyncPeriodicWork;
import hudson.model.Computer;
import hudson.model.Node;
import hudson.model.Queue;
import hudson.model.TaskListener;
import io.jenkins.plugins.kubeagents.agents.KubeAgentsAgent;
import io.jenkins.plugins.kubeagents.cloud.KubeAgentsCloud;
import io.jenkins.plugins.kubeagents.cloud.KubeAgentsTemplate;
import io.jenkins.plugins.kubeagents.engine.capacity.WarmPool;
import io.jenkins.plugins.kubeagents.engine.merge.ResolvedTemplate;
import io.jenkins.plugins.kubeagents.engine.runtime.CloudRuntime;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import jenkins.model.Jenkins;

/**
 * Keeps each template's warm pool at its {@code minIdle}: starts agents before any build asks (Jenkins adds their
 * nodes here, as no queued build plans them), takes in idle agents no build took, and ends surplus idle members of
 * the pool, never an agent running a build. Runs the moment a warm agent is taken or ends, and every 10 s for
 * changed settings and after a restart.
 */
@Extension
public class WarmPools extends AsyncPeriodicWork {
    private static final Logger LOGGER = Logger.getLogger(WarmPools.class.getName());

    public WarmPools() {
        super("kube-agents warm pools");
    }

    @Override
    public long getRecurrencePeriod() {
        return TimeUnit.SECONDS.toMillis(10);
    }

    @Override
    protected void execute(TaskListener listener) {
        keep();
    }

    /** A warm agent was taken by a build, or ended: refill its pool now, off the calling thread. */
    public static void keepSoon() {
        Computer.threadPoolForRemoting.execute(WarmPools::keep);
    }

    /** One pass over every pool; one at a time, so two passes never both start the same missing agent. */
    static synchronized void keep() {
        Map<String, List<KubeAgentsAgent>> untakenByPool = Jenkins.get().getNodes().stream()
                .filter(n -> n instanceof KubeAgentsAgent a && !a.hasStartedItsBuild()).map(n -> (KubeAgentsAgent) n)
                .collect(Collectors.groupingBy(a -> a.getCloudName() + "/" + a.getTemplateName()));
        Map<String, Long> queuedByPool = queuedByPool();
        for (KubeAgentsCloud cloud : KubeAgentsCloud.all()) {
            for (KubeAgentsTemplate template : cloud.getTemplates()) {
                String pool = cloud.getName() + "/" + template.getName();
                List<KubeAgentsAgent> untaken = untakenByPool.remove(pool);
                try {
                    keep(cloud, cloud.resolve(template.getName()), untaken == null ? List.of() : untaken,
                            queuedByPool.getOrDefault(pool, 0L).intValue());
                } catch (RuntimeException e) { // an invalid template, an unreachable cluster
                    LOGGER.log(Level.WARNING, "warm pool of template " + template.getName() + " of cloud " + cloud.getName(), e);
                }
            }
        }
        // pools whose template or cloud is gone: their members are surplus
        untakenByPool.values().stream().flatMap(List::stream).filter(KubeAgentsAgent::isPoolMember).forEach(WarmPools::retire);
    }

    /** The queued builds by the template that would run them: the first cloud's that takes the label, as provisioning does. */
    private static Map<String, Long> queuedByPool() {
        List<KubeAgentsCloud> clouds = KubeAgentsCloud.all();
        return Jenkins.get().getQueue().getBuildableItems().stream()
                .flatMap(item -> clouds.stream().flatMap(c -> c.templateFor(item.getAssignedLabel())
                        .map(t -> c.getName() + "/" + t.getName()).stream()).limit(1))
                .collect(Collectors.groupingBy(pool -> pool, Collectors.counting()));
    }

    private static void keep(KubeAgentsCloud cloud, ResolvedTemplate template, List<KubeAgentsAgent> untaken, int queued) {
        Integer minIdle = template.spec().minIdle();
        if ((minIdle == null || minIdle == 0) && untaken.stream().noneMatch(KubeAgentsAgent::isPoolMember)) {
            return; // no pool: nothing to start, and no runtime to start for it
        }
        CloudRuntime runtime = cloud.runtime();
        Map<String, KubeAgentsAgent> byName = untaken.stream().collect(Collectors.toMap(Node::getNodeName, a -> a));
        List<WarmPool.Agent> agents = untaken.stream().map(a -> new WarmPool.Agent(a.getNodeName(), a.isPoolMember(),
                a.toComputer() != null && a.toComputer().isOnline())).toList();
        CloudRuntime.PoolChange change = runtime.keepWarm(template.spec(), agents, queued, cloud.getContainerCap());
        for (String name : change.adopt()) {
            KubeAgentsAgent agent = byName.get(name);
            agent.joinPool();
            save(agent);
        }
        for (String name : change.start()) {
            try {
                Jenkins.get().addNode(KubeAgentsAgent.create(cloud, template, runtime.namespaceOf(template.spec()), name, true));
            } catch (Exception e) {
                LOGGER.log(Level.WARNING, "could not add warm agent " + name, e);
                runtime.release(name);
            }
        }
        change.retire().stream().map(byName::get).forEach(WarmPools::retire);
    }

    /**
     * Ends a pool member if it is still idle. Under the queue's lock, so that no build is given to it between the
     * check and its removal.
     */
    private static void retire(KubeAgentsAgent agent) {
        Computer.threadPoolForRemoting.execute(() -> Queue.withLock(() -> {
            Computer computer = agent.toComputer();
            if (agent.isPoolMember() && (computer == null || computer.isIdle())) {
                agent.terminateLogged();
            }
        }));
    }

    private static void save(KubeAgentsAgent agent) {
        try {
            agent.save();
        } catch (IOException e) {
            LOGGER.log(Level.WARNING, "could not save agent " + agent.getNodeName(), e);
        }
    }
}
