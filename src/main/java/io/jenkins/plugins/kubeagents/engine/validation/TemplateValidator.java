package io.jenkins.plugins.kubeagents.engine.validation;

import io.jenkins.plugins.kubeagents.engine.template.ContainerSpec;
import io.jenkins.plugins.kubeagents.engine.template.EnvVarSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.jenkins.plugins.kubeagents.engine.template.PortSpec;
import io.jenkins.plugins.kubeagents.engine.template.ResourcesSpec;
import io.jenkins.plugins.kubeagents.engine.template.TemplateDefaults;
import io.jenkins.plugins.kubeagents.engine.template.TemplateSpec;
import io.jenkins.plugins.kubeagents.engine.template.TolerationSpec;
import io.jenkins.plugins.kubeagents.engine.template.VolumeSpec;
import io.jenkins.plugins.kubeagents.engine.template.WorkspaceVolume;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Checks the fields of one template as written (before inheritance), every problem with its path under
 * {@code templates[<name>]}. Raw YAML, parents and the rendered pod are checked by the renderer.
 */
public final class TemplateValidator {
    /** Variables kube-agents sets on the agent container to connect it; a template may not set them. */
    public static final Set<String> AGENT_VARIABLES = Set.of("JENKINS_URL", "JENKINS_TUNNEL", "JENKINS_SECRET",
            "JENKINS_AGENT_NAME", "JENKINS_NAME", "JENKINS_AGENT_WORKDIR", "JENKINS_WEB_SOCKET");

    private final Set<String> reservedLabelPrefixes;

    public TemplateValidator(Set<String> reservedLabelPrefixes) {
        this.reservedLabelPrefixes = Set.copyOf(reservedLabelPrefixes);
    }

    public List<Problem> validate(TemplateSpec t) {
        String at = "templates[" + t.name() + "]";
        List<Problem> problems = new ArrayList<>();
        add(problems, FieldChecks.dnsLabel(at + ".name", t.name()));
        if (t.namespace() != null) {
            add(problems, FieldChecks.dnsLabel(at + ".namespace", t.namespace()));
        }
        Set<String> containerNames = new HashSet<>();
        for (ContainerSpec c : t.containers()) {
            if (!containerNames.add(c.name())) {
                problems.add(new Problem(at + ".containers", c.name(), "lists this container name twice; names must be unique"));
            }
            problems.addAll(container(at + ".containers[" + c.name() + "]", c));
        }
        problems.addAll(envVars(at + ".envVars", t.envVars()));
        if (t.workspaceVolume() != null) {
            problems.addAll(workspace(at + ".workspaceVolume", t.workspaceVolume()));
        }
        Set<String> mountPaths = new HashSet<>(Set.of(TemplateDefaults.STANDARD.agentWorkdir()));
        for (int i = 0; i < t.volumes().size(); i++) {
            VolumeSpec v = t.volumes().get(i);
            if (!mountPaths.add(v.mountPath())) {
                problems.add(new Problem(at + ".volumes[" + i + "].mountPath", v.mountPath(),
                        v.mountPath().equals(TemplateDefaults.STANDARD.agentWorkdir())
                                ? "is where the workspace is mounted; choose the workspace's volume with workspaceVolume"
                                : "is used by another volume; each volume needs its own mount path"));
            }
            problems.addAll(volume(at + ".volumes[" + i + "]", v));
        }
        problems.addAll(FieldChecks.labels(at + ".nodeSelector", t.nodeSelector(), Set.of()));
        for (int i = 0; i < t.tolerations().size(); i++) {
            problems.addAll(toleration(at + ".tolerations[" + i + "]", t.tolerations().get(i)));
        }
        add(problems, FieldChecks.dnsSubdomain(at + ".serviceAccount", t.serviceAccount()));
        for (int i = 0; i < t.imagePullSecrets().size(); i++) {
            String secret = t.imagePullSecrets().get(i);
            add(problems, secret.isEmpty() ? Optional.of(new Problem(at + ".imagePullSecrets[" + i + "]", secret,
                    "must name a Secret")) : FieldChecks.dnsSubdomain(at + ".imagePullSecrets[" + i + "]", secret));
        }
        add(problems, FieldChecks.positive(at + ".activeDeadlineSeconds", t.activeDeadlineSeconds()));
        add(problems, FieldChecks.notNegative(at + ".instanceCap", t.instanceCap()));
        add(problems, FieldChecks.notNegative(at + ".idleMinutes", t.idleMinutes()));
        add(problems, FieldChecks.notNegative(at + ".minIdle", t.minIdle()));
        if (t.minIdle() != null && t.instanceCap() != null && t.instanceCap() > 0 && t.minIdle() > t.instanceCap()) {
            problems.add(new Problem(at + ".minIdle", t.minIdle().toString(), "is more than instanceCap " + t.instanceCap()
                    + ", which warm agents count against too: lower minIdle, or raise instanceCap"));
        }
        add(problems, FieldChecks.positive(at + ".connectTimeoutSeconds", t.connectTimeoutSeconds()));
        problems.addAll(FieldChecks.labels(at + ".podLabels", t.podLabels(), reservedLabelPrefixes));
        t.podAnnotations().keySet().forEach(k -> add(problems, FieldChecks.labelKey(at + ".podAnnotations", k)));
        return problems;
    }

