package io.jenkins.plugins.kubeagents.engine.config;

import io.jenkins.plugins.kubeagents.engine.merge.YamlTree;
import io.jenkins.plugins.kubeagents.engine.template.ContainerSpec;
import io.jenkins.plugins.kubeagents.engine.template.EnvVarSpec;
import io.jenkins.plugins.kubeagents.engine.template.PortSpec;
import io.jenkins.plugins.kubeagents.engine.template.ResourcesSpec;
import io.jenkins.plugins.kubeagents.engine.template.RetentionPolicy;
import io.jenkins.plugins.kubeagents.engine.template.TemplateSpec;
import io.jenkins.plugins.kubeagents.engine.template.TolerationSpec;
import io.jenkins.plugins.kubeagents.engine.template.VolumeSpec;
import io.jenkins.plugins.kubeagents.engine.template.WorkspaceVolume;
import io.jenkins.plugins.kubeagents.engine.template.YamlMergeStrategy;
import io.jenkins.plugins.kubeagents.engine.validation.InvalidTemplateException;
import io.jenkins.plugins.kubeagents.engine.validation.Problem;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads pod templates from YAML in the shape configuration-as-code uses for the cloud's {@code templates}:
 * one template (a mapping with {@code name}), a mapping {@code templates:} with a list of them, or a plain
 * Kubernetes Pod, which becomes a template whose raw YAML is that pod.
 *
 * <pre>
 * name: maven
 * labels: maven
 * containers:
 *   - name: maven
 *     image: maven:3.9-eclipse-temurin-17
 *     command: sleep
 *     args: infinity
 * </pre>
 */
public final class TemplateFile {
    private TemplateFile() {}

    /**
     * @param fallbackName the name of a template given as a plain Pod without {@code metadata.name}
     * @return the templates in file order
     * @throws InvalidTemplateException naming each field that is unknown, of the wrong type, or missing
     */
    public static List<TemplateSpec> parse(String yaml, String fallbackName) {
        List<Object> documents = YamlTree.all(yaml, "template file");
        if (!documents.isEmpty() && documents.stream().allMatch(YamlTree::isPod)) {
            // a pod as the Kubernetes plugin's users write it, perhaps in several documents merged in order
            return List.of(TemplateSpec.builder(podName((Map<?, ?>) documents.get(0), fallbackName)).yaml(yaml).build());
        }
        Map<?, ?> root = root(documents);
        List<Problem> problems = new ArrayList<>();
        List<TemplateSpec> templates;
        if (root.containsKey("templates")) {
            Fields file = new Fields(root, "", problems);
            templates = file.objects("templates", TemplateFile::template);
            file.rejectUnknown();
        } else {
            Fields one = new Fields(root, "templates[" + (root.get("name") == null ? 0 : root.get("name")) + "]", problems);
            templates = new ArrayList<>(List.of(template(one)));
            one.rejectUnknown();
        }
        InvalidTemplateException.throwIfAny(problems);
        if (templates.isEmpty()) {
            throw new InvalidTemplateException(List.of(new Problem("templates", null, "must list at least one template")));
        }
        return templates;
    }

    /**
     * One template from its fields as a mapping, in the shape of a template in a template file (and of the
     * cloud's configuration as code): the Jenkins form hands its values over this way, so form, JCasC and file
     * are read by one reader with one set of error messages.
     */
    public static TemplateSpec template(Map<String, ?> fields) {
        List<Problem> problems = new ArrayList<>();
        Fields f = new Fields(fields, "templates[" + fields.get("name") + "]", problems);
        TemplateSpec spec = template(f);
        f.rejectUnknown();
        InvalidTemplateException.throwIfAny(problems);
        return spec;
    }

    private static Map<?, ?> root(List<Object> documents) {
        if (documents.size() > 1) {
            throw new InvalidTemplateException(List.of(new Problem("template file", null, "must be a single YAML document; found "
                    + documents.size() + " (separated by '---'); only a pod may come in several documents")));
        }
        Object parsed = documents.isEmpty() ? null : documents.get(0);
        if (parsed == null) {
            throw new InvalidTemplateException(List.of(new Problem("template file", null,
                    "is empty; expected a template (name, labels, containers, ...) or a Pod")));
        }
        if (!(parsed instanceof Map<?, ?> map)) {
            throw new InvalidTemplateException(List.of(new Problem("template file", null,
                    "must be a YAML mapping: a template (name, labels, containers, ...), 'templates:' with a list, or a Pod")));
        }
        return map;
    }

    private static String podName(Map<?, ?> pod, String fallbackName) {
        return pod.get("metadata") instanceof Map<?, ?> m && m.get("name") != null ? String.valueOf(m.get("name")) : fallbackName;
    }

    private static TemplateSpec template(Fields f) {
        String name = f.string("name");
        if (name == null) {
            f.problem("name", null, "is required");
            name = "";
        }
        return TemplateSpec.builder(name)
                .labels(f.string("labels"))
                .namespace(f.string("namespace"))
                .inheritFrom(f.words("inheritFrom"))
                .containers(f.objects("containers", TemplateFile::container))
                .envVars(envVars(f))
                .workspaceVolume(f.object("workspaceVolume", TemplateFile::workspaceVolume))
                .volumes(f.objects("volumes", TemplateFile::volume))
                .nodeSelector(f.labelMap("nodeSelector"))
                .tolerations(f.objectsOrLines("tolerations", TemplateFile::tolerationLine,
                        "key=value:Effect, key:Effect or key=value", TemplateFile::toleration))
                .serviceAccount(f.string("serviceAccount"))
                .imagePullSecrets(f.words("imagePullSecrets"))
                .activeDeadlineSeconds(f.number("activeDeadlineSeconds"))
                .instanceCap(f.integer("instanceCap"))
                .idleMinutes(f.integer("idleMinutes"))
                .minIdle(f.integer("minIdle"))
                .connectTimeoutSeconds(f.integer("connectTimeoutSeconds"))
                .podRetention(f.choice("podRetention", RetentionPolicy.class))
                .podLabels(f.labelMap("podLabels"))
                .podAnnotations(f.stringMap("podAnnotations"))
                .yaml(f.string("yaml"))
                .yamlMergeStrategy(f.choice("yamlMergeStrategy", YamlMergeStrategy.class))
                .restrictedSecurity(f.bool("restrictedSecurity"))
                .build();
    }

