package io.jenkins.plugins.kubeagents.engine.importer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The settings an import carries as a template's raw YAML, gathered into one pod: containers by name, so the
 * pod merges over the template's own containers the way the renderer merges raw YAML.
 */
final class PodDraft {
    private final List<String> containers;
    private final Map<String, Object> pod = new LinkedHashMap<>();
    private final Map<String, Map<String, Object>> byName = new LinkedHashMap<>();

    /** @param containers every container of the template's pod, the agent's jnlp included */
    PodDraft(List<String> containers) {
        this.containers = List.copyOf(containers);
    }

    List<String> allContainers() {
        return containers;
    }

    boolean isEmpty() {
        return pod.isEmpty();
    }

    Map<String, Object> tree() {
        return pod;
    }

    Map<String, Object> metadata(String key) {
        return nested(nested(pod, "metadata"), key);
    }

    Map<String, Object> spec() {
        return nested(pod, "spec");
    }

    Map<String, Object> spec(String key) {
        return nested(spec(), key);
    }

    List<Object> specList(String key) {
        return list(spec(), key);
    }

    /** The container of that name in the pod, added the first time it is asked for. */
    Map<String, Object> container(String name) {
        return byName.computeIfAbsent(name, n -> {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("name", n);
            specList("containers").add(c);
            return c;
        });
    }

    Map<String, Object> containerMap(String name, String... keys) {
        Map<String, Object> at = container(name);
        for (String key : keys) {
            at = nested(at, key);
        }
        return at;
    }

    List<Object> containerList(String name, String key) {
        return list(container(name), key);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> nested(Map<String, Object> in, String key) {
        return (Map<String, Object>) in.computeIfAbsent(key, k -> new LinkedHashMap<String, Object>());
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Map<String, Object> in, String key) {
        return (List<Object>) in.computeIfAbsent(key, k -> new ArrayList<Object>());
    }
}
