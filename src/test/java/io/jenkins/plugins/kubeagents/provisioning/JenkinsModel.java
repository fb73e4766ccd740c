package io.jenkins.plugins.kubeagents.provisioning;

import com.thoughtworks.xstream.XStream;
import com.thoughtworks.xstream.security.AnyTypePermission;
import hudson.model.Queue;
import io.jenkins.plugins.kubeagents.agents.KubeAgentsAgent;
import io.jenkins.plugins.kubeagents.engine.capacity.CapacityPlanner;
import io.jenkins.plugins.kubeagents.engine.capacity.WarmPool;
import io.jenkins.plugins.kubeagents.engine.render.AgentIdentity;
import io.jenkins.plugins.kubeagents.pipeline.NodeBlocks;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.function.BooleanSupplier;
import org.jenkinsci.plugins.durabletask.executors.ContinuedTask;

/**
 * Jenkins' queue, load statistics and node provisioner for one label, modelled in virtual time as
 * {@code ../shared/design/jenkins-cloud-mechanics.md} describes them (§1 provisioning, §2 nodes, §8 what a running
 * Jenkins showed), around the plugin's own decisions: {@link ProvisioningRound} and
 * {@link CapacityPlanner#unmetDemand} plan, {@link ReviewAfterMaintenance} defers the review of a new queue item,
 * and real {@link KubeAgentsAgent}s, read from and written to their saved form with XStream as Jenkins does,
 * decide whether they take a build.
 *
 * <p>What is modelled, and how:
 * <ul>
 * <li>{@code update()}: adds planned nodes whose futures are done, then computes the load snapshot (queue length
 *     from the queue's published snapshot; available = online, idle and accepting; connecting = launching), returns
 *     when the queue length is at most the available executors, else runs the strategy. Runs every 10 s from 100 s
 *     after the start, and about a second after {@code suggestReviewNow()} (throttled to one a second).</li>
 * <li>{@code maintain()}: moves new items to the buildable list, notifying the queue listener, then gives each
 *     buildable item an online, idle, accepting agent. The snapshot the load statistics read is published only when
 *     maintain() ends (§8), and a review run from inside it sees the old one.</li>
 * <li>An added node launches; its agent is online {@code podStart} later, which schedules a maintenance.</li>
 * <li>A build on a one-shot agent: the executor's {@code taskAccepted}, then {@code taskCompleted}, which removes
 *     the node; a controller restart kills running builds and starts every saved node again.</li>
 * <li>A Pipeline {@code node} block is a build whose task is a durable-task {@code ContinuedTask}: a restart does
 *     not kill it; Pipeline queues its continuation, pinned to the agent by name, which runs the block's remaining
 *     time (or, for a build aborted meanwhile, queues nothing). The agent's labels ({@code getAssignedLabels}:
 *     only its name while it awaits the continuation) and {@code blockage} decide which tasks it takes and where
 *     Jenkins counts it; an agent idle for the backup minutes is ended ({@code AgentRetention#check}), warm ones
 *     excepted.</li>
 * <li>The warm pool, as {@code WarmPools} keeps it with {@link WarmPool#decide}: every 10 s, and when a warm agent
 *     takes a build, either at once or after the review of the queue's new items ({@code refillFirst}), since in
 *     Jenkins the two run on different threads.</li>
 * </ul>
 */
final class JenkinsModel {
    static final long INITIAL_DELAY = 100_000;
    static final long RECURRENCE = 10_000;
    private static final long REVIEW_THROTTLE = 1_000;

    static final long BACKUP_IDLE = 10 * 60_000;

    /** A Pipeline {@code node} block's placeholder task: a continuation once its body started on an agent. */
    record NodeBlockTask(boolean isContinued) implements ContinuedTask {}

    /** A freestyle build's task. */
    static final Queue.Task FREESTYLE = new Queue.Task() {};

    /** A queued build. */
    static final class Item {
        final String name;
        final long queuedAt;
        final Queue.Task task;
        /** Only this agent may run it: a node block's continuation, pinned by its label (the agent's name). */
        final String pinnedTo;
        /** How long it runs once started; a continuation runs what its block had left. */
        final long duration;
        long startedAt = -1;
        long endedAt = -1;
        String ranOn;

        Item(String name, long queuedAt, Queue.Task task, String pinnedTo, long duration) {
            this.name = name;
            this.queuedAt = queuedAt;
            this.task = task;
            this.pinnedTo = pinnedTo;
            this.duration = duration;
        }
    }

