package io.jenkins.plugins.kubeagents.engine.render;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.SecurityContextBuilder;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.jenkins.plugins.kubeagents.engine.merge.PodOverlay;
import io.jenkins.plugins.kubeagents.engine.merge.PodYaml;
import io.jenkins.plugins.kubeagents.engine.merge.ResolvedTemplate;
import io.jenkins.plugins.kubeagents.engine.merge.YamlDocument;
import io.jenkins.plugins.kubeagents.engine.template.ContainerSpec;
import io.jenkins.plugins.kubeagents.engine.template.EnvVarSpec;
import io.jenkins.plugins.kubeagents.engine.template.ResourcesSpec;
import io.jenkins.plugins.kubeagents.engine.template.TemplateDefaults;
import io.jenkins.plugins.kubeagents.engine.template.TemplateSpec;
import io.jenkins.plugins.kubeagents.engine.template.VolumeSpec;
import io.jenkins.plugins.kubeagents.engine.template.WorkspaceVolume;
import io.jenkins.plugins.kubeagents.engine.validation.InvalidTemplateException;
import io.jenkins.plugins.kubeagents.engine.validation.Problem;
import io.jenkins.plugins.kubeagents.engine.validation.TemplateValidator;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders a resolved template into the agent's Pod. Pure: the same inputs give the same pod.
 *
 * <p>Precedence, lowest first:
 * <ol>
 *   <li>raw YAML: inherited documents, then the template's own (see {@code YamlMergeStrategy});</li>
 *   <li>the template's fields (containers, env, volumes, node selector, ...), merged over the YAML by name;</li>
 *   <li>what the agent needs to work, which nothing overrides: pod name, namespace and our labels,
 *       {@code restartPolicy: Never}, the {@code jnlp} container's connection variables and secret reference,
 *       the workspace volume at the agent work directory in every container (the raw YAML's volume named
 *       {@code workspace-volume} when the template sets no workspace volume), and, unless the template turns
 *       {@code restrictedSecurity} off, the restricted security context of every container where the template
 *       leaves it unset (see {@link RestrictedSecurity}).</li>
 * </ol>
 * Defaults (the {@code jnlp} image and its CPU and memory requests) fill only what no layer set.
 *
 * <p>The agent's secret is never in the pod: {@code JENKINS_SECRET} refers to the agent's own Secret
 * ({@link AgentSecrets}), which Kubernetes resolves when it starts the container.
 */
public final class PodRenderer {
    static final String WORKSPACE_VOLUME = "workspace-volume";

    private final TemplateDefaults defaults;
    private final TemplateValidator validator = new TemplateValidator(OwnLabels.RESERVED);
    private final RestrictedSecurity restricted;

    public PodRenderer(TemplateDefaults defaults) {
        this.defaults = defaults;
        this.restricted = new RestrictedSecurity(defaults.agentUserId());
    }

    /** @throws InvalidTemplateException listing every problem of the template, its parents and their YAML */
    public Pod render(ResolvedTemplate template, AgentIdentity agent, ConnectionSettings connection) {
        List<Problem> problems = new ArrayList<>();
        template.chain().forEach(t -> problems.addAll(validator.validate(t)));
        Pod yamlPod = new Pod();
        for (YamlDocument doc : template.yamls()) {
            try {
                yamlPod = PodOverlay.merge(yamlPod, PodYaml.parse(doc.yaml(), doc.source()));
            } catch (InvalidTemplateException e) {
                problems.addAll(e.problems());
            }
        }
        InvalidTemplateException.throwIfAny(problems);

        TemplateSpec spec = template.spec();
        Pod pod = PodOverlay.merge(yamlPod, fieldsPod(spec));
        problems.addAll(applyAgentContract(pod, spec, agent, connection));
        problems.addAll(checkRendered(pod, spec));
        InvalidTemplateException.throwIfAny(problems);
        return pod;
    }

