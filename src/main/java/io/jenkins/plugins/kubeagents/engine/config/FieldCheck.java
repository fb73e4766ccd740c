package io.jenkins.plugins.kubeagents.engine.config;

import io.jenkins.plugins.kubeagents.engine.merge.PodYaml;
import io.jenkins.plugins.kubeagents.engine.render.OwnLabels;
import io.jenkins.plugins.kubeagents.engine.template.TemplateSpec;
import io.jenkins.plugins.kubeagents.engine.validation.InvalidTemplateException;
import io.jenkins.plugins.kubeagents.engine.validation.Problem;
import io.jenkins.plugins.kubeagents.engine.validation.TemplateValidator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks one field of a template, a container or a volume on its own, as a form does while the user types: the
 * value goes through the same reader and validator as a whole template, so the form and the running cloud
 * accept and reject exactly the same values, with the same messages.
 */
public final class FieldCheck {
    private static final TemplateValidator VALIDATOR = new TemplateValidator(OwnLabels.RESERVED);
    private static final String SAMPLE = "sample";

    private FieldCheck() {}

    /** Problems with {@code field} of a template holding {@code value}; empty when it is fine. */
    public static List<Problem> template(String field, Object value) {
        Map<String, Object> template = new LinkedHashMap<>();
        template.put("name", field.equals("name") ? value : SAMPLE);
        if (!field.equals("name")) {
            template.put(field, value);
        }
        if (field.equals("yaml") && value instanceof String yaml && !yaml.isBlank()) {
            try {
                PodYaml.parse(yaml, "templates[" + SAMPLE + "].yaml");
            } catch (InvalidTemplateException e) {
                return e.problems();
            }
        }
        return about(field, template);
    }

    /** Problems with {@code field} of a container holding {@code value}. */
    public static List<Problem> container(String field, Object value) {
        Map<String, Object> container = new LinkedHashMap<>();
        container.put("name", field.equals("name") ? value : SAMPLE);
        if (!field.equals("image")) {
            container.put("image", "busybox");
        }
        if (!field.equals("name")) {
            container.put(field, value);
        }
        return about(field, Map.of("name", SAMPLE, "containers", List.of(container)));
    }

    /** Problems with {@code field} of a pod volume holding {@code value}. */
    public static List<Problem> volume(String field, Object value) {
        Map<String, Object> volume = new LinkedHashMap<>();
        volume.put("type", field.equals("type") ? value : "emptyDir");
        if (!field.equals("mountPath")) {
            volume.put("mountPath", "/sample");
        }
        if (!field.equals("type")) {
            volume.put(field, value);
        }
        return about(field, Map.of("name", SAMPLE, "volumes", List.of(volume)));
    }

    private static List<Problem> about(String field, Map<String, Object> template) {
        List<Problem> problems;
        try {
            TemplateSpec spec = TemplateFile.template(template);
            problems = VALIDATOR.validate(spec);
        } catch (InvalidTemplateException e) {
            problems = e.problems();
        }
        return problems.stream().filter(p -> names(p.path(), field)).toList();
    }

    private static boolean names(String path, String field) {
        return path.endsWith("." + field) || path.contains("." + field + "[") || path.contains("." + field + ".");
    }
}
