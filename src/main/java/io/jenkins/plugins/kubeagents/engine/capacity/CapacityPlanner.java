package io.jenkins.plugins.kubeagents.engine.capacity;

import io.fabric8.kubernetes.api.model.Pod;
import io.jenkins.plugins.kubeagents.engine.render.AgentIdentity;
import io.jenkins.plugins.kubeagents.engine.render.OwnLabels;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Decides how many agent pods may start now under the cloud's and the template's caps.
 *
 * <p>The informer cache lags our own writes, so a pod we just asked for may not be in it yet: each granted agent
 * is reserved by name until the cache shows its pod (then the pod counts) or its launch is given up. Counting the
 * union of cached pod names and reserved names counts every agent once. One lock makes concurrent plans add up:
 * no interleaving can exceed a cap.
 */
public final class CapacityPlanner {
    private final Supplier<List<Pod>> cachedPods;
    private final Map<String, Reservation> reservations = new HashMap<>();

    private record Reservation(String cloud, String template) {}

    /** How many agents to start, and their names; {@code limitedBy} says which cap stopped more, if any. */
    public record Plan(List<String> agentNames, String limitedBy) {}

    public CapacityPlanner(Supplier<List<Pod>> cachedPods) {
        this.cachedPods = cachedPods;
    }

    /**
     * Reserves up to {@code demand} new agents of a template.
     *
     * @param cloudCap most agent pods of the cloud at once; 0 for no cap
     * @param templateCap most agent pods of the template at once; 0 for no cap
     */
    public synchronized Plan plan(String cloud, String template, int demand, int cloudCap, int templateCap) {
        Set<String> cloudAgents = new HashSet<>();
        Set<String> templateAgents = new HashSet<>();
        String cloudLabel = OwnLabels.cloudValue(cloud);
        String templateLabel = OwnLabels.labelValue(template);
        for (Pod pod : cachedPods.get()) {
            Map<String, String> labels = pod.getMetadata().getLabels();
            if (labels == null || OwnLabels.isRetained(pod) || !cloudLabel.equals(labels.get(OwnLabels.CLOUD))) {
                continue;
            }
            String name = pod.getMetadata().getName();
            reservations.remove(name);
            cloudAgents.add(name);
            if (templateLabel.equals(labels.get(OwnLabels.TEMPLATE))) {
                templateAgents.add(name);
            }
        }
        reservations.forEach((name, r) -> {
            if (r.cloud.equals(cloud)) {
                cloudAgents.add(name);
                if (r.template.equals(template)) {
                    templateAgents.add(name);
                }
            }
        });
        int byCloud = cloudCap > 0 ? cloudCap - cloudAgents.size() : Integer.MAX_VALUE;
        int byTemplate = templateCap > 0 ? templateCap - templateAgents.size() : Integer.MAX_VALUE;
        int granted = Math.max(0, Math.min(demand, Math.min(byCloud, byTemplate)));
        String limitedBy = granted == demand ? null
                : byCloud <= byTemplate ? "the cloud's container cap of " + cloudCap + " is reached"
                : "template " + template + "'s instance cap of " + templateCap + " is reached";
        List<String> names = new ArrayList<>();
        for (int i = 0; i < granted; i++) {
            String name = AgentIdentity.newAgentName(template);
            reservations.put(name, new Reservation(cloud, template));
            names.add(name);
        }
        return new Plan(names, limitedBy);
    }

    /**
     * Executors still missing for a label's queue: queued items minus everything that will soon take them
     * (idle executors, agents connecting, nodes planned in earlier rounds or this one). Never negative.
     */
    public static int unmetDemand(int queueLength, int availableExecutors, int connectingExecutors, int plannedCapacity,
            int additionalPlannedCapacity) {
        return Math.max(0, queueLength - availableExecutors - connectingExecutors - plannedCapacity - additionalPlannedCapacity);
    }

    /** The agent will not start, or its pod is gone: stop counting it. */
    public synchronized void release(String agentName) {
        reservations.remove(agentName);
    }
}
