package io.jenkins.plugins.kubeagents.agents;

import hudson.Extension;
import hudson.model.Descriptor;
import hudson.model.Node;
import hudson.model.Queue;
import hudson.model.TaskListener;
import hudson.model.labels.LabelAtom;
import hudson.model.queue.CauseOfBlockage;
import hudson.slaves.AbstractCloudComputer;
import hudson.slaves.AbstractCloudSlave;
import hudson.slaves.Cloud;
import io.jenkins.plugins.kubeagents.cloud.KubeAgentsCloud;
import io.jenkins.plugins.kubeagents.cloud.Runtimes;
import io.jenkins.plugins.kubeagents.engine.merge.ResolvedTemplate;
import io.jenkins.plugins.kubeagents.engine.runtime.CloudRuntime;
import io.jenkins.plugins.kubeagents.engine.template.ContainerSpec;
import io.jenkins.plugins.kubeagents.engine.template.RetentionPolicy;
import io.jenkins.plugins.kubeagents.engine.template.TemplateDefaults;
import io.jenkins.plugins.kubeagents.engine.template.TemplateSpec;
import io.jenkins.plugins.kubeagents.pipeline.NodeBlocks;
import io.jenkins.plugins.kubeagents.provisioning.WarmPools;
import java.io.IOException;
import java.util.Objects;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import jenkins.model.Jenkins;

/**
 * The Jenkins node of one agent pod. It persists only identifiers (cloud, template, namespace, retention); the
 * pod's state lives in the engine. Its name is new for every pod, because Jenkins derives the agent's secret
 * from it.
 */
public class KubeAgentsAgent extends AbstractCloudSlave {
    private static final long serialVersionUID = 1L;
    private static final Logger LOGGER = Logger.getLogger(KubeAgentsAgent.class.getName());
    /** How long a one-shot agent that never got its build waits before it goes. */
    private static final int BACKUP_IDLE_MINUTES = 10;

    private final String cloudName;
    private final String templateName;
    private final String namespace;
    private final RetentionPolicy podRetention;
    /**
     * Set when a one-shot agent accepts its build, and saved with the node: a build cut short by a controller
     * restart leaves the agent online and idle afterwards, and without this it would take the next build.
     */
    private volatile boolean buildStarted;
    /**
     * The one build is a Pipeline {@code node} block, which Pipeline continues on this agent after a controller
     * restart; cleared when the block ends. Saved with the node: after a restart the agent reconnects and takes
     * the block's continuation, and nothing else.
     */
    private volatile boolean nodeBlock;
    /** The node block runs here in this controller session; not saved, so after a restart the agent awaits it. */
    private transient volatile boolean nodeBlockRunsHere;
    /** Started (or taken in) by the template's warm pool, and no build took it yet. Saved with the node. */
    private volatile boolean warm;

    KubeAgentsAgent(String name, String remoteFS, KubeAgentsLauncher launcher, String cloudName, String templateName,
            String namespace, RetentionPolicy podRetention) throws Descriptor.FormException, IOException {
        super(name, remoteFS, launcher);
        this.cloudName = cloudName;
        this.templateName = templateName;
        this.namespace = namespace;
        this.podRetention = podRetention;
    }

