package io.jenkins.plugins.kubeagents.render;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The labels kube-agents puts on every pod and Secret it creates. The informer selects on the first two, so
 * only our own objects, of this controller, are ever watched or swept.
 */
public final class OwnLabels {
    public static final String MANAGED_BY = "app.kubernetes.io/managed-by";
    public static final String MANAGED_BY_VALUE = "kube-agents";
    public static final String PREFIX = "kube-agents.jenkins.io/";
    public static final String CONTROLLER = PREFIX + "controller";
    public static final String CLOUD = PREFIX + "cloud";
    public static final String TEMPLATE = PREFIX + "template";
    /** Set on a pod kept by the retention policy: the sweep and the capacity count leave it alone. */
    public static final String RETAINED = PREFIX + "retained";

    /** Label key prefixes a template may not set itself. */
    public static final Set<String> RESERVED = Set.of(PREFIX, MANAGED_BY);

    private OwnLabels() {}

    /** Labels of an agent's pod and Secret. */
    public static Map<String, String> of(AgentIdentity agent) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(MANAGED_BY, MANAGED_BY_VALUE);
        labels.put(CONTROLLER, agent.controllerId());
        labels.put(CLOUD, labelValue(agent.cloudName()));
        labels.put(TEMPLATE, labelValue(agent.templateName()));
        return labels;
    }

    /** What the informer and the sweep select on: ours, and this controller's. */
    public static Map<String, String> selector(String controllerId) {
        return Map.of(MANAGED_BY, MANAGED_BY_VALUE, CONTROLLER, controllerId);
    }

    /**
     * Any name as a label value: at most 63 of [A-Za-z0-9-_.], alphanumeric at both ends. Lower-cased so that
     * the same name always gives the same value; characters outside the set become '-'.
     */
    public static String labelValue(String name) {
        String v = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]", "-");
        if (v.length() > 63) {
            v = v.substring(0, 63);
        }
        return v.replaceAll("^[^a-z0-9]+", "").replaceAll("[^a-z0-9]+$", "");
    }
}
