package io.jenkins.plugins.kubeagents.cloud;

import hudson.Util;
import hudson.util.FormValidation;
import io.jenkins.plugins.kubeagents.engine.cluster.ClusterCheck;
import java.util.stream.Collectors;

/** The cluster check as the "Test connection" button shows it: green when the plugin can work, red otherwise. */
final class ConnectionReport {
    private ConnectionReport() {}

    static FormValidation toValidation(ClusterCheck.Report report) {
        String html = report.lines().stream().map(Util::escape).collect(Collectors.joining("<br/>"));
        return report.ok() ? FormValidation.okWithMarkup(html) : FormValidation.errorWithMarkup(html);
    }
}