    /** A node's computer: the agent, whether it is online, and the build it runs. */
    static final class Computer {
        /** Jenkins keeps a node's name in its own fields, which the stand-in lacks: the model keeps it here. */
        final String name;
        final KubeAgentsAgent agent;
        boolean online;
        long onlineAt = -1;
        Item running;
        long idleSince;
        final List<Item> ran = new ArrayList<>();

        Computer(String name, KubeAgentsAgent agent) {
            this.name = name;
            this.agent = agent;
        }
    }

    private record Event(long at, long seq, Runnable action) {}

    private final PriorityQueue<Event> events = new PriorityQueue<>((a, b) -> a.at != b.at
            ? Long.compare(a.at, b.at) : Long.compare(a.seq, b.seq));
    private long seq;
    long now;

    private final long podStart;
    private final long podStartStep;
    private final long buildTime;
    private final XStream xstream = new XStream();

    /** Every item ever scheduled. */
    final List<Item> items = new ArrayList<>();
    private final List<Item> waiting = new ArrayList<>();
    private final List<Item> buildables = new ArrayList<>();
    private List<Item> snapshot = List.of();
    private boolean maintaining;
    private boolean maintenanceScheduled;
    private final List<Runnable> waitingForQueueLock = new ArrayList<>();

    final Map<String, Computer> computers = new LinkedHashMap<>();
    private final Map<String, KubeAgentsAgent> planned = new LinkedHashMap<>();
    private final ReviewAfterMaintenance reviews;
    private long lastReview;
    private boolean queuedReview;
    int podsCreated;
    private int launched;
    private int minIdle;
    private boolean refillFirst = true;

    /**
     * @param podStart how long from an added node to its agent online
     * @param podStartStep how much longer each further pod takes, so agents of a burst come online one by one
     * @param buildTime how long a build runs
     */
    JenkinsModel(long podStart, long podStartStep, long buildTime) {
        this.podStart = podStart;
        this.podStartStep = podStartStep;
        this.buildTime = buildTime;
        xstream.addPermission(AnyTypePermission.ANY);
        xstream.ignoreUnknownElements(); // the fields Jenkins' own classes save (name, launcher, …) are not ours
        // a pool thread runs at once, even while maintain() holds the queue's lock: the worst interleaving
        this.reviews = new ReviewAfterMaintenance(Runnable::run, this::underQueueLock);
        at(INITIAL_DELAY, this::periodicReview);
        at(60_000, this::idleCheck);
    }

    /** Keeps {@code minIdle} warm agents from now on. */
    void warmPool(int minIdle, boolean refillFirst) {
        this.minIdle = minIdle;
        this.refillFirst = refillFirst;
        at(now, this::periodicKeep);
    }

    // ---- time

    void at(long time, Runnable action) {
        events.add(new Event(time, seq++, action));
    }

    /** Runs events until the condition holds; fails if it does not by the deadline. */
    void runUntil(BooleanSupplier condition, long deadline) {
        while (!condition.getAsBoolean()) {
            Event next = events.poll();
            if (next == null || next.at > deadline) {
                throw new AssertionError("not reached by t=" + deadline / 1000.0 + " s; now t=" + now / 1000.0 + " s");
            }
            now = next.at;
            next.action.run();
        }
    }

    /** Runs every event of the next {@code millis}. */
    void runFor(long millis) {
        long until = now + millis;
        while (!events.isEmpty() && events.peek().at <= until) {
            Event next = events.poll();
            now = next.at;
            next.action.run();
        }
        now = until;
    }

    // ---- the queue

    Item schedule(String name) {
        return enqueue(new Item(name, now, FREESTYLE, null, buildTime));
    }

    /** A Pipeline build reaching {@code node('maven')}. */
    Item scheduleNodeBlock(String name) {
        return enqueue(new Item(name, now, new NodeBlockTask(false), null, buildTime));
    }

    private Item enqueue(Item item) {
        items.add(item);
        waiting.add(item);
        scheduleMaintenance();
        return item;
    }

    private void scheduleMaintenance() {
        if (!maintenanceScheduled) {
            maintenanceScheduled = true;
            at(now, this::maintain);
        }
    }

