package io.jenkins.plugins.kubeagents.cloud;

import hudson.Extension;
import hudson.Util;
import hudson.model.Describable;
import hudson.model.Descriptor;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.fabric8.kubernetes.api.model.Pod;
import io.jenkins.plugins.kubeagents.engine.config.FieldCheck;
import io.jenkins.plugins.kubeagents.engine.config.TemplateFile;
import io.jenkins.plugins.kubeagents.engine.merge.PodYaml;
import io.jenkins.plugins.kubeagents.engine.merge.ResolvedTemplate;
import io.jenkins.plugins.kubeagents.engine.render.AgentIdentity;
import io.jenkins.plugins.kubeagents.engine.render.PodRenderer;
import io.jenkins.plugins.kubeagents.engine.template.RetentionPolicy;
import io.jenkins.plugins.kubeagents.engine.template.TemplateDefaults;
import io.jenkins.plugins.kubeagents.engine.template.TemplateSpec;
import io.jenkins.plugins.kubeagents.engine.validation.InvalidTemplateException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jenkins.model.Jenkins;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * One pod template as the cloud form and configuration as code hold it. Its fields have the names and shapes of a
 * template in a template file; {@link #toSpec()} hands them to the engine's one reader of templates.
 */
public class KubeAgentsTemplate implements Describable<KubeAgentsTemplate> {
    private final String name;
    private String labels;
    private String namespace;
    private String inheritFrom;
    private List<ContainerConfig> containers = List.of();
    private String envVars;
    private WorkspaceVolumeConfig workspaceVolume;
    private List<VolumeConfig> volumes = List.of();
    private String nodeSelector;
    private String tolerations;
    private String serviceAccount;
    private String imagePullSecrets;
    private String activeDeadlineSeconds;
    private String instanceCap;
    private String idleMinutes;
    private String minIdle;
    private String connectTimeoutSeconds;
    private String podRetention;
    private String podLabels;
    private String podAnnotations;
    private String yaml;
    private String yamlMergeStrategy;
    /**
     * "true", "false", or null to take the parents' (restricted when none says): a text, because a checkbox cannot
     * leave it to the parents. Configurations saved when this was a checkbox load as "true" or "false".
     */
    private String restrictedSecurity;

    @DataBoundConstructor
    public KubeAgentsTemplate(String name) {
        this.name = name == null ? "" : name.trim();
    }

    public String getName() {
        return name;
    }

    public String getLabels() {
        return labels;
    }

    @DataBoundSetter
    public void setLabels(String labels) {
        this.labels = text(labels);
    }

    public String getNamespace() {
        return namespace;
    }

    @DataBoundSetter
    public void setNamespace(String namespace) {
        this.namespace = text(namespace);
    }

    public String getInheritFrom() {
        return inheritFrom;
    }

    @DataBoundSetter
    public void setInheritFrom(String inheritFrom) {
        this.inheritFrom = text(inheritFrom);
    }

    public List<ContainerConfig> getContainers() {
        return containers;
    }

    @DataBoundSetter
    public void setContainers(List<ContainerConfig> containers) {
        this.containers = containers == null ? List.of() : List.copyOf(containers);
    }

    public String getEnvVars() {
        return envVars;
    }

    @DataBoundSetter
    public void setEnvVars(String envVars) {
        this.envVars = text(envVars);
    }

    public WorkspaceVolumeConfig getWorkspaceVolume() {
        return workspaceVolume;
    }

    @DataBoundSetter
    public void setWorkspaceVolume(WorkspaceVolumeConfig workspaceVolume) {
        this.workspaceVolume = workspaceVolume;
    }

    public List<VolumeConfig> getVolumes() {
        return volumes;
    }

    @DataBoundSetter
    public void setVolumes(List<VolumeConfig> volumes) {
        this.volumes = volumes == null ? List.of() : List.copyOf(volumes);
    }

    public String getNodeSelector() {
        return nodeSelector;
    }

    @DataBoundSetter
    public void setNodeSelector(String nodeSelector) {
        this.nodeSelector = text(nodeSelector);
    }

    public String getTolerations() {
        return tolerations;
    }

    @DataBoundSetter
    public void setTolerations(String tolerations) {
        this.tolerations = text(tolerations);
    }

    public String getServiceAccount() {
        return serviceAccount;
    }

    @DataBoundSetter
    public void setServiceAccount(String serviceAccount) {
        this.serviceAccount = text(serviceAccount);
    }

    public String getImagePullSecrets() {
        return imagePullSecrets;
    }

    @DataBoundSetter
    public void setImagePullSecrets(String imagePullSecrets) {
        this.imagePullSecrets = text(imagePullSecrets);
    }

    public String getActiveDeadlineSeconds() {
        return activeDeadlineSeconds;
    }

    @DataBoundSetter
    public void setActiveDeadlineSeconds(String activeDeadlineSeconds) {
        this.activeDeadlineSeconds = text(activeDeadlineSeconds);
    }

    public String getInstanceCap() {
        return instanceCap;
    }

    @DataBoundSetter
    public void setInstanceCap(String instanceCap) {
        this.instanceCap = text(instanceCap);
    }

    public String getIdleMinutes() {
        return idleMinutes;
    }

    @DataBoundSetter
    public void setIdleMinutes(String idleMinutes) {
        this.idleMinutes = text(idleMinutes);
    }

    public String getMinIdle() {
        return minIdle;
    }

    @DataBoundSetter
    public void setMinIdle(String minIdle) {
        this.minIdle = text(minIdle);
    }

    public String getConnectTimeoutSeconds() {
        return connectTimeoutSeconds;
    }

    @DataBoundSetter
    public void setConnectTimeoutSeconds(String connectTimeoutSeconds) {
        this.connectTimeoutSeconds = text(connectTimeoutSeconds);
    }

    public String getPodRetention() {
        return podRetention;
    }

    @DataBoundSetter
    public void setPodRetention(String podRetention) {
        this.podRetention = text(podRetention);
    }

    public String getPodLabels() {
        return podLabels;
    }

    @DataBoundSetter
    public void setPodLabels(String podLabels) {
        this.podLabels = text(podLabels);
    }

    public String getPodAnnotations() {
        return podAnnotations;
    }

    @DataBoundSetter
    public void setPodAnnotations(String podAnnotations) {
        this.podAnnotations = text(podAnnotations);
    }

    public String getYaml() {
        return yaml;
    }

    @DataBoundSetter
    public void setYaml(String yaml) {
        this.yaml = text(yaml);
    }

    public String getYamlMergeStrategy() {
        return yamlMergeStrategy;
    }

    @DataBoundSetter
    public void setYamlMergeStrategy(String yamlMergeStrategy) {
        this.yamlMergeStrategy = text(yamlMergeStrategy);
    }

    public String getRestrictedSecurity() {
        return restrictedSecurity;
    }

    @DataBoundSetter
    public void setRestrictedSecurity(String restrictedSecurity) {
        this.restrictedSecurity = text(restrictedSecurity);
    }

    /** The fields in the shape of a template in a template file; unset fields are left out. */
    Map<String, Object> asMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        putIfSet(m, "labels", labels);
        putIfSet(m, "namespace", namespace);
        putIfSet(m, "inheritFrom", inheritFrom);
        if (!containers.isEmpty()) {
            m.put("containers", containers.stream().map(ContainerConfig::asMap).toList());
        }
        putIfSet(m, "envVars", envVars);
        if (workspaceVolume != null) {
            m.put("workspaceVolume", workspaceVolume.asMap());
        }
        if (!volumes.isEmpty()) {
            m.put("volumes", volumes.stream().map(VolumeConfig::asMap).toList());
        }
        putIfSet(m, "nodeSelector", nodeSelector);
        putIfSet(m, "tolerations", tolerations);
        putIfSet(m, "serviceAccount", serviceAccount);
        putIfSet(m, "imagePullSecrets", imagePullSecrets);
        putIfSet(m, "activeDeadlineSeconds", activeDeadlineSeconds);
        putIfSet(m, "instanceCap", instanceCap);
        putIfSet(m, "idleMinutes", idleMinutes);
        putIfSet(m, "minIdle", minIdle);
        putIfSet(m, "connectTimeoutSeconds", connectTimeoutSeconds);
        putIfSet(m, "podRetention", podRetention);
        putIfSet(m, "podLabels", podLabels);
        putIfSet(m, "podAnnotations", podAnnotations);
        putIfSet(m, "yaml", yaml);
        putIfSet(m, "yamlMergeStrategy", yamlMergeStrategy);
        putIfSet(m, "restrictedSecurity", restrictedSecurity);
        return m;
    }

    /** The engine's template; throws {@link InvalidTemplateException} naming every bad field. */
    TemplateSpec toSpec() {
        return TemplateFile.template(asMap());
    }

    static RetentionPolicy retention(String value) {
        return switch (value == null ? "never" : value) {
            case "onFailure" -> RetentionPolicy.ON_FAILURE;
            case "always" -> RetentionPolicy.ALWAYS;
            default -> RetentionPolicy.NEVER;
        };
    }

    static ListBoxModel retentionItems(boolean withInherit) {
        ListBoxModel items = new ListBoxModel();
        if (withInherit) {
            items.add("As the cloud says", "");
        }
        items.add("Never keep the pod", "never");
        items.add("Keep failed pods", "onFailure");
        items.add("Always keep the pod", "always");
        return items;
    }

    static void putIfSet(Map<String, Object> m, String key, String value) {
        if (value != null) {
            m.put(key, value);
        }
    }

    static String text(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    @Override
    @SuppressWarnings("unchecked")
    public Descriptor<KubeAgentsTemplate> getDescriptor() {
        return Jenkins.get().getDescriptorOrDie(getClass());
    }

    @Extension
    @Symbol("kubeAgentsTemplate")
    public static class DescriptorImpl extends Descriptor<KubeAgentsTemplate> {
        @Override
        public String getDisplayName() {
            return "Pod template";
        }

        @POST
        public FormValidation doCheckName(@QueryParameter String value) {
            return check("name", value == null ? "" : value.trim());
        }

        @POST
        public FormValidation doCheckLabels(@QueryParameter String value) {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
            return text(value) == null ? FormValidation.warning("Without labels no job can ask for this template; "
                    + "jobs choose it by label, e.g. 'maven'") : FormValidation.ok();
        }

        @POST
        public FormValidation doCheckNamespace(@QueryParameter String value) {
            return check("namespace", text(value));
        }

        @POST
        public FormValidation doCheckEnvVars(@QueryParameter String value) {
            return check("envVars", text(value));
        }

        @POST
        public FormValidation doCheckNodeSelector(@QueryParameter String value) {
            return check("nodeSelector", text(value));
        }

        @POST
        public FormValidation doCheckTolerations(@QueryParameter String value) {
            return check("tolerations", text(value));
        }

        @POST
        public FormValidation doCheckServiceAccount(@QueryParameter String value) {
            return check("serviceAccount", text(value));
        }

        @POST
        public FormValidation doCheckImagePullSecrets(@QueryParameter String value) {
            return check("imagePullSecrets", text(value));
        }

        @POST
        public FormValidation doCheckActiveDeadlineSeconds(@QueryParameter String value) {
            return check("activeDeadlineSeconds", text(value));
        }

        @POST
        public FormValidation doCheckInstanceCap(@QueryParameter String value) {
            return check("instanceCap", text(value));
        }

        @POST
        public FormValidation doCheckIdleMinutes(@QueryParameter String value) {
            return check("idleMinutes", text(value));
        }

        @POST
        public FormValidation doCheckMinIdle(@QueryParameter String value) {
            return check("minIdle", text(value));
        }

        @POST
        public FormValidation doCheckConnectTimeoutSeconds(@QueryParameter String value) {
            return check("connectTimeoutSeconds", text(value));
        }

        @POST
        public FormValidation doCheckPodLabels(@QueryParameter String value) {
            return check("podLabels", text(value));
        }

        @POST
        public FormValidation doCheckPodAnnotations(@QueryParameter String value) {
            return check("podAnnotations", text(value));
        }

        @POST
        public FormValidation doCheckYaml(@QueryParameter String value) {
            return check("yaml", text(value));
        }

        @POST
        public ListBoxModel doFillPodRetentionItems() {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
            return retentionItems(true);
        }

        @POST
        public ListBoxModel doFillRestrictedSecurityItems() {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
            ListBoxModel items = new ListBoxModel();
            items.add("As the parent templates say: restricted unless one turns it off", "");
            items.add("Restricted: non-root uid 1000, no privileges, all capabilities dropped", "true");
            items.add("Not restricted: for agent images that must run as root", "false");
            return items;
        }

        @POST
        public ListBoxModel doFillYamlMergeStrategyItems() {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
            ListBoxModel items = new ListBoxModel();
            items.add("Override: the YAML's containers replace the template's of the same name", "override");
            items.add("Merge: the YAML's fields are merged into the template's", "merge");
            return items;
        }

        /**
         * Renders the saved template of the saved cloud as the pod it would create: with the agent's name made up
         * and its secret, as always, only a reference to the agent's Secret.
         */
        @POST
        public FormValidation doPreviewPod(@QueryParameter String cloudName, @QueryParameter String name) {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
            if (!(Jenkins.get().getCloud(cloudName) instanceof KubeAgentsCloud cloud) || cloud.template(name).isEmpty()) {
                return FormValidation.warning("Save the cloud first: the preview shows the saved template '" + name + "'");
            }
            try {
                ResolvedTemplate template = cloud.resolve(name);
                String namespace = template.spec().namespace() != null ? template.spec().namespace() : cloud.effectiveNamespace();
                AgentIdentity preview = new AgentIdentity(name + "-preview", namespace, cloud.getName(), name, "preview");
                Pod pod = new PodRenderer(TemplateDefaults.STANDARD).render(template, preview, cloud.connection());
                return FormValidation.okWithMarkup("<pre>" + Util.escape(PodYaml.toYaml(pod)) + "</pre>");
            } catch (InvalidTemplateException | IllegalStateException e) {
                return FormValidation.error(e.getMessage()); // a template problem by field, or no Jenkins URL
            }
        }

        private static FormValidation check(String field, Object value) {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
            return FormProblems.of(FieldCheck.template(field, value));
        }
    }
}