    private static ContainerSpec container(Fields f) {
        String name = f.string("name");
        if (name == null) {
            f.problem("name", null, "is required");
            name = "";
        }
        return new ContainerSpec(name, f.string("image"), f.words("command"), f.words("args"), f.string("workingDir"),
                envVars(f),
                new ResourcesSpec(f.string("resourceRequestCpu"), f.string("resourceRequestMemory"),
                        f.string("resourceLimitCpu"), f.string("resourceLimitMemory")),
                f.objectsOrLines("ports", TemplateFile::portLine, "name=port (or just the port)", TemplateFile::port),
                f.bool("ttyEnabled"), f.bool("privileged"));
    }

    private static List<EnvVarSpec> envVars(Fields f) {
        return f.objectsOrLines("envVars", TemplateFile::envVarLine, "NAME=value", TemplateFile::envVar);
    }

    private static Map<String, Object> envVarLine(String line) {
        int eq = line.indexOf('=');
        return eq <= 0 ? null : Map.of("name", line.substring(0, eq).trim(), "value", line.substring(eq + 1));
    }

    private static Map<String, Object> portLine(String line) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?:([^=\\s]+)\\s*=\\s*)?(\\d{1,5})").matcher(line);
        if (!m.matches()) {
            return null;
        }
        Map<String, Object> port = new LinkedHashMap<>();
        if (m.group(1) != null) {
            port.put("name", m.group(1));
        }
        port.put("containerPort", m.group(2));
        return port;
    }

    /** {@code key=value:Effect} (Equal), {@code key:Effect} or {@code key} (Exists); the effect may be left out. */
    private static Map<String, Object> tolerationLine(String line) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("([^=:\\s]+)(?:=([^:\\s]*))?(?::(\\w+))?").matcher(line);
        if (!m.matches()) {
            return null;
        }
        Map<String, Object> toleration = new LinkedHashMap<>();
        toleration.put("key", m.group(1));
        toleration.put("operator", m.group(2) == null ? "Exists" : "Equal");
        if (m.group(2) != null) {
            toleration.put("value", m.group(2));
        }
        if (m.group(3) != null) {
            toleration.put("effect", m.group(3));
        }
        return toleration;
    }

    private static EnvVarSpec envVar(Fields f) {
        String name = f.string("name");
        if (name == null) {
            f.problem("name", null, "is required");
            return null;
        }
        return new EnvVarSpec(name, f.string("value"));
    }

    private static PortSpec port(Fields f) {
        Integer port = f.integer("containerPort");
        if (port == null) {
            f.problem("containerPort", null, "is required");
            return null;
        }
        return new PortSpec(f.string("name"), port);
    }

    private static TolerationSpec toleration(Fields f) {
        return new TolerationSpec(f.string("key"), f.string("operator"), f.string("value"), f.string("effect"),
                f.number("tolerationSeconds"));
    }

    /** Where each volume type keeps its source: the key users write, per type. */
    private static final Map<VolumeSpec.Type, String> SOURCE_KEYS = new LinkedHashMap<>(Map.of(
            VolumeSpec.Type.CONFIG_MAP, "configMapName",
            VolumeSpec.Type.SECRET, "secretName",
            VolumeSpec.Type.PERSISTENT_VOLUME_CLAIM, "claimName",
            VolumeSpec.Type.HOST_PATH, "hostPath"));

    private static VolumeSpec volume(Fields f) {
        VolumeSpec.Type type = f.choice("type", VolumeSpec.Type.class);
        String mountPath = f.string("mountPath");
        Boolean readOnly = f.bool("readOnly");
        String source = null;
        for (Map.Entry<VolumeSpec.Type, String> e : SOURCE_KEYS.entrySet()) {
            String value = f.string(e.getValue());
            if (value != null && e.getKey() == type) {
                source = value;
            } else if (value != null) {
                f.problem(e.getValue(), value, "does not apply to a volume of type '" + (type == null ? null
                        : Fields.camelCase(type.name())) + "'");
            }
        }
        if (type == null) {
            if (!f.has("type")) {
                f.problem("type", null, "is required: one of [emptyDir, configMap, secret, hostPath, persistentVolumeClaim]");
            }
            return null;
        }
        if (mountPath == null) {
            f.problem("mountPath", null, "is required, e.g. '/var/run/docker.sock'");
            return null;
        }
        return new VolumeSpec(type, source, mountPath, Boolean.TRUE.equals(readOnly));
    }

    private static WorkspaceVolume workspaceVolume(Fields f) {
        WorkspaceVolume.Type type = f.choice("type", WorkspaceVolume.Type.class);
        String claimName = f.string("claimName");
        String hostPath = f.string("hostPath");
        if (type == null) {
            if (!f.has("type")) {
                f.problem("type", null, "is required: one of [emptyDir, persistentVolumeClaim, hostPath]");
            }
            return null;
        }
        return new WorkspaceVolume(type, switch (type) {
            case EMPTY_DIR -> null;
            case PERSISTENT_VOLUME_CLAIM -> claimName;
            case HOST_PATH -> hostPath;
        });
    }
}