    private List<Problem> container(String at, ContainerSpec c) {
        List<Problem> problems = new ArrayList<>();
        add(problems, FieldChecks.dnsLabel(at + ".name", c.name()));
        add(problems, FieldChecks.image(at + ".image", c.image()));
        if (c.workingDir() != null) {
            add(problems, FieldChecks.absolutePath(at + ".workingDir", c.workingDir()));
        }
        problems.addAll(envVars(at + ".envVars", c.envVars()));
        add(problems, FieldChecks.quantity(at + ".resourceRequestCpu", c.resources().requestCpu()));
        add(problems, FieldChecks.quantity(at + ".resourceRequestMemory", c.resources().requestMemory()));
        add(problems, FieldChecks.quantity(at + ".resourceLimitCpu", c.resources().limitCpu()));
        add(problems, FieldChecks.quantity(at + ".resourceLimitMemory", c.resources().limitMemory()));
        problems.addAll(requestsWithinLimits(at, c.resources()));
        Set<Integer> ports = new HashSet<>();
        Set<String> portNames = new HashSet<>();
        for (PortSpec p : c.ports()) {
            add(problems, FieldChecks.port(at + ".ports", p.containerPort()));
            add(problems, FieldChecks.portName(at + ".ports", p.name()));
            if (!ports.add(p.containerPort())) {
                problems.add(new Problem(at + ".ports", String.valueOf(p.containerPort()), "lists this port twice"));
            }
            if (p.name() != null && !portNames.add(p.name())) {
                problems.add(new Problem(at + ".ports", p.name(), "names two ports; port names must be unique in a container"));
            }
        }
        return problems;
    }

    /** Kubernetes refuses a request above its limit. */
    private static List<Problem> requestsWithinLimits(String at, ResourcesSpec r) {
        List<Problem> problems = new ArrayList<>();
        if (above(r.requestCpu(), r.limitCpu())) {
            problems.add(new Problem(at + ".resourceRequestCpu", r.requestCpu(), "is more than the CPU limit "
                    + r.limitCpu() + ": a request must be at most its limit"));
        }
        if (above(r.requestMemory(), r.limitMemory())) {
            problems.add(new Problem(at + ".resourceRequestMemory", r.requestMemory(), "is more than the memory limit "
                    + r.limitMemory() + ": a request must be at most its limit"));
        }
        return problems;
    }

