package io.jenkins.plugins.kubeagents.agents;

import hudson.model.Descriptor;
import hudson.slaves.RetentionStrategy;

/**
 * An agent kept for further builds until idle for the template's {@code idleMinutes}, as Jenkins' own cloud
 * retention keeps one (see {@link AgentRetention} for warm agents).
 */
public class ReuseRetention extends AgentRetention {
    private static final Descriptor<RetentionStrategy<?>> DESCRIPTOR = new DescriptorImpl();

    public ReuseRetention(int idleMinutes) {
        super(idleMinutes);
    }

    @Override
    boolean isOneShot() {
        return false;
    }

    @Override
    public Descriptor<RetentionStrategy<?>> getDescriptor() {
        return DESCRIPTOR;
    }

    private static final class DescriptorImpl extends Descriptor<RetentionStrategy<?>> {
        @Override
        public String getDisplayName() {
            return "Kept for further builds until idle";
        }
    }
}
