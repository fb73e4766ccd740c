package io.jenkins.plugins.kubeagents.bench;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.Response;
import io.fabric8.mockwebserver.http.WebSocket;
import io.fabric8.mockwebserver.http.WebSocketListener;
import io.jenkins.plugins.kubeagents.cli.SimulatedKubelet.Scenario;
import io.jenkins.plugins.kubeagents.cli.SimulatedKubelet;
import io.jenkins.plugins.kubeagents.engine.cluster.ClusterSettings;
import io.jenkins.plugins.kubeagents.engine.lifecycle.AgentLifecycle;
import io.jenkins.plugins.kubeagents.engine.lifecycle.LaunchOutcome;
import io.jenkins.plugins.kubeagents.engine.lifecycle.LifecycleSettings;
import io.jenkins.plugins.kubeagents.engine.merge.ResolvedTemplate;
import io.jenkins.plugins.kubeagents.engine.render.AgentIdentity;
import io.jenkins.plugins.kubeagents.engine.render.AgentSecrets;
import io.jenkins.plugins.kubeagents.engine.render.PodRenderer;
import io.jenkins.plugins.kubeagents.engine.runtime.CloudRuntime;
import io.jenkins.plugins.kubeagents.engine.template.RetentionPolicy;
import io.jenkins.plugins.kubeagents.engine.template.TemplateDefaults;
import io.jenkins.plugins.kubeagents.provisioning.WarmPools;
import io.jenkins.plugins.kubeagents.testing.Agents;
import io.jenkins.plugins.kubeagents.testing.Engine;
import io.jenkins.plugins.kubeagents.testing.InMemoryControllerLink;
import io.jenkins.plugins.kubeagents.testing.MockCluster;
import io.jenkins.plugins.kubeagents.testing.RecordingDispatcher;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import org.awaitility.Awaitility;
import org.junit.Test;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * The benchmarks and the fault matrix of docs/performance.md, on the fabric8 CRUD mock server with the test
 * kubelet, everything in one JVM. Run with {@code mvn -B -ntp -Pbench test}; not part of the test suite.
 * Timings are the median of 5 runs; comparisons run side by side in the same JVM.
 */
public class PerformanceBench {
    private static final int RUNS = 5;
    /** Memory is not a timing: three runs show it is stable, and each costs 1000 agents. */
    private static final int MEMORY_RUNS = 3;
    // one section alone, while working on it: -Dbench.only=burst (the report file is then left alone)
    private static final ResolvedTemplate MAVEN = Engine.template("maven");
    private final StringBuilder report = new StringBuilder();

    @Test
    public void measureAndWriteTheReport() throws Exception {
        Instant started = Instant.now();
        String only = System.getProperty("bench.only", "");
        if (only.isEmpty() || only.contains("render")) {
            renderCost(); // first: JMH measures in a forked JVM, best while this one is still quiet
        }
        for (Fixture.Server server : Fixture.Server.values()) {
            if (only.isEmpty() || only.contains("requests")) {
                requestsPerLifecycle(server);
            }
            if (only.isEmpty() || only.contains("burst")) {
                burstAgainstTheRawClient(server);
            }
            if (only.isEmpty() || only.contains("cap")) {
                capUnderABurst(server);
            }
            if (only.isEmpty() || only.contains("memory")) {
                memoryPerThousandAgents(server);
            }
        }
        sideBySide();
        if (only.isEmpty() || only.contains("latency")) {
            demandToPostLatency();
        }
        if (only.isEmpty() || only.contains("faults")) {
            faultMatrix();
        }
        if (only.isEmpty() || only.contains("warm")) {
            queueToBuildStart();
        }
        if (only.isEmpty()) {
            write(Duration.between(started, Instant.now()));
        } else {
            System.out.println(report);
        }
    }

    // ---------------------------------------------------------------- API economy

