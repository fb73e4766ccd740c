package io.jenkins.plugins.kubeagents.pages;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.Test;

/** The import page inside Jenkins shows what the command-line importer prints. */
public class KubernetesPluginImportLinkTest {
    @Test
    public void thePageShowsTheConfigurationToApplyAndTheReport() throws IOException {
        KubernetesPluginImportLink.ImportResult result = KubernetesPluginImportLink.ImportResult.of(
                Files.readString(Path.of("examples/kubernetes-plugin.yaml")));
        assertThat(result.getYaml()).contains("kubeAgents:", "tunnel: jenkins2-agent.kube-ops.svc:50000");
        assertThat(result.getReport()).contains("not carried     jenkins.clouds[0].kubernetes.credentialsId", "1 not carried");
        assertThat(result.isComplete()).isFalse();
    }

    @Test
    public void unreadableInputIsSaidWithLineAndColumnAndNoConfiguration() {
        KubernetesPluginImportLink.ImportResult result = KubernetesPluginImportLink.ImportResult.of("jenkins:\n  clouds: [\n");
        assertThat(result.getYaml()).isEmpty();
        assertThat(result.getReport()).contains("line 3, column 1").doesNotContain("Exception");
    }
}