    /**
     * The node for a planned agent: one executor, only for jobs that ask for its labels, always retained on purpose.
     *
     * @param warm whether the template's warm pool starts it, rather than a build waiting for it
     */
    public static KubeAgentsAgent create(KubeAgentsCloud cloud, ResolvedTemplate template, String namespace, String agentName,
            boolean warm) throws Descriptor.FormException, IOException {
        TemplateSpec spec = template.spec();
        KubeAgentsAgent agent = new KubeAgentsAgent(agentName, workDir(spec),
                new KubeAgentsLauncher(cloud.isWebSocket(), cloud.getTunnel()), cloud.getName(), spec.name(), namespace,
                Objects.requireNonNullElse(spec.podRetention(), RetentionPolicy.NEVER));
        agent.warm = warm;
        agent.setNumExecutors(1);
        agent.setMode(Node.Mode.EXCLUSIVE);
        agent.setLabelString(String.join(" ", spec.labels()));
        // Jenkins' idle clock runs while the agent launches too: no idle limit may end a launch still in time
        int launchMinutes = (int) Math.ceil(TemplateDefaults.STANDARD.connectTimeout(spec).toSeconds() / 60.0) + 1;
        Integer idleMinutes = spec.idleMinutes();
        agent.setRetentionStrategy(idleMinutes != null && idleMinutes > 0
                ? new ReuseRetention(Math.max(idleMinutes, launchMinutes))
                : new OneShotRetention(Math.max(BACKUP_IDLE_MINUTES, launchMinutes)));
        return agent;
    }

    private static String workDir(TemplateSpec spec) {
        return spec.containers().stream().filter(c -> c.name().equals(ContainerSpec.AGENT) && c.workingDir() != null)
                .map(ContainerSpec::workingDir).findFirst().orElse(TemplateDefaults.STANDARD.agentWorkdir());
    }

    public String getCloudName() {
        return cloudName;
    }

    public String getTemplateName() {
        return templateName;
    }

    public String getNamespace() {
        return namespace;
    }

    public RetentionPolicy getPodRetention() {
        return podRetention;
    }

    /**
     * Jenkins gave this agent a build: it leaves the warm pool, and a one-shot agent takes no other build, also
     * after a restart once the node is saved; only the continuation of its {@code node} block, if it is one.
     */
    public void tookBuild(boolean oneShot, boolean isNodeBlock) {
        warm = false;
        if (oneShot) {
            buildStarted = true;
            nodeBlock = isNodeBlock;
            nodeBlockRunsHere = isNodeBlock;
        }
    }

    /** The node block left its executor and will continue: the agent waits for the continuation. */
    public void awaitContinuation() {
        nodeBlockRunsHere = false;
    }

    /** The one build ended and will not continue: the agent takes nothing more, while it is being ended. */
    public void buildEnded() {
        nodeBlock = false;
        nodeBlockRunsHere = false;
    }

    /** The warm pool takes in an agent that no build took. */
    public void joinPool() {
        warm = true;
    }

    /** Kept connected and idle for the next build by the template's warm pool: never ended for being idle. */
    public boolean isPoolMember() {
        return warm && !buildStarted;
    }

    /** Says on the agent list which agents are warm, until one takes a build. */
    @Override
    public String getNodeDescription() {
        String pod = "pod " + namespace + "/" + getNodeName() + " of cloud " + cloudName;
        return isPoolMember() ? "warm (template " + templateName + "), " + pod : "Template " + templateName + ", " + pod;
    }

    public boolean hasStartedItsBuild() {
        return buildStarted;
    }

    /**
     * Whether Jenkins may give this agent a build: until its one build has started. The agent accepts tasks from
     * the moment it is online, while its launcher still waits for the engine's verdict: Jenkins counts an online
     * computer that does not accept tasks neither as available nor as connecting, and would plan another pod for
     * the build this one is about to take.
     */
    @Override
    public boolean isAcceptingTasks() {
        return !buildStarted || nodeBlock;
    }

    /** Its build started and is a {@code node} block: only that block's continuation may have the agent. */
    public boolean servesOnlyItsNodeBlock() {
        return buildStarted && nodeBlock;
    }

    /** Idle, kept for its node block's continuation: after a restart, until Pipeline's continuation takes it. */
    public boolean awaitsItsContinuation() {
        return servesOnlyItsNodeBlock() && !nodeBlockRunsHere;
    }

    /**
     * An agent awaiting its node block's continuation accepts tasks (the continuation is one), so with its template's
     * labels Jenkins would count it as available to their builds, plan no pod for them and let them wait for an
     * agent that will not take them. It keeps only its own name, the label Pipeline pins the continuation to.
     */
    @Override
    public Set<LabelAtom> getAssignedLabels() {
        return awaitsItsContinuation() ? Set.of(getSelfLabel()) : super.getAssignedLabels();
    }