    private void maintain() {
        maintenanceScheduled = false;
        maintaining = true;
        for (Item item : List.copyOf(waiting)) {
            waiting.remove(item);
            buildables.add(item);
            onEnterBuildable();
        }
        for (Item item : List.copyOf(buildables)) {
            computers.values().stream().filter(c -> c.online && c.running == null && c.agent.isAcceptingTasks())
                    .filter(c -> item.pinnedTo == null ? !c.agent.awaitsItsContinuation() : item.pinnedTo.equals(c.name))
                    .filter(c -> c.agent.blockage(item.task) == null) // Node#canTake
                    .findFirst().ifPresent(c -> startBuild(item, c));
        }
        snapshot = List.copyOf(buildables);
        maintaining = false;
        List<Runnable> deferred = List.copyOf(waitingForQueueLock);
        waitingForQueueLock.clear();
        deferred.forEach(Runnable::run);
    }

    /** As {@code NoDelayProvisioning.ReviewWhenBuildable} does, for a label the cloud can take. */
    private void onEnterBuildable() {
        reviews.request(this::suggestReviewNow);
    }

    private void underQueueLock(Runnable action) {
        if (maintaining) {
            waitingForQueueLock.add(action);
        } else {
            action.run();
        }
    }

    private void startBuild(Item item, Computer computer) {
        buildables.remove(item);
        item.startedAt = now;
        item.ranOn = computer.name;
        computer.running = item;
        computer.ran.add(item);
        boolean wasWarm = computer.agent.isPoolMember();
        // AgentRetention#taskAccepted, which then saves the node
        computer.agent.tookBuild(true, NodeBlocks.continuesAfterRestart(item.task));
        if (wasWarm) {
            if (refillFirst) {
                keepWarm();
            } else {
                at(now, this::keepWarm);
            }
        }
        at(now + item.duration, () -> {
            if (computers.get(computer.name) == computer && computer.running == item) { // not cut off by a restart
                computer.running = null;
                item.endedAt = now;
                computer.agent.buildEnded(); // OneShotRetention#taskCompleted: its executable will not continue
                computers.remove(computer.name); // and terminate
            }
        });
    }

    // ---- the provisioner

    private void periodicReview() {
        update();
        at(now + RECURRENCE, this::periodicReview);
    }

    /** {@code NodeProvisioner#suggestReviewNow}: at once if the last review is a second old, else a second after it. */
    private void suggestReviewNow() {
        if (queuedReview) {
            return;
        }
        long delay = REVIEW_THROTTLE - (now - lastReview);
        if (delay < 0) {
            lastReview = now;
            update();
        } else {
            queuedReview = true;
            at(now + delay, this::update);
        }
    }

    private void update() {
        lastReview = now;
        queuedReview = false;
        planned.forEach(this::addNode);
        planned.clear();
        int queueLength = (int) snapshot.stream().filter(i -> i.pinnedTo == null).count(); // the label's items
        List<Computer> ofTheLabel = computers.values().stream().filter(c -> !c.agent.awaitsItsContinuation()).toList();
        int available = (int) ofTheLabel.stream()
                .filter(c -> c.online && c.running == null && c.agent.isAcceptingTasks()).count();
        int connecting = (int) ofTheLabel.stream().filter(c -> !c.online).count();
        if (queueLength <= available) {
            return;
        }
        int demand = CapacityPlanner.unmetDemand(queueLength, available, connecting, 0, 0);
        ProvisioningRound.run(demand, List.of(new ProvisioningRound.Cloud() {
            @Override
            public boolean canTake() {
                return true;
            }

            @Override
            public int plan(int executors) {
                for (int i = 0; i < executors; i++) {
                    String name = AgentIdentity.newAgentName("maven");
                    planned.put(name, restore(savedForm(name)));
                    podsCreated++;
                }
                return executors;
            }
        }), this::suggestReviewNow);
    }

    /** {@code Jenkins#addNode}: the retention strategy starts the computer, whose launcher creates the pod. */
    private void addNode(String name, KubeAgentsAgent agent) {
        Computer computer = new Computer(name, agent);
        computers.put(name, computer);
        launch(computer);
    }

    private void launch(Computer computer) {
        at(now + podStart + podStartStep * launched++, () -> {
            if (computers.get(computer.name) == computer) {
                computer.online = true;
                computer.onlineAt = now;
                computer.idleSince = now;
                scheduleMaintenance(); // SlaveComputer#setChannel
            }
        });
    }

