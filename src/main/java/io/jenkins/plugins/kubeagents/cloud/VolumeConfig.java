package io.jenkins.plugins.kubeagents.cloud;

import static io.jenkins.plugins.kubeagents.cloud.KubeAgentsTemplate.putIfSet;
import static io.jenkins.plugins.kubeagents.cloud.KubeAgentsTemplate.text;

import hudson.Extension;
import hudson.model.Describable;
import hudson.model.Descriptor;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.kubeagents.engine.config.FieldCheck;
import java.util.LinkedHashMap;
import java.util.Map;
import jenkins.model.Jenkins;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/** A volume mounted into every container of the pod; the source field that applies depends on the type. */
public class VolumeConfig implements Describable<VolumeConfig> {
    private final String type;
    private final String mountPath;
    private String configMapName;
    private String secretName;
    private String claimName;
    private String hostPath;
    private boolean readOnly;

    @DataBoundConstructor
    public VolumeConfig(String type, String mountPath) {
        this.type = text(type);
        this.mountPath = text(mountPath);
    }

    public String getType() {
        return type;
    }

    public String getMountPath() {
        return mountPath;
    }

    public String getConfigMapName() {
        return configMapName;
    }

    @DataBoundSetter
    public void setConfigMapName(String configMapName) {
        this.configMapName = text(configMapName);
    }

    public String getSecretName() {
        return secretName;
    }

    @DataBoundSetter
    public void setSecretName(String secretName) {
        this.secretName = text(secretName);
    }

    public String getClaimName() {
        return claimName;
    }

    @DataBoundSetter
    public void setClaimName(String claimName) {
        this.claimName = text(claimName);
    }

    public String getHostPath() {
        return hostPath;
    }

    @DataBoundSetter
    public void setHostPath(String hostPath) {
        this.hostPath = text(hostPath);
    }

    public boolean isReadOnly() {
        return readOnly;
    }

    @DataBoundSetter
    public void setReadOnly(boolean readOnly) {
        this.readOnly = readOnly;
    }

    Map<String, Object> asMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        putIfSet(m, "type", type);
        putIfSet(m, "mountPath", mountPath);
        putIfSet(m, "configMapName", configMapName);
        putIfSet(m, "secretName", secretName);
        putIfSet(m, "claimName", claimName);
        putIfSet(m, "hostPath", hostPath);
        if (readOnly) {
            m.put("readOnly", true);
        }
        return m;
    }

    @Override
    @SuppressWarnings("unchecked")
    public Descriptor<VolumeConfig> getDescriptor() {
        return Jenkins.get().getDescriptorOrDie(getClass());
    }

    @Extension
    @Symbol("volume")
    public static class DescriptorImpl extends Descriptor<VolumeConfig> {
        @Override
        public String getDisplayName() {
            return "Volume";
        }

        @POST
        public ListBoxModel doFillTypeItems() {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
            ListBoxModel items = new ListBoxModel();
            items.add("Empty directory", "emptyDir");
            items.add("ConfigMap", "configMap");
            items.add("Secret", "secret");
            items.add("Persistent volume claim", "persistentVolumeClaim");
            items.add("Host path", "hostPath");
            return items;
        }

        @POST
        public FormValidation doCheckMountPath(@QueryParameter String value) {
            return check("mountPath", text(value));
        }

        @POST
        public FormValidation doCheckConfigMapName(@QueryParameter String value, @QueryParameter String type) {
            return source("configMap", "configMapName", value, type);
        }

        @POST
        public FormValidation doCheckSecretName(@QueryParameter String value, @QueryParameter String type) {
            return source("secret", "secretName", value, type);
        }

        @POST
        public FormValidation doCheckClaimName(@QueryParameter String value, @QueryParameter String type) {
            return source("persistentVolumeClaim", "claimName", value, type);
        }

        @POST
        public FormValidation doCheckHostPath(@QueryParameter String value, @QueryParameter String type) {
            return source("hostPath", "hostPath", value, type);
        }

        /** A source field is checked only for its own type; for the others it must stay empty. */
        private static FormValidation source(String itsType, String field, String value, String type) {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
            if (!itsType.equals(type)) {
                return text(value) == null ? FormValidation.ok()
                        : FormValidation.error("Applies only to volumes of type '" + itsType + "'; clear it");
            }
            return FormProblems.of(FieldCheck.volume(field, text(value)));
        }

        private static FormValidation check(String field, Object value) {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
            return FormProblems.of(FieldCheck.volume(field, value));
        }
    }
}
