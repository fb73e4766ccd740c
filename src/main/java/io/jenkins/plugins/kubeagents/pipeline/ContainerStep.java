package io.jenkins.plugins.kubeagents.pipeline;

import hudson.Extension;
import hudson.model.Node;
import hudson.model.TaskListener;
import java.util.Set;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundConstructor;

/**
 * {@code container('maven') { sh 'mvn -v' } }: the enclosed steps run in that container of the build's pod, in the
 * same workspace (every container mounts it at the same path), with the build's environment.
 */
public final class ContainerStep extends Step {
    private final String name;

    @DataBoundConstructor
    public ContainerStep(String name) {
        this.name = name == null ? "" : name.trim();
    }

    public String getName() {
        return name;
    }

    @Override
    public StepExecution start(StepContext context) {
        return new ContainerStepExecution(context, name);
    }

    /** Optional: Jenkins skips it, rather than failing the plugin, when Pipeline is not installed. */
    @Extension(optional = true)
    public static final class DescriptorImpl extends StepDescriptor {
        @Override
        public String getFunctionName() {
            return "container";
        }

        @Override
        public String getDisplayName() {
            return "Run the enclosed steps in a container of the build's kube-agents pod";
        }

        @Override
        public boolean takesImplicitBlockArgument() {
            return true;
        }

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(Node.class, TaskListener.class);
        }
    }
}