    /** {@code AgentRetention#check} every minute: an agent idle for the backup minutes goes, unless it is warm. */
    private void idleCheck() {
        computers.values().removeIf(c -> c.online && c.running == null && !c.agent.isPoolMember()
                && now - c.idleSince >= BACKUP_IDLE);
        at(now + 60_000, this::idleCheck);
    }

    // ---- the warm pool

    private void periodicKeep() {
        keepWarm();
        at(now + 10_000, this::periodicKeep);
    }

    /** {@code WarmPools#keep} for the one template: take in idle agents, start the missing ones, end the surplus. */
    private void keepWarm() {
        List<WarmPool.Agent> untaken = computers.values().stream().filter(c -> !c.agent.hasStartedItsBuild())
                .map(c -> new WarmPool.Agent(c.name, c.agent.isPoolMember(), c.online)).toList();
        WarmPool.Need need = WarmPool.decide(minIdle, untaken, buildables.size() + waiting.size());
        need.adopt().forEach(name -> computers.get(name).agent.joinPool());
        for (int i = 0; i < need.start(); i++) {
            String name = AgentIdentity.newAgentName("maven");
            KubeAgentsAgent agent = restore(savedForm(name));
            agent.joinPool();
            podsCreated++;
            addNode(name, agent);
        }
        need.retire().forEach(name -> {
            Computer c = computers.get(name);
            if (c.running == null) {
                computers.remove(name);
            }
        });
    }

    /** Pool members now: warm agents that took no build. */
    long warmAgents() {
        return computers.values().stream().filter(c -> c.agent.isPoolMember()).count();
    }

    /** Pool members connected and idle. */
    long readyWarmAgents() {
        return computers.values().stream().filter(c -> c.agent.isPoolMember() && c.online).count();
    }

    // ---- restart

    /** The controller restarts, and Pipeline resumes every running {@code node} block. */
    void restart() {
        restart(true);
    }

    /**
     * The controller restarts: freestyle builds die, the queue keeps its items, every node is read back from its
     * saved form and started again by its retention strategy ({@code OneShotRetention#start}: an agent that
     * accepts no task is ended, any other reconnects to its pod). A running {@code node} block is not cut short:
     * its process runs on in the pod, and Pipeline, if it resumes the build, queues the block's continuation pinned
     * to the agent.
     *
     * @param pipelineResumes false for builds aborted while the controller was down: no continuation is queued
     */
    void restart(boolean pipelineResumes) {
        Map<String, String> saved = new LinkedHashMap<>();
        List<Item> continuations = new ArrayList<>();
        computers.forEach((name, c) -> {
            saved.put(name, xstream.toXML(c.agent));
            if (c.running != null && c.running.task instanceof NodeBlockTask && pipelineResumes) {
                long left = c.running.startedAt + c.running.duration - now;
                continuations.add(new Item(c.running.name, now, new NodeBlockTask(true), name, left));
            }
        });
        computers.clear();
        saved.forEach((name, form) -> {
            KubeAgentsAgent agent = restore(form);
            if (agent.isAcceptingTasks()) {
                addNode(name, agent);
            }
        });
        continuations.forEach(this::enqueue);
    }

    /** What Jenkins writes to {@code nodes/<name>/config.xml} for a new agent of the cloud. */
    static String savedForm(String name) {
        return """
                <io.jenkins.plugins.kubeagents.agents.KubeAgentsAgent>
                  <name>%s</name>
                  <description>Pod kube-ops/%s of template maven (cloud kube)</description>
                  <remoteFS>/home/jenkins/agent</remoteFS>
                  <numExecutors>1</numExecutors>
                  <mode>EXCLUSIVE</mode>
                  <retentionStrategy class="io.jenkins.plugins.kubeagents.agents.OneShotRetention">
                    <idleMinutes>10</idleMinutes>
                  </retentionStrategy>
                  <launcher class="io.jenkins.plugins.kubeagents.agents.KubeAgentsLauncher"/>
                  <label>maven</label>
                  <nodeProperties/>
                  <cloudName>kube</cloudName>
                  <templateName>maven</templateName>
                  <namespace>kube-ops</namespace>
                  <podRetention>NEVER</podRetention>
                </io.jenkins.plugins.kubeagents.agents.KubeAgentsAgent>
                """.formatted(name, name);
    }

    /** An agent read from its saved form, without running a constructor, as XStream does for Jenkins. */
    KubeAgentsAgent restore(String form) {
        return (KubeAgentsAgent) xstream.fromXML(form);
    }
}
