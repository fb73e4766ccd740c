package io.jenkins.plugins.kubeagents.engine.render;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The labels kube-agents puts on every pod and Secret it creates. A cloud's engine selects on the first three, so
 * it only ever watches, counts and sweeps its own objects: not another controller's, and not another cloud's of
 * the same controller in the same namespace.
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

    /** Whether the retention policy kept this pod: the sweep, the capacity count and a retiring cloud leave it. */
    public static boolean isRetained(HasMetadata object) {
        Map<String, String> labels = object.getMetadata().getLabels();
        return labels != null && "true".equals(labels.get(RETAINED));
    }

    /** Labels of an agent's pod and Secret. */
    public static Map<String, String> of(AgentIdentity agent) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(MANAGED_BY, MANAGED_BY_VALUE);
        labels.put(CONTROLLER, agent.controllerId());
        labels.put(CLOUD, cloudValue(agent.cloudName()));
        labels.put(TEMPLATE, labelValue(agent.templateName()));
        return labels;
    }

    /** What the trial's watch selects on: ours, and this controller's. */
    public static Map<String, String> selector(String controllerId) {
        return Map.of(MANAGED_BY, MANAGED_BY_VALUE, CONTROLLER, controllerId);
    }

    /** What a cloud's informer and sweep select on: ours, this controller's, and this cloud's. */
    public static Map<String, String> selector(String controllerId, String cloudName) {
        return Map.of(MANAGED_BY, MANAGED_BY_VALUE, CONTROLLER, controllerId, CLOUD, cloudValue(cloudName));
    }

    /**
     * The cloud label's value: the name itself when it is a valid label value, else its {@link #labelValue} with a
     * hash of the exact name, so that no two cloud names (say "Kube" and "kube") share a value and see each
     * other's pods.
     */
    public static String cloudValue(String cloudName) {
        String value = labelValue(cloudName);
        if (value.equals(cloudName)) {
            return value;
        }
        String hash = HexFormat.of().formatHex(sha256(cloudName), 0, 4);
        String prefix = value.substring(0, Math.min(value.length(), 63 - hash.length() - 1)).replaceAll("[^a-z0-9]+$", "");
        return prefix.isEmpty() ? hash : prefix + "-" + hash;
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
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
