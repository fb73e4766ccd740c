package io.jenkins.plugins.kubeagents.realcluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.scheduling.v1.PriorityClassBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.jenkins.plugins.kubeagents.cloud.OneReaderTest;
import io.jenkins.plugins.kubeagents.engine.config.TemplateFile;
import io.jenkins.plugins.kubeagents.engine.importer.KubernetesPluginImport;
import io.jenkins.plugins.kubeagents.engine.merge.ResolvedTemplate;
import io.jenkins.plugins.kubeagents.engine.merge.TemplateInheritance;
import io.jenkins.plugins.kubeagents.engine.merge.YamlTree;
import io.jenkins.plugins.kubeagents.engine.render.AgentIdentity;
import io.jenkins.plugins.kubeagents.engine.render.AgentSecrets;
import io.jenkins.plugins.kubeagents.engine.render.PodRenderer;
import io.jenkins.plugins.kubeagents.engine.template.TemplateDefaults;
import io.jenkins.plugins.kubeagents.engine.template.TemplateSpec;
import io.jenkins.plugins.kubeagents.testing.Agents;
import io.jenkins.plugins.kubeagents.testing.RealCluster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.BeforeClass;
import org.junit.Test;

/**
 * Every example template, every golden template, the deployment kit's, the importer's and the form tests', rendered
 * as the plugin renders it, is created for real on a real API server (its Secret, then its pod; not a dry run): validation, defaulting and admission of a real server
 * accept it. Templates whose agent container is restricted go to a namespace that enforces the restricted Pod
 * Security Standard.
 */
public class TemplatesOnRealServerTest {
    private static final String NAMESPACE = "real-templates";
    private static final String RESTRICTED = "real-restricted";

    @BeforeClass
    public static void namespaces() {
        KubernetesClient admin = RealCluster.shared().admin();
        RealCluster.shared().namespace(NAMESPACE, Map.of());
        RealCluster.shared().namespace(RESTRICTED, Map.of("pod-security.kubernetes.io/enforce", "restricted"));
        for (String ns : List.of(NAMESPACE, RESTRICTED)) { // what the templates name that must exist
            admin.serviceAccounts().inNamespace(ns).resource(new ServiceAccountBuilder().withNewMetadata()
                    .withName("jenkins-agent").endMetadata().build()).serverSideApply();
        }
        admin.resource(new PriorityClassBuilder().withNewMetadata().withName("low").endMetadata().withValue(-10).build())
                .serverSideApply();
    }

    @Test
    public void everyExampleAndGoldenTemplateIsCreatedForReal() throws IOException {
        Map<String, List<TemplateSpec>> sources = new LinkedHashMap<>();
        assertThat(templateFiles()).as("the Pipeline example too").contains(Path.of("examples", "pipeline", "maven-pod.yaml"));
        for (Path file : templateFiles()) {
            sources.put(file.getFileName().toString(), TemplateFile.parse(Files.readString(file), "template"));
        }
        assertThat(createEvery(sources)).isGreaterThanOrEqualTo(10);
    }

    /**
     * The templates users get from elsewhere: the deployment kit's configuration as code, what the importer makes of
     * the Kubernetes plugin's example, and the templates the form tests build.
     */
    @Test
    public void theDeploymentKitsImportedAndFormTemplatesAreCreatedForReal() throws IOException {
        Map<String, List<TemplateSpec>> sources = new LinkedHashMap<>();
        sources.put("deploy/casc/jenkins.yaml", cascTemplates(Files.readString(Path.of("deploy", "casc", "jenkins.yaml"))));
        KubernetesPluginImport.Result imported = KubernetesPluginImport.convert(Files.readString(Path.of("examples", "kubernetes-plugin.yaml")));
        sources.put("import of examples/kubernetes-plugin.yaml",
                imported.templates().values().stream().map(TemplateFile::template).toList());
        sources.put("OneReaderTest", TemplateFile.parse(OneReaderTest.TEMPLATE_FILE, "template"));
        assertThat(createEvery(sources)).isGreaterThanOrEqualTo(4);
    }

    /** Creates every template with labels of each source; returns how many, failing with every refusal at once. */
    private static int createEvery(Map<String, List<TemplateSpec>> sources) {
        List<String> refused = new ArrayList<>();
        int created = 0;
        for (Map.Entry<String, List<TemplateSpec>> source : sources.entrySet()) {
            List<TemplateSpec> templates = source.getValue();
            for (TemplateSpec spec : templates) {
                if (spec.labels().isEmpty()) {
                    continue; // a parent only: its children are created
                }
                ResolvedTemplate template = TemplateInheritance.of(templates).resolve(spec.name());
                String namespace = Boolean.FALSE.equals(template.spec().restrictedSecurity()) ? NAMESPACE : RESTRICTED;
                try {
                    create(template, namespace);
                    created++;
                } catch (KubernetesClientException e) {
                    refused.add(source.getKey() + " " + spec.name() + " in " + namespace + ": " + e.getStatus().getMessage());
                }
            }
        }
        assertThat(refused).as("templates the real API server refused").isEmpty();
        return created;
    }

    @SuppressWarnings("unchecked")
    private static List<TemplateSpec> cascTemplates(String casc) {
        Map<String, ?> jenkins = (Map<String, ?>) ((Map<String, ?>) YamlTree.single(casc, "casc")).get("jenkins");
        Map<String, ?> cloud = (Map<String, ?>) ((Map<String, ?>) ((List<?>) jenkins.get("clouds")).get(0)).get("kubeAgents");
        return ((List<Map<String, ?>>) cloud.get("templates")).stream().map(TemplateFile::template).toList();
    }

    /** Creates the agent's Secret and pod as the engine does, then deletes both. */
    private static void create(ResolvedTemplate template, String namespace) {
        KubernetesClient admin = RealCluster.shared().admin();
        String name = AgentIdentity.newAgentName(template.spec().name());
        AgentIdentity agent = new AgentIdentity(name, namespace, Agents.CLOUD, template.spec().name(), Agents.CONTROLLER_ID);
        Pod pod = new PodRenderer(TemplateDefaults.STANDARD).render(template, agent, Agents.TCP);
        Secret secret = AgentSecrets.secretFor(agent, "inbound-secret");
        admin.resource(secret).create();
        try {
            assertThat(admin.resource(pod).create().getMetadata().getUid()).isNotNull();
            admin.resource(pod).withGracePeriod(0).delete();
        } finally {
            admin.resource(secret).delete();
        }
    }

    private static List<Path> templateFiles() throws IOException {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> examples = Files.walk(Path.of("examples"), 2)) {
            examples.filter(f -> f.toString().endsWith(".yaml") && !f.getFileName().toString().equals("kubernetes-plugin.yaml"))
                    .sorted().forEach(files::add);
        }
        try (Stream<Path> golden = Files.list(Path.of("src/test/resources/io/jenkins/plugins/kubeagents/engine/render/PodRendererGoldenTest"))) {
            golden.filter(f -> f.toString().endsWith(".templates.yaml")).sorted().forEach(files::add);
        }
        return files;
    }
}
