package io.jenkins.plugins.kubeagents.engine.merge;

import io.jenkins.plugins.kubeagents.engine.validation.InvalidTemplateException;
import io.jenkins.plugins.kubeagents.engine.validation.Problem;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/** Reads user-written YAML (YAML 1.2, so {@code yes} stays a string) into maps, lists and scalars. */
public final class YamlTree {
    private static final Set<Object> POD_KEYS = Set.of("apiVersion", "kind", "metadata", "spec");

    private YamlTree() {}

    /**
     * The one document of {@code yaml}: a map, list or scalar, or null when there is none.
     *
     * @throws InvalidTemplateException when it is not YAML (with line and column) or holds several documents
     */
    public static Object single(String yaml, String path) {
        List<Object> documents = all(yaml, path);
        if (documents.size() > 1) {
            throw new InvalidTemplateException(List.of(new Problem(path, null,
                    "must be a single YAML document; found " + documents.size() + " (separated by '---')")));
        }
        return documents.isEmpty() ? null : documents.get(0);
    }

    /**
     * Every document of {@code yaml} (separated by {@code ---}), empty ones left out.
     *
     * @throws InvalidTemplateException when it is not YAML, with line and column
     */
    public static List<Object> all(String yaml, String path) {
        List<Object> documents = new ArrayList<>();
        try {
            for (Object doc : new Load(LoadSettings.builder().build()).loadAllFromString(yaml)) {
                if (doc != null) {
                    documents.add(doc);
                }
            }
        } catch (YamlEngineException e) {
            throw new InvalidTemplateException(List.of(new Problem(path, null, "is not valid YAML: " + describe(e))));
        }
        return documents;
    }

    /**
     * Whether a document is a pod as its users write it: a mapping whose keys are pod keys only ({@code apiVersion},
     * {@code kind}, {@code metadata}, {@code spec}, any of them), as the Kubernetes plugin's {@code yaml} fields take it.
     */
    public static boolean isPod(Object document) {
        return document instanceof Map<?, ?> map && !map.isEmpty() && POD_KEYS.containsAll(map.keySet());
    }

    private static String describe(YamlEngineException e) {
        if (e instanceof MarkedYamlEngineException m) {
            String where = m.getProblemMark().map(mark -> " at line " + (mark.getLine() + 1) + ", column "
                    + (mark.getColumn() + 1)).orElse("");
            return m.getProblem() + where;
        }
        return String.valueOf(e.getMessage()).replaceAll("\\s+", " ");
    }
}
