package io.jenkins.plugins.kubeagents.cloud;

import static io.jenkins.plugins.kubeagents.cloud.KubeAgentsTemplate.putIfSet;
import static io.jenkins.plugins.kubeagents.cloud.KubeAgentsTemplate.text;

import hudson.Extension;
import hudson.model.Describable;
import hudson.model.Descriptor;
import hudson.util.FormValidation;
import io.jenkins.plugins.kubeagents.engine.config.FieldCheck;
import java.util.LinkedHashMap;
import java.util.Map;
import jenkins.model.Jenkins;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/** One container of a pod template; a container named {@code jnlp} replaces the agent container's settings. */
public class ContainerConfig implements Describable<ContainerConfig> {
    private final String name;
    private final String image;
    private String command;
    private String args;
    private String workingDir;
    private String envVars;
    private String resourceRequestCpu;
    private String resourceRequestMemory;
    private String resourceLimitCpu;
    private String resourceLimitMemory;
    private String ports;
    private boolean ttyEnabled;
    private boolean privileged;

    @DataBoundConstructor
    public ContainerConfig(String name, String image) {
        this.name = name == null ? "" : name.trim();
        this.image = text(image);
    }

    public String getName() {
        return name;
    }

    public String getImage() {
        return image;
    }

    public String getCommand() {
        return command;
    }

    @DataBoundSetter
    public void setCommand(String command) {
        this.command = text(command);
    }

    public String getArgs() {
        return args;
    }

    @DataBoundSetter
    public void setArgs(String args) {
        this.args = text(args);
    }

    public String getWorkingDir() {
        return workingDir;
    }

    @DataBoundSetter
    public void setWorkingDir(String workingDir) {
        this.workingDir = text(workingDir);
    }

    public String getEnvVars() {
        return envVars;
    }

    @DataBoundSetter
    public void setEnvVars(String envVars) {
        this.envVars = text(envVars);
    }

    public String getResourceRequestCpu() {
        return resourceRequestCpu;
    }

    @DataBoundSetter
    public void setResourceRequestCpu(String resourceRequestCpu) {
        this.resourceRequestCpu = text(resourceRequestCpu);
    }

    public String getResourceRequestMemory() {
        return resourceRequestMemory;
    }

    @DataBoundSetter
    public void setResourceRequestMemory(String resourceRequestMemory) {
        this.resourceRequestMemory = text(resourceRequestMemory);
    }

    public String getResourceLimitCpu() {
        return resourceLimitCpu;
    }

    @DataBoundSetter
    public void setResourceLimitCpu(String resourceLimitCpu) {
        this.resourceLimitCpu = text(resourceLimitCpu);
    }

    public String getResourceLimitMemory() {
        return resourceLimitMemory;
    }

    @DataBoundSetter
    public void setResourceLimitMemory(String resourceLimitMemory) {
        this.resourceLimitMemory = text(resourceLimitMemory);
    }

    public String getPorts() {
        return ports;
    }

    @DataBoundSetter
    public void setPorts(String ports) {
        this.ports = text(ports);
    }

    public boolean isTtyEnabled() {
        return ttyEnabled;
    }

    @DataBoundSetter
    public void setTtyEnabled(boolean ttyEnabled) {
        this.ttyEnabled = ttyEnabled;
    }

    public boolean isPrivileged() {
        return privileged;
    }

    @DataBoundSetter
    public void setPrivileged(boolean privileged) {
        this.privileged = privileged;
    }

    Map<String, Object> asMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        putIfSet(m, "image", image);
        putIfSet(m, "command", command);
        putIfSet(m, "args", args);
        putIfSet(m, "workingDir", workingDir);
        putIfSet(m, "envVars", envVars);
        putIfSet(m, "resourceRequestCpu", resourceRequestCpu);
        putIfSet(m, "resourceRequestMemory", resourceRequestMemory);
        putIfSet(m, "resourceLimitCpu", resourceLimitCpu);
        putIfSet(m, "resourceLimitMemory", resourceLimitMemory);
        putIfSet(m, "ports", ports);
        if (ttyEnabled) {
            m.put("ttyEnabled", true);
        }
        if (privileged) {
            m.put("privileged", true);
        }
        return m;
    }

    @Override
    @SuppressWarnings("unchecked")
    public Descriptor<ContainerConfig> getDescriptor() {
        return Jenkins.get().getDescriptorOrDie(getClass());
    }

    @Extension
    @Symbol("container")
    public static class DescriptorImpl extends Descriptor<ContainerConfig> {
        @Override
        public String getDisplayName() {
            return "Container";
        }

        @POST
        public FormValidation doCheckName(@QueryParameter String value) {
            return check("name", value == null ? "" : value.trim());
        }

        @POST
        public FormValidation doCheckImage(@QueryParameter String value) {
            return check("image", text(value));
        }

        @POST
        public FormValidation doCheckWorkingDir(@QueryParameter String value) {
            return check("workingDir", text(value));
        }

        @POST
        public FormValidation doCheckEnvVars(@QueryParameter String value) {
            return check("envVars", text(value));
        }

        @POST
        public FormValidation doCheckResourceRequestCpu(@QueryParameter String value) {
            return check("resourceRequestCpu", text(value));
        }

        @POST
        public FormValidation doCheckResourceRequestMemory(@QueryParameter String value) {
            return check("resourceRequestMemory", text(value));
        }

        @POST
        public FormValidation doCheckResourceLimitCpu(@QueryParameter String value) {
            return check("resourceLimitCpu", text(value));
        }

        @POST
        public FormValidation doCheckResourceLimitMemory(@QueryParameter String value) {
            return check("resourceLimitMemory", text(value));
        }

        @POST
        public FormValidation doCheckPorts(@QueryParameter String value) {
            return check("ports", text(value));
        }

        private static FormValidation check(String field, Object value) {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
            return FormProblems.of(FieldCheck.container(field, value));
        }
    }
}