    private void requestsPerLifecycle(Fixture.Server server) {
        section("API requests per agent lifecycle" + on(server),
                "Launch N agents (each: its Secret and pod created, the agent connected), then terminate them and wait "
                        + "until the cluster has none left. Requests the engine sent, counted by the mock server (on the "
                        + "real server: its audit log); the informer's LIST and WATCH are per namespace, not per agent.",
                "| agents | requests per agent | POST | PATCH | DELETE | GET (one object) | LIST | WATCH (per namespace) |",
                "|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (int n : new int[] {1, 50, 500}) {
            try (Fixture f = new Fixture(server)) {
                List<LaunchOutcome> outcomes = launchAll(f.engine, n);
                f.engine.terminateAndAwaitEmpty(outcomes);
                Map<String, Long> v = f.requestsByVerb();
                long perAgent = v.getOrDefault("POST", 0L) + v.getOrDefault("PATCH", 0L) + v.getOrDefault("DELETE", 0L)
                        + v.getOrDefault("GET", 0L);
                if (n == 500) {
                    compare("API requests per agent (500 agents)", server, fmt(perAgent / (double) n));
                }
                row(n, fmt(perAgent / (double) n), v.getOrDefault("POST", 0L), v.getOrDefault("PATCH", 0L),
                        v.getOrDefault("DELETE", 0L), v.getOrDefault("GET", 0L), v.getOrDefault("LIST", 0L), v.getOrDefault("WATCH", 0L));
            }
        }
    }

    // ---------------------------------------------------------------- throughput against the raw client

    private void burstAgainstTheRawClient(Fixture.Server server) throws Exception {
        List<Double> engine = new ArrayList<>();
        List<Double> raw = new ArrayList<>();
        List<Double> ratios = new ArrayList<>();
        for (int warmUp = 0; warmUp < 2; warmUp++) { // unmeasured: the JIT, the mock server's first objects
            engineBurst(200, server);
            rawBurst(200, server);
        }
        for (int run = 0; run < RUNS; run++) {
            engine.add(engineBurst(200, server));
            raw.add(rawBurst(200, server));
            ratios.add(raw.get(run) / engine.get(run));
        }
        double e = median(engine);
        double r = median(raw);
        compare("burst of 200: engine agents/s", server, fmt(200 / e));
        compare("burst of 200: raw fabric8 client agents/s", server, fmt(200 / r));
        compare("burst of 200: ratio engine / raw", server, fmt(median(ratios)));
        section("Burst of 200 agents against the raw fabric8 client" + on(server),
                "Engine: launch 200 agents at once and terminate each as soon as it connected (the kubelet runs each pod "
                        + "and connects its agent), until the watch confirms every pod gone. Raw client: the least "
                        + "any client can do for the same agents, from 4 threads (as many as the engine's API calls use): POST the Secret and the pod, wait in "
                        + "memory (no API call) until the kubelet has run the pod and its agent connected, DELETE pod and "
                        + "Secret. Same server and kubelet, two unmeasured warm-up runs of each, then alternating runs; ratio = engine throughput / raw throughput, "
                        + "the median of the ratios of each pair of neighbouring runs (the machine's drift cancels within a pair).",
                "| | median of " + RUNS + " (s) | agents/s | runs (s) |", "|---|---:|---:|---|");
        row("kube-agents engine", fmt(e), fmt(200 / e), list(engine));
        row("raw fabric8 client", fmt(r), fmt(200 / r), list(raw));
        row("**ratio**", "", "**" + fmt(median(ratios)) + "**", list(ratios));
    }

    /** Each agent is terminated as soon as it connected, as the raw client deletes each pod as soon as it can. */
    private double engineBurst(int n, Fixture.Server server) {
        try (Fixture f = new Fixture(server)) {
            long t0 = System.nanoTime();
            List<CompletableFuture<Void>> done = IntStream.range(0, n).mapToObj(i -> f.engine.launch(MAVEN)
                    .thenCompose(o -> f.engine.lifecycle.terminate(Agents.NAMESPACE, o.agentName(), RetentionPolicy.NEVER,
                            !o.isConnected()))).toList();
            Engine.await(CompletableFuture.allOf(done.toArray(CompletableFuture[]::new)));
            return seconds(System.nanoTime() - t0);
        }
    }

