package io.jenkins.plugins.kubeagents.engine.merge;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.fabric8.kubernetes.client.utils.YamlDumpSettingsBuilder;
import io.jenkins.plugins.kubeagents.engine.validation.InvalidTemplateException;
import io.jenkins.plugins.kubeagents.engine.validation.Problem;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads and writes pod YAML. Reading is strict where fabric8 is lenient: a misspelt field ({@code contianers})
 * would otherwise vanish silently into the model's additional properties, so it is reported with its path,
 * as are wrong types, several documents, and anything but a Pod.
 */
public final class PodYaml {
    /** fabric8's mapper, but writing YAML without quoting every string. */
    static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization(
            JsonMapper.builder().build(), true, new YamlDumpSettingsBuilder().setMinimizeQuotes(true).build());

    private static final Pattern REFERENCE = Pattern.compile("\\[\"([^\"]*)\"]|\\[(\\d+)]");
    private static final Pattern EXPECTED_TYPE = Pattern.compile("value of type [`']([^`']+)[`']");

    private PodYaml() {}

    /**
     * Parses a pod; {@code apiVersion} and {@code kind} may be left out. Several documents (separated by
     * {@code ---}) are laid over each other in order, as the Kubernetes plugin merges its pod YAMLs: a later
     * document's fields win.
     *
     * @param path where the YAML came from, e.g. {@code templates[maven].yaml}, for error messages; the second and
     *     later documents are named {@code templates[maven].yaml#2} and so on
     * @throws InvalidTemplateException naming each problem with its path inside the YAML
     */
    public static Pod parse(String yaml, String path) {
        List<Object> documents = YamlTree.all(yaml, path);
        if (documents.isEmpty()) {
            return document(Map.of(), path);
        }
        Pod pod = null;
        for (int i = 0; i < documents.size(); i++) {
            Pod next = document(documents.get(i), i == 0 ? path : path + "#" + (i + 1));
            pod = pod == null ? next : PodOverlay.merge(pod, next);
        }
        return pod;
    }

    @SuppressWarnings("unchecked")
    private static Pod document(Object document, String path) {
        if (document instanceof List) {
            throw new InvalidTemplateException(List.of(new Problem(path, null,
                    "must be a YAML mapping holding one Pod (apiVersion, kind, metadata, spec); found a list")));
        }
        if (!(document instanceof Map)) {
            throw new InvalidTemplateException(List.of(new Problem(path, null,
                    "must be a YAML mapping holding one Pod (apiVersion, kind, metadata, spec)")));
        }
        Map<String, Object> tree = (Map<String, Object>) document;
        List<Problem> problems = new ArrayList<>();
        expect(tree, "apiVersion", "v1", path, problems);
        expect(tree, "kind", "Pod", path, problems);
        InvalidTemplateException.throwIfAny(problems);

        Map<String, Object> withType = new LinkedHashMap<>(tree);
        withType.put("apiVersion", "v1");
        withType.put("kind", "Pod");
        Pod pod;
        try {
            pod = SERIALIZATION.convertValue(withType, Pod.class);
        } catch (IllegalArgumentException e) {
            throw new InvalidTemplateException(List.of(typeProblem(e, path)));
        }
        UnknownFields.find(pod, path).forEach(field -> problems.add(new Problem(field, null,
                "is not a field of a Kubernetes Pod at this place; check its spelling and indentation")));
        InvalidTemplateException.throwIfAny(problems);
        return pod;
    }

    /** The pod as YAML, without the leading document marker. */
    public static String toYaml(Pod pod) {
        String yaml = SERIALIZATION.asYaml(pod);
        return yaml.startsWith("---\n") ? yaml.substring(4) : yaml;
    }

    private static void expect(Map<String, Object> tree, String key, String allowed, String path, List<Problem> problems) {
        Object value = tree.get(key);
        if (value != null && !allowed.equals(value)) {
            problems.add(new Problem(path + "." + key, String.valueOf(value), "must be '" + allowed
                    + "' (or left out): raw YAML describes the agent Pod only"));
        }
    }

    /**
     * Turns Jackson's "Cannot deserialize value of type `java.lang.Long` from String "abc" ... (through reference
     * chain: Pod["spec"]->PodSpec["activeDeadlineSeconds"])" into {@code yaml.spec.activeDeadlineSeconds: has the
     * wrong type: expected a whole number}.
     */
    private static Problem typeProblem(IllegalArgumentException e, String path) {
        String message = e.getMessage() == null ? "" : e.getMessage();
        StringBuilder field = new StringBuilder(path);
        int chain = message.indexOf("reference chain:");
        if (chain >= 0) {
            Matcher m = REFERENCE.matcher(message.substring(chain));
            while (m.find()) {
                field.append(m.group(1) != null ? "." + m.group(1) : "[" + m.group(2) + "]");
            }
        }
        Matcher type = EXPECTED_TYPE.matcher(message);
        String expected = type.find() ? describe(type.group(1)) : "another type";
        return new Problem(field.toString(), null, "has the wrong type: expected " + expected);
    }

    private static String describe(String javaType) {
        if (javaType.startsWith("java.util.") && (javaType.contains("List") || javaType.contains("Set"))) {
            return "a list";
        }
        if (javaType.startsWith("java.util.") && javaType.contains("Map")) {
            return "a mapping";
        }
        return switch (javaType) {
            case "java.lang.Long", "java.lang.Integer", "long", "int" -> "a whole number";
            case "java.lang.Boolean", "boolean" -> "true or false";
            case "java.lang.String" -> "a string";
            default -> "a mapping (" + javaType.substring(javaType.lastIndexOf('.') + 1) + ")";
        };
    }
}
