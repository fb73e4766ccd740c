package io.jenkins.plugins.kubeagents.engine.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.Config;
import io.jenkins.plugins.kubeagents.engine.validation.Problem;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.Test;

public class ClusterSettingsTest {
    private static final String PEM = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";

    @Test
    public void tokenSettingsBecomeTheClientConfiguration() {
        ClusterSettings settings = new ClusterSettings("https://10.0.0.1:6443", "kube-ops",
                new ClusterSettings.Token("s3cr3t-token", PEM), false, 7, 40);
        Config config = ClientFactory.config(settings);
        assertThat(config.getMasterUrl()).startsWith("https://10.0.0.1:6443");
        assertThat(config.getNamespace()).isEqualTo("kube-ops");
        assertThat(config.getOauthToken()).isEqualTo("s3cr3t-token");
        assertThat(new String(Base64.getDecoder().decode(config.getCaCertData()), StandardCharsets.UTF_8)).isEqualTo(PEM);
        assertThat(config.isTrustCerts()).isFalse();
        assertThat(config.getConnectionTimeout()).isEqualTo(7000);
        assertThat(config.getRequestTimeout()).isEqualTo(40000);
    }

    @Test
    public void theTokenNeverShowsInToString() {
        ClusterSettings settings = new ClusterSettings("https://10.0.0.1:6443", "kube-ops",
                new ClusterSettings.Token("s3cr3t-token", PEM), false, 10, 30);
        assertThat(settings.toString()).doesNotContain("s3cr3t-token").contains("token=****");
    }

    @Test
    public void everyBadSettingIsNamed() {
        ClusterSettings bad = new ClusterSettings("ftp://api", "Kube_Ops", new ClusterSettings.Token(" ", "not a pem"),
                false, 0, -1);
        assertThat(bad.problems("clouds[k8s]")).extracting(Problem::path).containsExactlyInAnyOrder(
                "clouds[k8s].namespace", "clouds[k8s].serverUrl", "clouds[k8s].token", "clouds[k8s].caCertificate",
                "clouds[k8s].connectTimeoutSeconds", "clouds[k8s].readTimeoutSeconds");
        assertThat(bad.problems("clouds[k8s]")).filteredOn(p -> p.path().endsWith("serverUrl")).first()
                .hasToString("clouds[k8s].serverUrl: must be an absolute http or https URL, e.g. 'https://10.0.0.1:6443' (got 'ftp://api')");
    }

    @Test
    public void tokenAuthenticationNeedsTheServerUrl() {
        ClusterSettings noServer = new ClusterSettings(null, "kube-ops", new ClusterSettings.Token("t", null), false, 10, 30);
        assertThat(noServer.problems("cloud")).extracting(Problem::toString)
                .containsExactly("cloud.serverUrl: is required with token authentication");
        assertThat(ClusterSettings.inCluster("kube-ops").problems("cloud")).isEmpty();
    }
}
