package io.jenkins.plugins.kubeagents.pages;

import io.fabric8.kubernetes.api.model.Pod;
import io.jenkins.plugins.kubeagents.engine.capacity.LaunchBreaker;
import io.jenkins.plugins.kubeagents.engine.lifecycle.PodClassifier;
import io.jenkins.plugins.kubeagents.engine.metrics.Histogram;
import io.jenkins.plugins.kubeagents.engine.metrics.LaunchRecord;
import io.jenkins.plugins.kubeagents.engine.metrics.LaunchStats;
import io.jenkins.plugins.kubeagents.engine.metrics.Phase;
import io.jenkins.plugins.kubeagents.engine.render.OwnLabels;
import io.jenkins.plugins.kubeagents.engine.runtime.CloudRuntime;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What the cloud's status page and its JSON show, as one tree of maps, lists, texts and numbers: the page reads it
 * with Jelly ({@code ${pod.name}}), the JSON is the same tree. Built from the engine's figures and what Jenkins
 * knows of each agent; nothing in it is secret (no token, no agent secret, no pod spec).
 */
public final class CloudReport {
    /** A template as configured: its name, its cap, and its pause if its launches keep failing. */
    public record TemplateLimits(String name, Integer instanceCap, Optional<LaunchBreaker.Pause> pause) {}

    /**
     * One agent as Jenkins knows it.
     *
     * @param build the build it runs, or null; {@code buildUrl} relative to Jenkins' root
     * @param timeline its pod's launch timeline, or null while it launches
     */
    public record AgentState(boolean connected, boolean busy, boolean warm, String build, String buildUrl, String timeline) {}

    private CloudReport() {}

    public static Map<String, Object> of(String cloud, int containerCap, List<TemplateLimits> templates, CloudRuntime runtime,
            Map<String, AgentState> agents, Instant now) {
        List<Pod> pods = runtime.pods();
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("cloud", map("name", cloud, "containerCap", cap(containerCap == 0 ? null : containerCap),
                "podsAlive", pods.size(), "capUse", use(pods.size(), containerCap == 0 ? null : containerCap)));
        report.put("templates", templates.stream().map(t -> template(t, cloud, pods, agents)).toList());
        report.put("pods", pods.stream().map(p -> pod(p, agents, now)).toList());
        report.put("launches", runtime.stats().recent().stream().map(r -> launch(r, now)).toList());
        report.put("latency", latency(runtime.stats()));
        report.put("requests", runtime.requests().counts().entrySet().stream()
                .map(e -> map("request", e.getKey(), "count", e.getValue())).toList());
        report.put("retries", runtime.retries());
        report.put("throttled", runtime.requests().throttled());
        return report;
    }

    private static Map<String, Object> template(TemplateLimits t, String cloud, List<Pod> pods, Map<String, AgentState> agents) {
        List<Pod> own = pods.stream().filter(p -> OwnLabels.labelValue(t.name()).equals(label(p, OwnLabels.TEMPLATE))).toList();
        List<AgentState> ownAgents = own.stream().map(p -> agents.get(p.getMetadata().getName())).filter(a -> a != null).toList();
        long connected = ownAgents.stream().filter(AgentState::connected).count();
        long busy = ownAgents.stream().filter(AgentState::busy).count();
        return map("name", t.name(),
                "pending", own.stream().filter(p -> phase(p).equals("Pending")).count(),
                "running", own.stream().filter(p -> phase(p).equals("Running")).count(),
                "terminating", own.stream().filter(p -> phase(p).equals("Terminating")).count(),
                "connected", connected, "busy", busy, "idle", connected - busy,
                "warm", ownAgents.stream().filter(AgentState::warm).count(),
                "instanceCap", cap(t.instanceCap()), "capUse", use(own.size(), t.instanceCap()),
                "breaker", t.pause().map(p -> p.whyWaiting(cloud)).orElse("closed"));
    }

    private static Map<String, Object> pod(Pod pod, Map<String, AgentState> agents, Instant now) {
        String name = pod.getMetadata().getName();
        Optional<AgentState> agent = Optional.ofNullable(agents.get(name));
        String created = pod.getMetadata().getCreationTimestamp();
        return map("name", name, "template", label(pod, OwnLabels.TEMPLATE), "phase", phase(pod),
                "state", PodClassifier.observe(pod).detail(),
                "age", created == null ? "" : TimeText.span(Duration.between(Instant.parse(created), now)),
                "createdAt", created == null ? "" : created,
                "node", pod.getSpec() == null || pod.getSpec().getNodeName() == null ? "" : pod.getSpec().getNodeName(),
                "build", agent.map(AgentState::build).orElse(""), "buildUrl", agent.map(AgentState::buildUrl).orElse(""),
                "timeline", agent.map(AgentState::timeline).orElse(""));
    }

    private static Map<String, Object> launch(LaunchRecord r, Instant now) {
        return map("agent", r.agent(), "template", r.template(), "outcome", r.outcome(),
                "message", r.message() == null ? "" : r.message(), "ended", TimeText.ago(r.endedAt(), now),
                "endedAt", r.endedAt().truncatedTo(ChronoUnit.SECONDS).toString(),
                "phases", r.phases().entrySet().stream().map(e -> e.getKey().description() + " " + TimeText.span(e.getValue()))
                        .collect(Collectors.joining("; ")));
    }

    private static List<Map<String, Object>> latency(LaunchStats stats) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (String template : stats.templates()) {
            for (Phase phase : Phase.values()) {
                Histogram h = stats.latency(template, phase);
                if (h.count() > 0) {
                    rows.add(map("template", template, "phase", phase.description(), "count", h.count(),
                            "p50", TimeText.span(h.quantile(0.5)), "p90", TimeText.span(h.quantile(0.9)),
                            "p99", TimeText.span(h.quantile(0.99)), "max", TimeText.span(h.max())));
                }
            }
        }
        return rows;
    }

    private static String phase(Pod pod) {
        if (pod.getMetadata().getDeletionTimestamp() != null) {
            return "Terminating";
        }
        return pod.getStatus() == null || pod.getStatus().getPhase() == null ? "Pending" : pod.getStatus().getPhase();
    }

    private static String label(Pod pod, String key) {
        Map<String, String> labels = pod.getMetadata().getLabels();
        return labels == null ? "" : labels.getOrDefault(key, "");
    }

    private static String cap(Integer cap) {
        return cap == null || cap == 0 ? "none" : cap.toString();
    }

    private static String use(int alive, Integer cap) {
        return cap == null || cap == 0 ? alive + " alive" : alive + " of " + cap;
    }

    private static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return m;
    }
}