    /** The template's fields as a pod: what the user set, nothing added. */
    private static Pod fieldsPod(TemplateSpec spec) {
        List<Container> containers = spec.containers().stream().map(PodRenderer::container).toList();
        List<Toleration> tolerations = spec.tolerations().stream().map(t -> new TolerationBuilder()
                .withKey(t.key()).withOperator(t.operator()).withValue(t.value()).withEffect(t.effect())
                .withTolerationSeconds(t.tolerationSeconds()).build()).toList();
        return new PodBuilder()
                .withNewMetadata().withLabels(spec.podLabels()).withAnnotations(spec.podAnnotations()).endMetadata()
                .withNewSpec()
                .withContainers(containers)
                .withNodeSelector(spec.nodeSelector())
                .withTolerations(tolerations)
                .withServiceAccountName(spec.serviceAccount())
                .withImagePullSecrets(spec.imagePullSecrets().stream()
                        .map(n -> new io.fabric8.kubernetes.api.model.LocalObjectReference(n)).toList())
                .withActiveDeadlineSeconds(spec.activeDeadlineSeconds())
                .endSpec()
                .build();
    }

    private static Container container(ContainerSpec c) {
        ContainerBuilder b = new ContainerBuilder()
                .withName(c.name())
                .withImage(c.image())
                .withCommand(c.command())
                .withArgs(c.args())
                .withWorkingDir(c.workingDir())
                .withEnv(env(c.envVars()))
                .withPorts(c.ports().stream().map(p -> new io.fabric8.kubernetes.api.model.ContainerPortBuilder()
                        .withName(p.name()).withContainerPort(p.containerPort()).build()).toList());
        if (Boolean.TRUE.equals(c.ttyEnabled())) {
            b.withTty(true).withStdin(true);
        }
        if (Boolean.TRUE.equals(c.privileged())) {
            b.withSecurityContext(new SecurityContextBuilder().withPrivileged(true).build());
        }
        ResourcesSpec r = c.resources();
        if (!r.equals(ResourcesSpec.NONE)) {
            b.withNewResources()
                    .withRequests(quantities(r.requestCpu(), r.requestMemory()))
                    .withLimits(quantities(r.limitCpu(), r.limitMemory()))
                    .endResources();
        }
        return b.build();
    }

    /** @return what in the template contradicts the contract (its restricted security) */
    private List<Problem> applyAgentContract(Pod pod, TemplateSpec spec, AgentIdentity agent, ConnectionSettings connection) {
        Map<String, String> labels = new LinkedHashMap<>(nullToEmpty(pod.getMetadata().getLabels()));
        labels.putAll(OwnLabels.of(agent));
        pod.getMetadata().setLabels(labels);
        pod.getMetadata().setName(agent.agentName());
        pod.getMetadata().setNamespace(agent.namespace());
        pod.getSpec().setRestartPolicy("Never");

        List<Container> containers = pod.getSpec().getContainers();
        Container jnlp = containers.stream().filter(c -> ContainerSpec.AGENT.equals(c.getName())).findFirst()
                .orElseGet(() -> {
                    Container added = new ContainerBuilder().withName(ContainerSpec.AGENT).build();
                    containers.add(0, added);
                    return added;
                });
        defaultAgentContainer(jnlp);
        for (Container c : containers) {
            addMissingEnv(c, env(spec.envVars()));
        }
        setEnv(jnlp, agentEnv(agent, connection));
        mountVolumes(pod, spec);
        return Boolean.FALSE.equals(spec.restrictedSecurity()) ? List.of() : restricted.apply(pod, spec.name());
    }