    @Override
    public CauseOfBlockage canTake(Queue.BuildableItem item) {
        CauseOfBlockage blockage = blockage(item.task);
        return blockage != null ? blockage : super.canTake(item);
    }

    /**
     * Why the task may not have this agent, or null. After a controller restart an agent whose {@code node} block
     * had started accepts tasks again, for the block's continuation (which Pipeline pins to this agent by name);
     * another build of the template's labels must get a pod of its own.
     */
    public CauseOfBlockage blockage(Queue.Task task) {
        if (servesOnlyItsNodeBlock() && !NodeBlocks.isContinuation(task)) {
            return new ServesItsNodeBlock(this);
        }
        return null;
    }

    KubeAgentsCloud cloud() throws IOException {
        Cloud cloud = Jenkins.get().getCloud(cloudName);
        if (!(cloud instanceof KubeAgentsCloud kubeAgents)) {
            throw new IOException("cloud '" + cloudName + "' of agent " + getNodeName() + " no longer exists");
        }
        return kubeAgents;
    }

    /**
     * The engine that launched this agent's pod, which follows the pod until it ends (also when the cloud's changed
     * settings replaced it meanwhile); before the launch, the engine of this agent's cloud. A cloud removed or renamed
     * while this agent ran keeps its engine until nothing of it is left, so the pod is still ended when the build is.
     */
    public CloudRuntime runtime() throws IOException {
        if (toComputer() instanceof KubeAgentsComputer computer && computer.launchedOn() != null) {
            return computer.launchedOn();
        }
        Cloud cloud = Jenkins.get().getCloud(cloudName);
        if (cloud instanceof KubeAgentsCloud kubeAgents) {
            return kubeAgents.runtime();
        }
        return Runtimes.ALL.running(cloudName).orElseThrow(() -> new IOException("cloud '" + cloudName + "' of agent "
                + getNodeName() + " no longer exists and its engine is not running (the controller restarted since): "
                + "delete pod " + namespace + "/" + getNodeName() + " by hand"));
    }

    @Override
    public AbstractCloudComputer<KubeAgentsAgent> createComputer() {
        return new KubeAgentsComputer(this);
    }

    /** Ends the agent from a background thread, which has no one to tell of a failure but the log. */
    public void terminateLogged() {
        try {
            terminate();
        } catch (IOException e) {
            LOGGER.log(Level.WARNING, "could not terminate agent " + getNodeName(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Hands the pod to the engine: deleted (or kept, by the retention policy) and confirmed in the background. */
    @Override
    protected void _terminate(TaskListener listener) throws IOException {
        if (isPoolMember()) { // its launch failed, or its pod was lost: the pool replaces it
            WarmPools.keepSoon();
        }
        boolean failed = toComputer() instanceof KubeAgentsComputer c && c.hasFailed();
        runtime().terminate(namespace, getNodeName(), podRetention, failed);
        listener.getLogger().println("Pod " + namespace + "/" + getNodeName() + ": "
                + (podRetention == RetentionPolicy.ALWAYS || (podRetention == RetentionPolicy.ON_FAILURE && failed)
                        ? "kept by the retention policy" : "deletion requested"));
    }

    /**
     * Jenkins' own lookup, declared here so this class carries the bridge for {@code Node#getDescriptor()}: the API
     * checker reads Jenkins' signatures from source, where Slave's bridge of that covariant override is absent.
     */
    @Override
    public SlaveDescriptor getDescriptor() {
        return (SlaveDescriptor) Jenkins.get().getDescriptorOrDie(getClass());
    }

    @Extension
    public static final class DescriptorImpl extends SlaveDescriptor {
        @Override
        public String getDisplayName() {
            return "Kube Agents pod agent";
        }

        /** Created only by the cloud, never from "New node". */
        @Override
        public boolean isInstantiable() {
            return false;
        }
    }
}
