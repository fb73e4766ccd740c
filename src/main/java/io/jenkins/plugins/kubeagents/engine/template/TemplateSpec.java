package io.jenkins.plugins.kubeagents.engine.template;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One pod template, as configured. A null (or empty) field is "not set": it is inherited from the parent
 * templates, else defaulted at rendering ({@link TemplateDefaults}). Build one with {@link #builder(String)}.
 *
 * @param labels the label atoms a job's label expression is matched against; never inherited
 * @param inheritFrom names of parent templates, applied in order (a later parent wins over an earlier one)
 * @param envVars environment variables for every container; a container's own variable of the same name wins
 * @param yaml raw pod YAML, laid under the fields (see {@code PodRenderer} for the precedence)
 * @param restrictedSecurity whether the agent container gets the restricted Pod Security Standard context
 * @param minIdle how many agents of this template to keep connected and idle, ready for a build (the warm pool)
 */
public record TemplateSpec(
        String name,
        Set<String> labels,
        String namespace,
        List<String> inheritFrom,
        List<ContainerSpec> containers,
        List<EnvVarSpec> envVars,
        WorkspaceVolume workspaceVolume,
        List<VolumeSpec> volumes,
        Map<String, String> nodeSelector,
        List<TolerationSpec> tolerations,
        String serviceAccount,
        List<String> imagePullSecrets,
        Long activeDeadlineSeconds,
        Integer instanceCap,
        Integer idleMinutes,
        Integer minIdle,
        Integer connectTimeoutSeconds,
        RetentionPolicy podRetention,
        Map<String, String> podLabels,
        Map<String, String> podAnnotations,
        String yaml,
        YamlMergeStrategy yamlMergeStrategy,
        Boolean restrictedSecurity) {

    public TemplateSpec {
        Objects.requireNonNull(name, "name");
        labels = labels == null ? Set.of() : java.util.Collections.unmodifiableSet(new LinkedHashSet<>(labels));
        inheritFrom = Specs.copy(inheritFrom);
        containers = Specs.copy(containers);
        envVars = Specs.copy(envVars);
        volumes = Specs.copy(volumes);
        nodeSelector = Specs.copy(nodeSelector);
        tolerations = Specs.copy(tolerations);
        imagePullSecrets = Specs.copy(imagePullSecrets);
        podLabels = Specs.copy(podLabels);
        podAnnotations = Specs.copy(podAnnotations);
    }

    public static Builder builder(String name) {
        return new Builder(name);
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Splits a space-separated label string ("maven jdk17") into atoms. */
    public static Set<String> labelAtoms(String labels) {
        if (labels == null || labels.isBlank()) {
            return Set.of();
        }
        return new LinkedHashSet<>(Arrays.asList(labels.trim().split("\\s+")));
    }


    /**
     * This template laid over an already resolved parent: what this one sets wins; containers, env and volumes
     * merge by name (volumes by mount path); maps merge by key. Labels, name and parents stay this template's own.
     * Raw YAML is not merged here: the inheritance resolver keeps the chain of YAML documents.
     */
    public TemplateSpec over(TemplateSpec parent) {
        return new TemplateSpec(
                name,
                labels,
                Specs.firstSet(namespace, parent.namespace),
                inheritFrom,
                Specs.mergeByKey(parent.containers, containers, ContainerSpec::name, ContainerSpec::over),
                Specs.mergeByKey(parent.envVars, envVars, EnvVarSpec::name, (mine, old) -> mine),
                Specs.firstSet(workspaceVolume, parent.workspaceVolume),
                Specs.mergeByKey(parent.volumes, volumes, VolumeSpec::mountPath, (mine, old) -> mine),
                Specs.mergeMaps(parent.nodeSelector, nodeSelector),
                Specs.firstNonEmpty(tolerations, parent.tolerations),
                Specs.firstSet(serviceAccount, parent.serviceAccount),
                Specs.firstNonEmpty(imagePullSecrets, parent.imagePullSecrets),
                Specs.firstSet(activeDeadlineSeconds, parent.activeDeadlineSeconds),
                Specs.firstSet(instanceCap, parent.instanceCap),
                Specs.firstSet(idleMinutes, parent.idleMinutes),
                Specs.firstSet(minIdle, parent.minIdle),
                Specs.firstSet(connectTimeoutSeconds, parent.connectTimeoutSeconds),
                Specs.firstSet(podRetention, parent.podRetention),
                Specs.mergeMaps(parent.podLabels, podLabels),
                Specs.mergeMaps(parent.podAnnotations, podAnnotations),
                yaml,
                yamlMergeStrategy,
                Specs.firstSet(restrictedSecurity, parent.restrictedSecurity));
    }

    /** Collects the fields of a {@link TemplateSpec}; the record itself stays immutable. */
    public static final class Builder {
        private String name;
        private Set<String> labels;
        private String namespace;
        private List<String> inheritFrom;
        private List<ContainerSpec> containers;
        private List<EnvVarSpec> envVars;
        private WorkspaceVolume workspaceVolume;
        private List<VolumeSpec> volumes;
        private Map<String, String> nodeSelector;
        private List<TolerationSpec> tolerations;
        private String serviceAccount;
        private List<String> imagePullSecrets;
        private Long activeDeadlineSeconds;
        private Integer instanceCap;
        private Integer idleMinutes;
        private Integer minIdle;
        private Integer connectTimeoutSeconds;
        private RetentionPolicy podRetention;
        private Map<String, String> podLabels;
        private Map<String, String> podAnnotations;
        private String yaml;
        private YamlMergeStrategy yamlMergeStrategy;
        private Boolean restrictedSecurity;

        private Builder(String name) {
            this.name = name;
        }

        private Builder(TemplateSpec t) {
            name = t.name; labels = t.labels; namespace = t.namespace; inheritFrom = t.inheritFrom;
            containers = t.containers; envVars = t.envVars; workspaceVolume = t.workspaceVolume; volumes = t.volumes;
            nodeSelector = t.nodeSelector; tolerations = t.tolerations; serviceAccount = t.serviceAccount;
            imagePullSecrets = t.imagePullSecrets; activeDeadlineSeconds = t.activeDeadlineSeconds;
            instanceCap = t.instanceCap; idleMinutes = t.idleMinutes; minIdle = t.minIdle;
            connectTimeoutSeconds = t.connectTimeoutSeconds;
            podRetention = t.podRetention; podLabels = t.podLabels; podAnnotations = t.podAnnotations; yaml = t.yaml;
            yamlMergeStrategy = t.yamlMergeStrategy; restrictedSecurity = t.restrictedSecurity;
        }

        public Builder name(String v) { name = v; return this; }
        public Builder labels(String v) { labels = labelAtoms(v); return this; }
        public Builder namespace(String v) { namespace = v; return this; }
        public Builder inheritFrom(List<String> v) { inheritFrom = v; return this; }
        public Builder containers(List<ContainerSpec> v) { containers = v; return this; }
        public Builder envVars(List<EnvVarSpec> v) { envVars = v; return this; }
        public Builder workspaceVolume(WorkspaceVolume v) { workspaceVolume = v; return this; }
        public Builder volumes(List<VolumeSpec> v) { volumes = v; return this; }
        public Builder nodeSelector(Map<String, String> v) { nodeSelector = v; return this; }
        public Builder tolerations(List<TolerationSpec> v) { tolerations = v; return this; }
        public Builder serviceAccount(String v) { serviceAccount = v; return this; }
        public Builder imagePullSecrets(List<String> v) { imagePullSecrets = v; return this; }
        public Builder activeDeadlineSeconds(Long v) { activeDeadlineSeconds = v; return this; }
        public Builder instanceCap(Integer v) { instanceCap = v; return this; }
        public Builder idleMinutes(Integer v) { idleMinutes = v; return this; }
        public Builder minIdle(Integer v) { minIdle = v; return this; }
        public Builder connectTimeoutSeconds(Integer v) { connectTimeoutSeconds = v; return this; }
        public Builder podRetention(RetentionPolicy v) { podRetention = v; return this; }
        public Builder podLabels(Map<String, String> v) { podLabels = v; return this; }
        public Builder podAnnotations(Map<String, String> v) { podAnnotations = v; return this; }
        public Builder yaml(String v) { yaml = v; return this; }
        public Builder yamlMergeStrategy(YamlMergeStrategy v) { yamlMergeStrategy = v; return this; }
        public Builder restrictedSecurity(Boolean v) { restrictedSecurity = v; return this; }

        public TemplateSpec build() {
            return new TemplateSpec(name, labels, namespace, inheritFrom, containers, envVars, workspaceVolume, volumes,
                    nodeSelector, tolerations, serviceAccount, imagePullSecrets, activeDeadlineSeconds, instanceCap,
                    idleMinutes, minIdle, connectTimeoutSeconds, podRetention, podLabels, podAnnotations, yaml,
                    yamlMergeStrategy, restrictedSecurity);
        }
    }
}