    private void defaultAgentContainer(Container jnlp) {
        if (jnlp.getImage() == null || jnlp.getImage().isEmpty()) {
            jnlp.setImage(defaults.agentImage());
        }
        if (jnlp.getResources() == null) {
            jnlp.setResources(new io.fabric8.kubernetes.api.model.ResourceRequirements());
        }
        Map<String, Quantity> limits = nullToEmpty(jnlp.getResources().getLimits());
        Map<String, Quantity> requests = new LinkedHashMap<>(nullToEmpty(jnlp.getResources().getRequests()));
        defaultRequest(requests, limits, "cpu", new Quantity(defaults.agentCpuRequest()));
        defaultRequest(requests, limits, "memory", new Quantity(defaults.agentMemoryRequest()));
        jnlp.getResources().setRequests(requests);
    }

    /**
     * The default request where the template sets none, unless the template's limit is lower: Kubernetes refuses a
     * request above its limit, and takes an unset request to be the limit.
     */
    private static void defaultRequest(Map<String, Quantity> requests, Map<String, Quantity> limits, String resource,
            Quantity request) {
        Quantity limit = limits.get(resource);
        if (limit == null || !belowRequest(limit, request)) {
            requests.putIfAbsent(resource, request);
        }
    }

    /** A limit that is no quantity (raw YAML is not checked here) is not below: the API server names it. */
    private static boolean belowRequest(Quantity limit, Quantity request) {
        try {
            return Quantity.getAmountInBytes(limit).compareTo(Quantity.getAmountInBytes(request)) < 0;
        } catch (RuntimeException notAQuantity) {
            return false;
        }
    }

    private List<EnvVar> agentEnv(AgentIdentity agent, ConnectionSettings connection) {
        List<EnvVar> env = new ArrayList<>();
        env.add(new EnvVar("JENKINS_URL", connection.jenkinsUrl(), null));
        if (connection.tunnel() != null) {
            env.add(new EnvVar("JENKINS_TUNNEL", connection.tunnel(), null));
        }
        if (connection.webSocket()) {
            env.add(new EnvVar("JENKINS_WEB_SOCKET", "true", null));
        }
        env.add(new EnvVar("JENKINS_AGENT_NAME", agent.agentName(), null));
        env.add(new EnvVar("JENKINS_AGENT_WORKDIR", defaults.agentWorkdir(), null));
        env.add(new EnvVarBuilder().withName("JENKINS_SECRET").withNewValueFrom().withNewSecretKeyRef()
                .withName(AgentSecrets.secretName(agent)).withKey(AgentSecrets.KEY).withOptional(false)
                .endSecretKeyRef().endValueFrom().build());
        return env;
    }

    /**
     * The workspace at the agent work directory and every template volume, mounted in every container; the workspace
     * also at a container's own working directory, where the agent of a {@code jnlp} container with one runs its
     * builds.
     */
    private void mountVolumes(Pod pod, TemplateSpec spec) {
        Map<String, Volume> volumes = new LinkedHashMap<>();
        pod.getSpec().getVolumes().forEach(v -> volumes.put(v.getName(), v));
        List<VolumeMount> mounts = new ArrayList<>();
        // raw YAML may define the workspace (NFS, an ephemeral claim, memory) where the template sets no field for it
        if (spec.workspaceVolume() != null || !volumes.containsKey(WORKSPACE_VOLUME)) {
            volumes.put(WORKSPACE_VOLUME, workspaceVolume(spec.workspaceVolume() == null ? WorkspaceVolume.EMPTY_DIR
                    : spec.workspaceVolume()));
        }
        mounts.add(new VolumeMountBuilder().withName(WORKSPACE_VOLUME).withMountPath(defaults.agentWorkdir()).build());
        for (int i = 0; i < spec.volumes().size(); i++) {
            VolumeSpec v = spec.volumes().get(i);
            String name = "volume-" + i;
            volumes.put(name, volume(name, v));
            mounts.add(new VolumeMountBuilder().withName(name).withMountPath(v.mountPath())
                    .withReadOnly(v.readOnly() ? Boolean.TRUE : null).build());
        }
        pod.getSpec().setVolumes(new ArrayList<>(volumes.values()));
        for (Container c : pod.getSpec().getContainers()) {
            Map<String, VolumeMount> byPath = new LinkedHashMap<>();
            c.getVolumeMounts().forEach(m -> byPath.put(m.getMountPath(), m));
            mounts.forEach(m -> byPath.put(m.getMountPath(), m));
            // a container works where it starts: the workspace is there too (the agent's builds, in jnlp's)
            String workingDir = c.getWorkingDir();
            if (workingDir != null && !workingDir.isBlank() && !byPath.containsKey(workingDir)
                    && !workingDir.startsWith(defaults.agentWorkdir() + "/")) {
                byPath.put(workingDir, new VolumeMountBuilder().withName(WORKSPACE_VOLUME).withMountPath(workingDir).build());
            }
            c.setVolumeMounts(new ArrayList<>(byPath.values()));
        }
    }

