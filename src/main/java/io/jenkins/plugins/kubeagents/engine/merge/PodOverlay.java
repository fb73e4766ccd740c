package io.jenkins.plugins.kubeagents.engine.merge;

import io.fabric8.kubernetes.api.model.Pod;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Lays one pod over another, the way {@code kubectl apply}'s strategic merge treats pods: maps merge key by key;
 * lists of named things (containers, volumes, env, image pull secrets) merge element by element on their key;
 * volume mounts on their mount path, ports on their container port; any other list, and every scalar, is
 * replaced by the overlay's when the overlay sets it.
 */
public final class PodOverlay {
    private static final Map<String, String> MERGE_KEYS = Map.of(
            "containers", "name",
            "initContainers", "name",
            "volumes", "name",
            "env", "name",
            "imagePullSecrets", "name",
            "volumeMounts", "mountPath",
            "ports", "containerPort");

    private PodOverlay() {}

    /** {@code overlay} laid over {@code base}; neither argument is changed. */
    public static Pod merge(Pod base, Pod overlay) {
        Object merged = merge(tree(base), tree(overlay), "");
        return PodYaml.SERIALIZATION.convertValue(merged, Pod.class);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> tree(Pod pod) {
        return PodYaml.SERIALIZATION.convertValue(pod, Map.class);
    }

    @SuppressWarnings("unchecked")
    private static Object merge(Object base, Object overlay, String field) {
        if (overlay == null) {
            return base;
        }
        if (base instanceof Map<?, ?> b && overlay instanceof Map<?, ?> o) {
            Map<String, Object> merged = new LinkedHashMap<>((Map<String, Object>) b);
            ((Map<String, Object>) o).forEach((k, v) -> merged.put(k, merge(merged.get(k), v, k)));
            return merged;
        }
        String key = MERGE_KEYS.get(field);
        if (key != null && base instanceof List<?> b && overlay instanceof List<?> o) {
            return mergeByKey(b, o, key, field);
        }
        return overlay;
    }

    private static List<Object> mergeByKey(List<?> base, List<?> overlay, String key, String field) {
        Map<Object, Object> byKey = new LinkedHashMap<>();
        List<Object> unkeyed = new ArrayList<>();
        for (Object item : base) {
            keyOf(item, key).ifPresentOrElse(k -> byKey.put(k, item), () -> unkeyed.add(item));
        }
        for (Object item : overlay) {
            keyOf(item, key).ifPresentOrElse(k -> byKey.merge(k, item, (old, mine) -> merge(old, mine, field + "[]")),
                    () -> unkeyed.add(item));
        }
        List<Object> merged = new ArrayList<>(byKey.values());
        merged.addAll(unkeyed);
        return merged;
    }

    private static java.util.Optional<Object> keyOf(Object item, String key) {
        return item instanceof Map<?, ?> m ? java.util.Optional.ofNullable(m.get(key)) : java.util.Optional.empty();
    }
}
