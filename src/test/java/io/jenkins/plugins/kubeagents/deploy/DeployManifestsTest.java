package io.jenkins.plugins.kubeagents.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.jenkins.plugins.kubeagents.engine.config.TemplateFile;
import io.jenkins.plugins.kubeagents.engine.merge.UnknownFields;
import io.jenkins.plugins.kubeagents.engine.merge.YamlTree;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.Test;

/** The deployment kit users copy as it is: every manifest is a valid Kubernetes object, with the settings promised. */
public class DeployManifestsTest {
    private static final Path DEPLOY = Path.of("deploy");
    private final KubernetesSerialization serialization = new KubernetesSerialization();

    @Test
    public void everyManifestParsesWithoutUnknownFields() throws IOException {
        List<Path> manifests = manifests();
        assertThat(manifests).hasSize(8);
        for (Path manifest : manifests) {
            HasMetadata object = read(manifest);
            assertThat(UnknownFields.find(object, manifest.getFileName().toString())).as(manifest.toString()).isEmpty();
            assertThat(object.getMetadata().getName()).as(manifest + " name").isIn("kube-ops", "jenkins2", "jenkins2-agent", "opspvc");
            if (!object.getKind().equals("Namespace")) {
                assertThat(object.getMetadata().getNamespace()).as(manifest + " namespace").isEqualTo("kube-ops");
            }
        }
    }

    @Test
    public void theControllerKeepsItsHomeAndIsReachableAsPromised() throws IOException {
        Deployment deployment = (Deployment) read(DEPLOY.resolve("deployment.yaml"));
        assertThat(deployment.getSpec().getReplicas()).isEqualTo(1);
        assertThat(deployment.getSpec().getStrategy().getType()).isEqualTo("Recreate");
        assertThat(deployment.getSpec().getTemplate().getSpec().getServiceAccountName()).isEqualTo("jenkins2");
        assertThat(deployment.getSpec().getTemplate().getSpec().getSecurityContext().getFsGroup()).isEqualTo(1000L);
        assertThat(deployment.getSpec().getTemplate().getSpec().getVolumes())
                .anySatisfy(v -> assertThat(v.getPersistentVolumeClaim().getClaimName()).isEqualTo("opspvc"));
        var jenkins = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(jenkins.getPorts()).extracting(p -> p.getContainerPort()).containsExactly(8080, 50000);
        assertThat(jenkins.getReadinessProbe()).isNotNull();
        assertThat(jenkins.getLivenessProbe()).isNotNull();
        assertThat(jenkins.getResources().getRequests()).containsKeys("cpu", "memory");

        PersistentVolumeClaim pvc = (PersistentVolumeClaim) read(DEPLOY.resolve("pvc.yaml"));
        assertThat(pvc.getSpec().getAccessModes()).containsExactly("ReadWriteOnce");

        Service web = (Service) read(DEPLOY.resolve("service.yaml"));
        assertThat(web.getSpec().getType()).isEqualTo("NodePort");
        assertThat(web.getSpec().getPorts()).anySatisfy(p -> {
            assertThat(p.getPort()).isEqualTo(8080);
            assertThat(p.getNodePort()).isEqualTo(30002);
        }).anySatisfy(p -> assertThat(p.getPort()).isEqualTo(50000));
        Service agents = (Service) read(DEPLOY.resolve("service-agent.yaml"));
        assertThat(agents.getSpec().getType()).isEqualTo("ClusterIP");
        assertThat(agents.getSpec().getPorts()).extracting(p -> p.getPort()).containsExactly(8080, 50000);
    }

    @Test
    public void theConfigurationAsCodeTemplatesAreValidTemplates() throws IOException {
        Map<?, ?> casc = (Map<?, ?>) YamlTree.single(Files.readString(DEPLOY.resolve("casc/jenkins.yaml")), "casc");
        Map<?, ?> cloud = (Map<?, ?>) ((Map<?, ?>) ((List<?>) ((Map<?, ?>) casc.get("jenkins")).get("clouds")).get(0)).get("kubeAgents");
        assertThat(cloud.get("namespace")).isEqualTo("kube-ops");
        for (Object template : (List<?>) cloud.get("templates")) {
            @SuppressWarnings("unchecked")
            var spec = TemplateFile.template((Map<String, ?>) template);
            assertThat(spec.labels()).contains("maven");
        }
    }

    private HasMetadata read(Path manifest) throws IOException {
        return serialization.unmarshal(Files.readString(manifest));
    }

    private static List<Path> manifests() throws IOException {
        try (Stream<Path> files = Files.list(DEPLOY)) {
            return files.filter(p -> p.toString().endsWith(".yaml") && !p.getFileName().toString().equals("kustomization.yaml"))
                    .sorted().toList();
        }
    }
}