    private static boolean above(String request, String limit) {
        if (request == null || limit == null || FieldChecks.quantity("", request).isPresent()
                || FieldChecks.quantity("", limit).isPresent()) {
            return false; // unset, or already named as no quantity
        }
        return Quantity.getAmountInBytes(Quantity.parse(request)).compareTo(Quantity.getAmountInBytes(Quantity.parse(limit))) > 0;
    }

    private static List<Problem> envVars(String at, List<EnvVarSpec> vars) {
        List<Problem> problems = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (EnvVarSpec v : vars) {
            String path = at + "[" + v.name() + "]";
            add(problems, FieldChecks.envName(path, v.name()));
            if (!names.add(v.name())) {
                problems.add(new Problem(path, v.name(), "is set twice"));
            }
            if (AGENT_VARIABLES.contains(v.name())) {
                problems.add(new Problem(path, v.name(),
                        "is set by kube-agents to connect the agent; use the cloud's Jenkins URL, tunnel or WebSocket settings"));
            }
        }
        return problems;
    }

    private static List<Problem> workspace(String at, WorkspaceVolume w) {
        return switch (w.type()) {
            case EMPTY_DIR -> List.of();
            case PERSISTENT_VOLUME_CLAIM -> required(at + ".claimName", w.source(), FieldChecks::dnsSubdomain);
            case HOST_PATH -> required(at + ".hostPath", w.source(), FieldChecks::absolutePath);
        };
    }

    private static List<Problem> volume(String at, VolumeSpec v) {
        List<Problem> problems = new ArrayList<>();
        add(problems, FieldChecks.absolutePath(at + ".mountPath", v.mountPath()));
        problems.addAll(switch (v.type()) {
            case EMPTY_DIR -> List.<Problem>of();
            case CONFIG_MAP -> required(at + ".configMapName", v.source(), FieldChecks::dnsSubdomain);
            case SECRET -> required(at + ".secretName", v.source(), FieldChecks::dnsSubdomain);
            case PERSISTENT_VOLUME_CLAIM -> required(at + ".claimName", v.source(), FieldChecks::dnsSubdomain);
            case HOST_PATH -> required(at + ".hostPath", v.source(), FieldChecks::absolutePath);
        });
        return problems;
    }

    private static List<Problem> toleration(String at, TolerationSpec t) {
        List<Problem> problems = new ArrayList<>();
        if (t.key() != null && !t.key().isEmpty()) {
            add(problems, FieldChecks.labelKey(at + ".key", t.key()));
        } else if (!"Exists".equals(t.operator())) {
            problems.add(new Problem(at + ".operator", t.operator(), "must be 'Exists' when the toleration has no key (it "
                    + "then tolerates every taint); set a key to match one taint with 'Equal'"));
        }
        if (t.tolerationSeconds() != null && !"NoExecute".equals(t.effect())) {
            problems.add(new Problem(at + ".effect", t.effect(), "must be 'NoExecute' with tolerationSeconds, which says how "
                    + "long a pod stays on a node tainted NoExecute"));
        }
        add(problems, FieldChecks.tolerationOperator(at + ".operator", t.operator()));
        add(problems, FieldChecks.tolerationEffect(at + ".effect", t.effect()));
        add(problems, FieldChecks.notNegative(at + ".tolerationSeconds", t.tolerationSeconds()));
        if ("Exists".equals(t.operator()) && t.value() != null && !t.value().isEmpty()) {
            problems.add(new Problem(at + ".value", t.value(), "must be empty when the operator is 'Exists'"));
        }
        return problems;
    }

    private static List<Problem> required(String path, String value,
            java.util.function.BiFunction<String, String, Optional<Problem>> check) {
        if (value == null || value.isEmpty()) {
            return List.of(new Problem(path, value, "is required for this volume type"));
        }
        return check.apply(path, value).map(List::of).orElse(List.of());
    }

    private static void add(List<Problem> problems, Optional<Problem> problem) {
        problem.ifPresent(problems::add);
    }
}