    private static Volume workspaceVolume(WorkspaceVolume w) {
        VolumeBuilder b = new VolumeBuilder().withName(WORKSPACE_VOLUME);
        return switch (w.type()) {
            case EMPTY_DIR -> b.withNewEmptyDir().endEmptyDir().build();
            case PERSISTENT_VOLUME_CLAIM -> b.withNewPersistentVolumeClaim().withClaimName(w.source()).endPersistentVolumeClaim().build();
            case HOST_PATH -> b.withNewHostPath().withPath(w.source()).endHostPath().build();
        };
    }

    private static Volume volume(String name, VolumeSpec v) {
        VolumeBuilder b = new VolumeBuilder().withName(name);
        return switch (v.type()) {
            case EMPTY_DIR -> b.withNewEmptyDir().endEmptyDir().build();
            case CONFIG_MAP -> b.withNewConfigMap().withName(v.source()).endConfigMap().build();
            case SECRET -> b.withNewSecret().withSecretName(v.source()).endSecret().build();
            case HOST_PATH -> b.withNewHostPath().withPath(v.source()).endHostPath().build();
            case PERSISTENT_VOLUME_CLAIM -> b.withNewPersistentVolumeClaim().withClaimName(v.source())
                    .withReadOnly(v.readOnly() ? Boolean.TRUE : null).endPersistentVolumeClaim().build();
        };
    }

    /** What only the whole pod shows: a container left without an image by every layer. */
    private static List<Problem> checkRendered(Pod pod, TemplateSpec spec) {
        List<Problem> problems = new ArrayList<>();
        for (Container c : pod.getSpec().getContainers()) {
            if (c.getImage() == null || c.getImage().isBlank()) {
                problems.add(new Problem("templates[" + spec.name() + "].containers[" + c.getName() + "].image", null,
                        "is required: set it on the container or in the raw YAML"));
            }
        }
        return problems;
    }

    private static void addMissingEnv(Container c, List<EnvVar> podEnv) {
        List<EnvVar> env = new ArrayList<>(c.getEnv());
        for (EnvVar v : podEnv) {
            if (env.stream().noneMatch(e -> e.getName().equals(v.getName()))) {
                env.add(v);
            }
        }
        c.setEnv(env);
    }

    private static void setEnv(Container c, List<EnvVar> managed) {
        List<EnvVar> env = new ArrayList<>(c.getEnv());
        env.removeIf(e -> managed.stream().anyMatch(m -> m.getName().equals(e.getName())));
        env.addAll(managed);
        c.setEnv(env);
    }

    private static List<EnvVar> env(List<EnvVarSpec> vars) {
        return vars.stream().map(v -> new EnvVar(v.name(), v.value(), null)).toList();
    }

    private static Map<String, Quantity> quantities(String cpu, String memory) {
        Map<String, Quantity> q = new LinkedHashMap<>();
        if (cpu != null && !cpu.isEmpty()) {
            q.put("cpu", new Quantity(cpu));
        }
        if (memory != null && !memory.isEmpty()) {
            q.put("memory", new Quantity(memory));
        }
        return q;
    }

    private static <K, V> Map<K, V> nullToEmpty(Map<K, V> map) {
        return map == null ? Map.of() : map;
    }
}
