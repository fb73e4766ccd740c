package io.jenkins.plugins.kubeagents.pages;

import hudson.Extension;
import io.jenkins.plugins.kubeagents.cloud.KubeAgentsCloud;
import java.util.List;

/**
 * The administrators' notice (Manage Jenkins) of pod templates paused after failed launches: which, why in
 * Kubernetes' words, and when the next launch tries. It goes when every template's breaker is closed. Only users
 * with Jenkins' ADMINISTER permission, the monitors' default, see it.
 */
@Extension
public class PausedTemplatesMonitor extends hudson.model.AdministrativeMonitor {
    @Override
    public String getDisplayName() {
        return "Kube Agents: paused pod templates";
    }

    @Override
    public boolean isActivated() {
        return !getPausedTemplates().isEmpty();
    }

    public List<PausedTemplate> getPausedTemplates() {
        return KubeAgentsCloud.all().stream().flatMap(cloud -> cloud.pausedTemplates().stream()).toList();
    }
}