    /**
     * The least any client can do for the same agents: POST the Secret and the pod, wait (without asking the API)
     * until the kubelet has run the pod and its agent connected, then DELETE both.
     */
    private double rawBurst(int n, Fixture.Server server) throws Exception {
        try (Fixture f = new Fixture(server)) {
            KubernetesClient client = f.client();
            PodRenderer renderer = new PodRenderer(TemplateDefaults.STANDARD);
            List<AgentIdentity> agents = IntStream.range(0, n).mapToObj(i -> Agents.identity("maven", AgentIdentity.newAgentName("maven"))).toList();
            List<Pod> pods = agents.stream().map(a -> renderer.render(MAVEN, a, Agents.TCP)).toList();
            Map<String, CompletableFuture<Void>> connected = new java.util.concurrent.ConcurrentHashMap<>();
            agents.forEach(a -> {
                f.engine.controller.addAgent(a.agentName());
                connected.put(a.agentName(), new CompletableFuture<>());
            });
            f.engine.controller.onConnect(name -> connected.get(name).complete(null));
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                long t0 = System.nanoTime();
                List<CompletableFuture<Void>> done = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    AgentIdentity a = agents.get(i);
                    Pod pod = pods.get(i);
                    done.add(CompletableFuture.runAsync(() -> {
                        client.resource(AgentSecrets.secretFor(a, "secret")).create();
                        client.resource(pod).create();
                    }, pool).thenCompose(created -> connected.get(a.agentName())).thenRunAsync(() -> {
                        client.pods().inNamespace(a.namespace()).withName(a.agentName()).delete();
                        client.secrets().inNamespace(a.namespace()).withName(a.agentName()).delete();
                    }, pool));
                }
                CompletableFuture.allOf(done.toArray(CompletableFuture[]::new)).get(5, TimeUnit.MINUTES);
                return seconds(System.nanoTime() - t0);
            } finally {
                pool.shutdownNow();
            }
        }
    }

    // ---------------------------------------------------------------- caps

    private void capUnderABurst(Fixture.Server server) {
        List<Double> times = new ArrayList<>();
        List<Integer> maxAlive = new ArrayList<>();
        List<Integer> served = new ArrayList<>();
        for (int run = 0; run < RUNS; run++) {
            try (Fixture f = new Fixture(server)) {
                long t0 = System.nanoTime();
                served.add(serveQueue(f, 500, 50));
                times.add(seconds(System.nanoTime() - t0));
                maxAlive.add(f.maxAlive.get());
            }
        }
        compare("cap 50, 500 jobs: most pods alive at once", server, String.valueOf(Collections.max(maxAlive)));
        compare("cap 50, 500 jobs: total time (s)", server, fmt(median(times)));
        section("Cap 50 under a burst of 500 queued jobs" + on(server),
                "500 jobs are queued at once for a cloud capped at 50 pods. A loop plays Jenkins' provisioner: it asks the "
                        + "capacity planner for as many agents as jobs wait, launches them, runs a job on each agent that "
                        + "connects and terminates it. The most pods alive is what a separate watch on the cluster saw.",
                "| | median of " + RUNS + " | runs |", "|---|---:|---|");
        row("most pods alive at once", Collections.max(maxAlive), list(maxAlive));
        row("jobs served", median(served.stream().map(Integer::doubleValue).toList()).intValue(), list(served));
        row("total time (s)", fmt(median(times)), list(times));
    }

    /** Jenkins' part, played: plan for the waiting jobs, launch, serve one job per connected agent, terminate. */
    private static int serveQueue(Fixture f, int jobs, int cap) {
        InMemoryControllerLink controller = f.engine.controller;
        try (CloudRuntime runtime = CloudRuntime.start(Agents.CLOUD, ClusterSettings.inCluster(Agents.NAMESPACE),
                f.config(), controller, LifecycleSettings.STANDARD)) {
            controller.onConnect(runtime::agentConnected);
            AtomicInteger served = new AtomicInteger();
            AtomicInteger inFlight = new AtomicInteger();
            Semaphore changed = new Semaphore(0);
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
            while (served.get() < jobs && System.nanoTime() < deadline) {
                int waiting = jobs - served.get() - inFlight.get();
                if (waiting > 0) {
                    for (String name : runtime.plan(MAVEN.spec(), waiting, cap, 0).agentNames()) {
                        controller.addAgent(name);
                        inFlight.incrementAndGet();
                        runtime.launch(MAVEN, name).thenAccept(outcome -> {
                            CompletableFuture<Void> end = outcome.isConnected()
                                    ? runtime.terminate(Agents.NAMESPACE, name, RetentionPolicy.NEVER, false)
                                    : CompletableFuture.completedFuture(null);
                            end.whenComplete((v, e) -> {
                                if (outcome.isConnected()) {
                                    served.incrementAndGet();
                                }
                                inFlight.decrementAndGet();
                                controller.removeAgent(name);
                                changed.release();
                            });
                        });
                    }
                }
                try {
                    changed.tryAcquire(1, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            return served.get();
        }
    }

    // ---------------------------------------------------------------- memory

    /**
     * A second engine (as after a restart) starts on a namespace that already holds 1000 connected agents' pods, and
     * another on an empty namespace; the difference of what each added to the heap is what the agents cost.
     */
    private void memoryPerThousandAgents(Fixture.Server server) {
        List<Double> perAgent = new ArrayList<>();
        List<Double> fixed = new ArrayList<>();
        for (int run = 0; run < MEMORY_RUNS; run++) {
            try (Fixture f = new Fixture(server)) {
                launchAll(f.engine, 1000);
                long before = usedHeapAfterGc();
                try (AgentLifecycle empty = engineOn(f, "empty")) {
                    long withEmpty = usedHeapAfterGc();
                    try (AgentLifecycle full = engineOn(f, Agents.NAMESPACE)) {
                        Awaitility.await().atMost(Engine.patience()).until(() -> full.cachedPods().size() == 1000);
                        long withFull = usedHeapAfterGc();
                        long oneEngine = withEmpty - before;
                        fixed.add(oneEngine / 1024.0 / 1024.0);
                        perAgent.add((withFull - withEmpty - oneEngine) / 1000.0 / 1024.0);
                    }
                }
            }
        }
        compare("engine memory per 1000 live agents (MiB)", server, fmt(median(perAgent) * 1000 / 1024));
        section("Engine memory per 1000 live agents" + on(server),
                "A namespace holds 1000 connected agents' pods. Heap used after GC, measured before and after starting "
                        + "one more engine (its own client and informer) on an empty namespace, then one on the agents' "
                        + "namespace: the second costs the first's fixed amount plus its cache of the 1000 pods.",
                "| | median of " + MEMORY_RUNS + " | runs |", "|---|---:|---|");
        row("KiB per live agent", fmt(median(perAgent)), list(perAgent));
        row("MiB per 1000 live agents", fmt(median(perAgent) * 1000 / 1024), "");
        row("MiB for an engine with no agents", fmt(median(fixed)), list(fixed));
    }

    private static AgentLifecycle engineOn(Fixture f, String namespace) {
        AgentLifecycle lifecycle = new AgentLifecycle(f.client(), f.engine.controller, Agents.CLOUD, TemplateDefaults.STANDARD,
                LifecycleSettings.STANDARD, f.engine.clock);
        lifecycle.watch(namespace);
        return lifecycle;
    }

    private static long usedHeapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    // ---------------------------------------------------------------- latency

    private void demandToPostLatency() {
        List<Double> millis = new ArrayList<>();
        for (int run = 0; run < RUNS; run++) {
            try (Fixture f = new Fixture()) {
                InMemoryControllerLink controller = f.engine.controller;
                try (CloudRuntime runtime = CloudRuntime.start(Agents.CLOUD, ClusterSettings.inCluster(Agents.NAMESPACE),
                        f.cluster.config(), controller, LifecycleSettings.STANDARD)) {
                    controller.onConnect(runtime::agentConnected);
                    for (int i = 0; i < 21; i++) {
                        int postsBefore = podPosts(f.cluster.dispatcher()).size();
                        long t0 = System.nanoTime();
                        String name = runtime.plan(MAVEN.spec(), 1, 0, 0).agentNames().get(0);
                        controller.addAgent(name);
                        LaunchOutcome outcome = runtime.launch(MAVEN, name).join();
                        long posted = podPosts(f.cluster.dispatcher()).get(postsBefore).atNanos();
                        if (i > 0) { // the first launch also starts the informer and the secret sweep
                            millis.add((posted - t0) / 1e6);
                        }
                        runtime.terminate(Agents.NAMESPACE, outcome.agentName(), RetentionPolicy.NEVER, false).join();
                    }
                }
            }
        }
        Collections.sort(millis);
        section("Engine-side latency from demand to the pod's POST",
                "From the capacity planner's call to the mock server receiving the pod's POST (the agent's Secret is "
                        + "POSTed first); 20 sequential launches per run after one warm-up, " + RUNS + " runs.",
                "| median (ms) | p90 (ms) | max (ms) | samples |", "|---:|---:|---:|---:|");
        row(fmt(median(millis)), fmt(millis.get((int) (millis.size() * 0.9))), fmt(millis.get(millis.size() - 1)), millis.size());
    }

    // ---------------------------------------------------------------- warm pools

    private static final int POOL_BUILDS = 20;
    private static final Duration POD_START = Duration.ofSeconds(5);

    private void queueToBuildStart() {
        section("Queue to build start, cold and warm",
                "One template; the simulated kubelet starts each pod " + POD_START.toSeconds() + " s after it is created; "
                        + "builds run 0.2 s on one-shot agents. Jenkins' part is played in real time by QueueHarness (the "
                        + "no-delay strategy's planning, an idle agent taking the oldest build, the warm pool kept as "
                        + "WarmPools keeps it). " + POOL_BUILDS + " builds one after another (each queued when the previous "
                        + "ended) and a burst of " + POOL_BUILDS + " queued at once, with `minIdle` 0, 5 and 20, each on a "
                        + "fresh cluster once the pool is full. Pods per build: pods created from the first build's "
                        + "queueing until every build has run and the pool is full again, divided by " + POOL_BUILDS + ".",
                "| builds | minIdle | median (ms) | p90 (ms) | max (ms) | pods per build |", "|---|---:|---:|---:|---:|---:|");
        for (boolean burst : new boolean[] {false, true}) {
            for (int minIdle : new int[] {0, 5, 20}) {
                poolRun(burst, minIdle);
            }
        }
    }

    private void poolRun(boolean burst, int minIdle) {
        ResolvedTemplate template = Engine.template("maven", spec -> spec.minIdle(minIdle));
        try (MockCluster cluster = MockCluster.started()) {
            InMemoryControllerLink controller = new InMemoryControllerLink(Agents.CONTROLLER_ID);
            try (CloudRuntime runtime = CloudRuntime.start(Agents.CLOUD, ClusterSettings.inCluster(Agents.NAMESPACE),
                    cluster.config(), controller, LifecycleSettings.STANDARD);
                    SimulatedKubelet kubelet = new SimulatedKubelet(cluster.kubeletClient(), Agents.NAMESPACE, controller::connect);
                    QueueHarness jenkins = new QueueHarness(runtime, controller, template, 200)) {
                kubelet.startDelay(POD_START);
                jenkins.keepWarm();
                Awaitility.await().atMost(Duration.ofMinutes(2)).until(() -> jenkins.readyWarmAgents() == minIdle);
                int podsBefore = podPosts(cluster.dispatcher()).size();
                List<QueueHarness.Build> builds = new ArrayList<>();
                for (int i = 0; i < POOL_BUILDS; i++) {
                    QueueHarness.Build build = jenkins.queue();
                    builds.add(build);
                    if (!burst) {
                        Awaitility.await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(10)).until(() -> build.done);
                    }
                }
                Awaitility.await().atMost(Duration.ofMinutes(2)).until(() -> builds.stream().allMatch(b -> b.done)
                        && jenkins.readyWarmAgents() == minIdle && jenkins.startingAgents() == 0);
                List<Double> waits = QueueHarness.waits(builds).stream().map(seconds -> seconds * 1000).sorted().toList();
                int pods = podPosts(cluster.dispatcher()).size() - podsBefore;
                row(burst ? "burst of " + POOL_BUILDS : POOL_BUILDS + " one after another", minIdle, fmt(median(waits)),
                        fmt(waits.get((int) Math.ceil(waits.size() * 0.9) - 1)), fmt(waits.get(waits.size() - 1)),
                        fmt(pods / (double) POOL_BUILDS));
            }
        }
    }

    private static List<RecordingDispatcher.Request> podPosts(RecordingDispatcher dispatcher) {
        return dispatcher.requests(MockCluster.KUBELET_AGENT).stream()
                .filter(r -> r.verb().equals("POST") && r.path().endsWith("/pods")).toList();
    }

    // ---------------------------------------------------------------- render (JMH)

    private void renderCost() throws Exception {
        RunResult result = new Runner(new OptionsBuilder().include(RenderBenchmark.class.getName())
                .forks(1).warmupIterations(20).warmupTime(TimeValue.seconds(1))
                .measurementIterations(RUNS).measurementTime(TimeValue.seconds(1)).build()).runSingle();
        var stats = result.getPrimaryResult().getStatistics();
        section("Cost of rendering one pod",
                "JMH (1 fork, 20 warm-up and " + RUNS + " measured iterations of 1 s): resolve a template with two levels "
                        + "of inheritance and raw YAML at two levels (one merged), and render its pod.",
                "| median (µs/op) | mean ± 99.9% error (µs/op) |", "|---:|---:|");
        row(fmt(stats.getPercentile(50)), fmt(stats.getMean()) + " ± " + fmt(result.getPrimaryResult().getScoreError()));
    }

    // ---------------------------------------------------------------- faults

    private void faultMatrix() throws Exception {
        section("Fault matrix",
                "50 jobs per row, one agent each; after the jobs, every agent is terminated and the cluster is given a "
                        + "minute to empty. Duplicate pods: pods created beyond one per launch. Leaked: pods and Secrets "
                        + "of ours left in the cluster. Time to recover: from the fault's end (or the start, for faults "
                        + "that last) until every job was served.",
                "| fault | jobs served | duplicate pods | leaked pods + Secrets | time to recover (s) |",
                "|---|---:|---:|---:|---:|");
        faultRow("20% of POSTs answered 500", f -> f.cluster.dispatcher().fault("POST", ".*/(pods|secrets)", n -> n % 5 == 0,
                () -> status(500, "etcdserver: request timed out")), 0);
        faultRow("429 with Retry-After: 1 on every 4th POST", f -> f.cluster.dispatcher().fault("POST", ".*/(pods|secrets)",
                n -> n % 4 == 0, () -> status(429, "Too many requests, please try again later.", ",\"details\":{\"retryAfterSeconds\":1}")
                        .addHeader("Retry-After", "1")), 0);
        ScheduledExecutorService cutter = Executors.newSingleThreadScheduledExecutor();
        try {
            faultRow("watches dropped every 5 s (410 Gone)", f -> f.cluster.dispatcher().fault(
                    r -> r.getPath().contains("watch=true") && !String.valueOf(r.getHeader("User-Agent")).startsWith(MockCluster.KUBELET_AGENT),
                    n -> true, () -> cutAfter(cutter, Duration.ofSeconds(5))), 10);
        } finally {
            cutter.shutdownNow();
        }
        long[] liftAt = new long[1];
        faultRow("quota 403 for 3 s, then lifted", f -> {
            liftAt[0] = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
            f.cluster.dispatcher().fault("POST", ".*/pods", n -> System.nanoTime() < liftAt[0], () -> status(403,
                    "pods \"x\" is forbidden: exceeded quota: agents, requested: pods=1, used: pods=10, limited: pods=10"));
        }, 0, () -> liftAt[0]);
        crashAndRestartRow();
    }

    private void faultRow(String name, Consumer<Fixture> fault, int spreadSeconds) {
        faultRow(name, fault, spreadSeconds, null);
    }

    /** Launches 50 agents (spread over {@code spreadSeconds}), terminates them, and measures the row. */
    private void faultRow(String name, Consumer<Fixture> fault, int spreadSeconds, java.util.function.LongSupplier faultEnds) {
        try (Fixture f = new Fixture()) {
            fault.accept(f);
            long t0 = System.nanoTime();
            List<CompletableFuture<LaunchOutcome>> launches = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                long delayMillis = spreadSeconds * 1000L * (i / 5) / 10; // ten waves of five over the spread
                launches.add(CompletableFuture.supplyAsync(() -> f.engine.launch(MAVEN),
                        CompletableFuture.delayedExecutor(delayMillis, TimeUnit.MILLISECONDS)).thenCompose(l -> l));
            }
            List<LaunchOutcome> outcomes = launches.stream().map(Engine::await).toList();
            long served = System.nanoTime();
            long from = faultEnds == null ? t0 : Math.max(t0, faultEnds.getAsLong());
            long connected = outcomes.stream().filter(LaunchOutcome::isConnected).count();
            f.cluster.dispatcher().clearFaults();
            finish(f, outcomes);
            row(name, connected + "/50", f.created.size() - 50, f.leftovers(), fmt(seconds(served - from)));
        }
    }

    /** The controller dies mid-burst; a new one sweeps what the old left and serves the jobs again. */
    private void crashAndRestartRow() {
        try (Fixture f = new Fixture()) {
            // the API server stops taking pods after 20, so the crash finds 50 Secrets and 20 pods mid-launch
            f.cluster.dispatcher().fault("POST", ".*/pods", n -> n > 20, () -> status(500, "etcdserver: leader changed"));
            for (int i = 0; i < 50; i++) {
                f.engine.launch(MAVEN);
            }
            Awaitility.await().atMost(Engine.patience()).until(() -> f.created.size() == 20 && f.engine.secrets().size() == 50);
            f.engine.close();
            f.cluster.dispatcher().clearFaults();
            int launchedBeforeCrash = f.created.size();
            long restart = System.nanoTime();
            InMemoryControllerLink controller = new InMemoryControllerLink(Agents.CONTROLLER_ID);
            SimulatedKubelet kubelet = new SimulatedKubelet(f.cluster.kubeletClient(), Agents.NAMESPACE, controller::connect);
            f.kubelet.scenarios(pod -> Scenario.STAYS_PENDING); // the old kubelet leaves the new pods alone
            try (CloudRuntime runtime = CloudRuntime.start(Agents.CLOUD, ClusterSettings.inCluster(Agents.NAMESPACE),
                    f.cluster.config(), controller, LifecycleSettings.STANDARD)) {
                controller.onConnect(runtime::agentConnected);
                runtime.sweep(Set.of(), Set.of()).join();
                List<CompletableFuture<LaunchOutcome>> launches = new ArrayList<>();
                for (int i = 0; i < 50; i++) {
                    String agentName = AgentIdentity.newAgentName("maven");
                    controller.addAgent(agentName);
                    launches.add(runtime.launch(MAVEN, agentName));
                }
                List<LaunchOutcome> outcomes = launches.stream().map(Engine::await).toList();
                long served = System.nanoTime();
                CompletableFuture.allOf(outcomes.stream().map(o -> runtime.terminate(Agents.NAMESPACE, o.agentName(),
                        RetentionPolicy.NEVER, false)).toArray(CompletableFuture[]::new)).join();
                awaitEmpty(f);
                long connected = outcomes.stream().filter(LaunchOutcome::isConnected).count();
                row("engine discarded mid-burst (" + launchedBeforeCrash + " pods up) and restarted", connected + "/50",
                        f.created.size() - launchedBeforeCrash - 50, f.leftovers(), fmt(seconds(served - restart)));
            } finally {
                kubelet.close();
            }
        }
    }

    private static void finish(Fixture f, List<LaunchOutcome> outcomes) {
        CompletableFuture.allOf(outcomes.stream().map(o -> f.engine.lifecycle.terminate(Agents.NAMESPACE, o.agentName(),
                RetentionPolicy.NEVER, !o.isConnected())).toArray(CompletableFuture[]::new)).join();
        awaitEmpty(f);
    }

    private static void awaitEmpty(Fixture f) {
        try {
            Awaitility.await().atMost(Duration.ofMinutes(1)).until(() -> f.leftovers() == 0);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            // reported as leaked
        }
    }

    private static MockResponse status(int code, String message) {
        return status(code, message, "");
    }

    private static MockResponse status(int code, String message, String moreJson) {
        return new MockResponse().setResponseCode(code).setBody("{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\","
                + "\"code\":" + code + ",\"message\":\"" + message.replace("\"", "\\\"") + "\"" + moreJson + "}");
    }

    private static MockResponse cutAfter(ScheduledExecutorService cutter, Duration after) {
        return new MockResponse().withWebSocketUpgrade(new WebSocketListener() {
            @Override
            public void onOpen(WebSocket socket, Response response) {
                cutter.schedule(() -> {
                    socket.send("{\"type\":\"ERROR\",\"object\":{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\","
                            + "\"code\":410,\"reason\":\"Expired\",\"message\":\"too old resource version\"}}");
                    socket.close(1000, "expired");
                }, after.toMillis(), TimeUnit.MILLISECONDS);
            }
        });
    }

    // ---------------------------------------------------------------- helpers

    private static List<LaunchOutcome> launchAll(Engine engine, int n) {
        List<CompletableFuture<LaunchOutcome>> launches = IntStream.range(0, n).mapToObj(i -> engine.launch(MAVEN)).toList();
        return launches.stream().map(Engine::await).toList();
    }

    /** Each compared figure: the mock's, then the real server's. */
    private final Map<String, String[]> compared = new java.util.LinkedHashMap<>();

    private void compare(String figure, Fixture.Server server, String value) {
        compared.computeIfAbsent(figure, k -> new String[2])[server.ordinal()] = value;
    }

    private static String on(Fixture.Server server) {
        return server == Fixture.Server.REAL ? ", on the real API server" : "";
    }

    private void sideBySide() {
        if (compared.isEmpty()) {
            return;
        }
        section("The mock and the real API server side by side",
                "The same measurements on fabric8's CRUD mock and on a real kube-apiserver 1.37.2 with etcd and "
                        + "kube-controller-manager (built from Go modules by test-cluster/build.sh, on this machine, etcd "
                        + "without fsync), in this run; details in the sections above. On the real server the simulated "
                        + "kubelet binds each pod and writes its status through the API, and confirms deletions.",
                "| | mock | real API server |", "|---|---:|---:|");
        compared.forEach((figure, values) -> row(figure, values[0] == null ? "" : values[0], values[1] == null ? "" : values[1]));
    }

    private void section(String title, String how, String header, String rule) {
        report.append("\n## ").append(title).append("\n\n").append(how).append("\n\n").append(header).append('\n').append(rule).append('\n');
    }

    private void row(Object... cells) {
        report.append('|');
        for (Object c : cells) {
            report.append(' ').append(c).append(" |");
        }
        report.append('\n');
    }

    private void write(Duration took) throws IOException {
        String machine = Runtime.getRuntime().availableProcessors() + " CPUs, " + System.getProperty("os.name") + " "
                + System.getProperty("os.arch") + ", Java " + System.getProperty("java.version") + " ("
                + System.getProperty("java.vm.name") + "), max heap " + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MiB";
        String head = "# Performance\n\nMeasured by `mvn -B -ntp -Pbench test` (src/test/java/io/jenkins/plugins/kubeagents/bench/)"
                + " on " + LocalDate.now() + ", on " + machine + "; the whole command took " + took.toSeconds() + " s.\n\n"
                + "The engine and the simulated kubelet that moves pods through their phases (and connects their agents) "
                + "run in one JVM, against the fabric8 CRUD mock API server in the same JVM or, in the sections so marked, "
                + "a real kube-apiserver, etcd and kube-controller-manager on this machine. Absolute times are those of "
                + "this machine and of that server; the request counts, caps and leak counts do not depend on either.\n";
        Files.writeString(Path.of("docs/performance.md"), head + report);
        System.out.println(head + report);
    }

    private static <T extends Number> Double median(List<T> values) {
        List<Double> sorted = values.stream().map(Number::doubleValue).sorted().toList();
        return sorted.get(sorted.size() / 2);
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }

    private static String fmt(double v) {
        return String.format(java.util.Locale.ROOT, v >= 100 ? "%.0f" : v >= 10 ? "%.1f" : "%.2f", v);
    }

    private static String list(List<? extends Number> values) {
        return String.join(", ", values.stream().map(v -> v instanceof Integer ? v.toString() : fmt(v.doubleValue())).toList());
    }
}
