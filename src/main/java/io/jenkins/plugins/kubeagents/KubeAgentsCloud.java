package io.jenkins.plugins.kubeagents;

import hudson.Extension;
import hudson.model.Descriptor;
import hudson.slaves.Cloud;
import hudson.slaves.NodeProvisioner;
import java.util.Collection;
import java.util.List;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;

/** A cloud that runs each build on a fresh Kubernetes pod. */
public class KubeAgentsCloud extends Cloud {

    @DataBoundConstructor
    public KubeAgentsCloud(String name) {
        super(name);
    }

    /** The cloud's name; {@link Cloud} keeps it in a public field without a getter, which forms need. */
    public String getName() {
        return name;
    }

    @Override
    public boolean canProvision(CloudState state) {
        return false;
    }

    @Override
    public Collection<NodeProvisioner.PlannedNode> provision(CloudState state, int excessWorkload) {
        return List.of();
    }

    @Extension
    @Symbol("kubeAgents")
    public static class DescriptorImpl extends Descriptor<Cloud> {
        @Override
        public String getDisplayName() {
            return "Kube Agents";
        }
    }
}
