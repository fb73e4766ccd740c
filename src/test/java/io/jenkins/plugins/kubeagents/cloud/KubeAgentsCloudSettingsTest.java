package io.jenkins.plugins.kubeagents.cloud;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.kubeagents.engine.cluster.ClusterSettings;
import io.jenkins.plugins.kubeagents.engine.template.RetentionPolicy;
import io.jenkins.plugins.kubeagents.engine.validation.Problem;
import org.junit.Test;

/** The cloud form's connection fields, as the engine receives them (plain Java: no Jenkins needed). */
public class KubeAgentsCloudSettingsTest {

    @Test
    public void eachAuthenticationChoiceBecomesItsEngineSettings() {
        assertThat(settings(KubeAgentsCloud.IN_CLUSTER, null).auth()).isEqualTo(new ClusterSettings.InCluster());
        assertThat(settings(null, null).auth()).as("the default").isEqualTo(new ClusterSettings.InCluster());
        assertThat(settings(KubeAgentsCloud.KUBECONFIG, null).auth())
                .isEqualTo(new ClusterSettings.Kubeconfig("/var/jenkins_home/.kube/config", "ci"));
        assertThat(settings(KubeAgentsCloud.TOKEN, "t0ken").auth()).isEqualTo(new ClusterSettings.Token("t0ken", null));
    }

    @Test
    public void aTokenWithoutServerOrValueIsNamedByField() {
        ClusterSettings settings = KubeAgentsCloud.clusterSettings(" ", "kube-ops", KubeAgentsCloud.TOKEN, null, null, null,
                null, false, 10, 30);
        assertThat(settings.problems("cloud")).extracting(Problem::path)
                .containsExactlyInAnyOrder("cloud.serverUrl", "cloud.token");
    }

    @Test
    public void retentionChoicesMapToTheEnginePolicies() {
        assertThat(KubeAgentsTemplate.retention("onFailure")).isEqualTo(RetentionPolicy.ON_FAILURE);
        assertThat(KubeAgentsTemplate.retention("always")).isEqualTo(RetentionPolicy.ALWAYS);
        assertThat(KubeAgentsTemplate.retention(null)).isEqualTo(RetentionPolicy.NEVER);
    }

    private static ClusterSettings settings(String authentication, String token) {
        return KubeAgentsCloud.clusterSettings("https://10.0.0.1:6443", "kube-ops", authentication,
                "/var/jenkins_home/.kube/config", "ci", token, null, false, 10, 30);
    }
}
