package io.jenkins.plugins.kubeagents.cloud;

import static io.jenkins.plugins.kubeagents.cloud.KubeAgentsTemplate.putIfSet;
import static io.jenkins.plugins.kubeagents.cloud.KubeAgentsTemplate.text;

import hudson.Extension;
import hudson.model.Describable;
import hudson.model.Descriptor;
import hudson.util.ListBoxModel;
import java.util.LinkedHashMap;
import java.util.Map;
import jenkins.model.Jenkins;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.verb.POST;

/** Where the agent's workspace lives: an empty directory (the default), a claim, or a directory of the node. */
public class WorkspaceVolumeConfig implements Describable<WorkspaceVolumeConfig> {
    private final String type;
    private String claimName;
    private String hostPath;

    @DataBoundConstructor
    public WorkspaceVolumeConfig(String type) {
        this.type = text(type) == null ? "emptyDir" : type.trim();
    }

    public String getType() {
        return type;
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

    Map<String, Object> asMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", type);
        putIfSet(m, "claimName", claimName);
        putIfSet(m, "hostPath", hostPath);
        return m;
    }

    @Override
    @SuppressWarnings("unchecked")
    public Descriptor<WorkspaceVolumeConfig> getDescriptor() {
        return Jenkins.get().getDescriptorOrDie(getClass());
    }

    @Extension
    @Symbol("workspaceVolume")
    public static class DescriptorImpl extends Descriptor<WorkspaceVolumeConfig> {
        @Override
        public String getDisplayName() {
            return "Workspace volume";
        }

        @POST
        public ListBoxModel doFillTypeItems() {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
            ListBoxModel items = new ListBoxModel();
            items.add("Empty directory (deleted with the pod)", "emptyDir");
            items.add("Persistent volume claim", "persistentVolumeClaim");
            items.add("Host path", "hostPath");
            return items;
        }
    }
}
