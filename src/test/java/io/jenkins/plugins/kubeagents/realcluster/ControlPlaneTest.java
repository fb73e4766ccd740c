package io.jenkins.plugins.kubeagents.realcluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.jenkins.plugins.kubeagents.testing.RealCluster;
import org.junit.Test;

/** The fixture itself: the release it was built from, RBAC in force, ServiceAccount tokens. */
public class ControlPlaneTest {
    private final RealCluster cluster = RealCluster.shared();

    @Test
    public void theApiServerIsTheReleaseItWasBuiltFrom() {
        assertThat(cluster.admin().getKubernetesVersion().getGitVersion()).isEqualTo("v1.37.2");
    }

    @Test
    public void aServiceAccountWithoutRulesIsRefusedByRbac() {
        KubernetesClient admin = cluster.admin();
        cluster.namespace("fixture", java.util.Map.of());
        admin.serviceAccounts().inNamespace("fixture").resource(new ServiceAccountBuilder().withNewMetadata()
                .withName("nobody").endMetadata().build()).serverSideApply();

        try (KubernetesClient nobody = new KubernetesClientBuilder().withConfig(cluster.serviceAccountConfig("fixture", "nobody")).build()) {
            assertThatThrownBy(() -> nobody.pods().inNamespace("fixture").list())
                    .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(403));
        }
    }
}
