package io.jenkins.plugins.kubeagents.engine.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.jenkins.plugins.kubeagents.engine.config.TemplateFile;
import io.jenkins.plugins.kubeagents.engine.importer.ImportReport.Entry;
import io.jenkins.plugins.kubeagents.engine.importer.ImportReport.Outcome;
import io.jenkins.plugins.kubeagents.engine.merge.TemplateInheritance;
import io.jenkins.plugins.kubeagents.engine.merge.YamlTree;
import io.jenkins.plugins.kubeagents.engine.render.AgentIdentity;
import io.jenkins.plugins.kubeagents.engine.render.PodRenderer;
import io.jenkins.plugins.kubeagents.engine.template.TemplateDefaults;
import io.jenkins.plugins.kubeagents.engine.template.TemplateSpec;
import io.jenkins.plugins.kubeagents.testing.Agents;
import io.jenkins.plugins.kubeagents.engine.validation.InvalidTemplateException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.Test;

/**
 * The Kubernetes plugin's configuration as code, every setting of its schema, through the importer: each key
 * accounted for, and the imported templates rendering (through kube-agents' one reader) to the pod that plugin
 * builds for the same settings.
 */
public class KubernetesPluginImportTest {
    private static final String EVERY_SETTING = resource("every-setting.yaml");
    private final KubernetesPluginImport.Result result = KubernetesPluginImport.convert(EVERY_SETTING);

    @Test
    public void noSettingIsDroppedSilently() {
        List<String> leaves = new ArrayList<>();
        leaves(YamlTree.single(EVERY_SETTING, "input"), "", leaves);
        List<String> paths = result.report().entries().stream().map(Entry::path).toList();
        assertThat(leaves).hasSizeGreaterThan(150).allSatisfy(leaf -> assertThat(paths)
                .as("a report entry for " + leaf).anyMatch(p -> leaf.equals(p) || leaf.startsWith(p + ".") || leaf.startsWith(p + "[")));
    }

    @Test
    public void whatCannotComeAcrossIsSaidWithWhatToDo() {
        assertThat(notCarried()).containsOnlyKeys(
                "jenkins.clouds[0].kubernetes.serverCertificate", "jenkins.clouds[0].kubernetes.credentialsId",
                "jenkins.clouds[0].kubernetes.retentionTimeout", "jenkins.clouds[0].kubernetes.waitForPodSec",
                "jenkins.clouds[0].kubernetes.jnlpregistry", "jenkins.clouds[0].kubernetes.templates[1].containers[0].shell",
                "jenkins.clouds[1]");
        assertThat(notCarried().get("jenkins.clouds[0].kubernetes.credentialsId")).contains("credentials plugin is not used", "token");
        assertThat(notCarried().get("jenkins.clouds[1]")).contains("not a cloud of the Kubernetes plugin", "docker");
        assertThat(result.report().format()).endsWith("mapped, " + result.report().count(Outcome.CARRIED) + " carried as YAML, "
                + result.report().count(Outcome.NOT_NEEDED) + " not needed, 7 not carried");
    }

    @Test
    @SuppressWarnings("unchecked")
    public void theCloudsSettingsMapToKubeAgentsFields() {
        Map<String, Object> cloud = (Map<String, Object>) ((Map<String, Object>) ((List<Object>) ((Map<String, Object>)
                result.casc().get("jenkins")).get("clouds")).get(0)).get("kubeAgents");
        assertThat(cloud).containsEntry("name", "kube").containsEntry("serverUrl", "https://kubernetes.default.svc")
                .containsEntry("namespace", "kube-ops").containsEntry("jenkinsUrl", "http://jenkins2.kube-ops.svc:8080/")
                .containsEntry("tunnel", "jenkins2-agent.kube-ops.svc:50000").containsEntry("containerCap", 42L)
                .containsEntry("connectTimeoutSeconds", 7L).containsEntry("readTimeoutSeconds", 21L)
                .containsEntry("podRetention", "onFailure");
        assertThat((List<Object>) cloud.get("templates")).hasSize(8);
    }

    @Test
    public void theMavenTemplateRendersToThePodThePluginBuildsForTheSameSettings() {
        Pod pod = render("maven");
        Container maven = container(pod, "maven");
        assertThat(maven.getImage()).isEqualTo("maven:3.9-eclipse-temurin-17");
        assertThat(maven.getCommand()).containsExactly("sh", "-c");
        assertThat(maven.getArgs()).containsExactly("sleep infinity");
        assertThat(maven.getWorkingDir()).isEqualTo("/home/jenkins/agent");
        assertThat(maven.getTty()).isTrue();
        assertThat(maven.getImagePullPolicy()).isEqualTo("Always");
        assertThat(maven.getSecurityContext().getRunAsUser()).isEqualTo(1001L);
        assertThat(maven.getSecurityContext().getRunAsGroup()).isEqualTo(1002L);
        assertThat(maven.getResources().getRequests()).containsKeys("cpu", "memory", "ephemeral-storage");
        assertThat(maven.getResources().getRequests().get("ephemeral-storage").toString()).isEqualTo("1Gi");
        assertThat(maven.getResources().getLimits().get("memory").toString()).isEqualTo("2Gi");
        assertThat(maven.getResources().getLimits().get("ephemeral-storage").toString()).isEqualTo("4Gi");
        assertThat(maven.getPorts()).singleElement().satisfies(p -> {
            assertThat(p.getContainerPort()).isEqualTo(5005);
            assertThat(p.getName()).isEqualTo("debug");
            assertThat(p.getHostPort()).isEqualTo(15005);
        });
        assertThat(maven.getLivenessProbe().getExec().getCommand()).containsExactly("cat", "/tmp/healthy");
        assertThat(maven.getLivenessProbe().getPeriodSeconds()).isEqualTo(20);
        assertThat(env(maven)).containsEntry("MAVEN_OPTS", "-Xmx768m").containsEntry("JAVA_TOOL_OPTIONS", "-XX:+UseContainerSupport")
                .containsEntry("NEXUS_PASSWORD", "secret nexus/password").containsEntry("SONAR_TOKEN", "secret sonar/token");
        assertThat(env(container(pod, "jnlp"))).as("the template's variables are in every container")
                .containsEntry("MAVEN_OPTS", "-Xmx768m").containsEntry("NEXUS_PASSWORD", "secret nexus/password");
        assertThat(container(pod, "jnlp").getImage()).as("inherited from the defaults provider")
                .isEqualTo("jenkins/inbound-agent:3355.v388858a_47b_33-3-jdk21");

        assertThat(pod.getMetadata().getNamespace()).isEqualTo("builds");
        assertThat(pod.getMetadata().getLabels()).containsEntry("team", "platform");
        assertThat(pod.getMetadata().getAnnotations()).containsEntry("cluster-autoscaler.kubernetes.io/safe-to-evict", "false");
        assertThat(pod.getSpec().getNodeSelector()).containsEntry("kubernetes.io/os", "linux").containsEntry("pool", "builds");
        assertThat(pod.getSpec().getServiceAccountName()).isEqualTo("builder");
        assertThat(pod.getSpec().getSchedulerName()).isEqualTo("batch-scheduler");
        assertThat(pod.getSpec().getHostNetwork()).isFalse();
        assertThat(pod.getSpec().getSecurityContext().getRunAsUser()).isEqualTo(1000L);
        assertThat(pod.getSpec().getSecurityContext().getSupplementalGroups()).containsExactly(2000L, 3000L);
        assertThat(pod.getSpec().getImagePullSecrets()).extracting(r -> r.getName()).containsExactly("registry-creds");
        assertThat(pod.getSpec().getActiveDeadlineSeconds()).isEqualTo(3600L);
        assertThat(pod.getSpec().getPriorityClassName()).as("the template's own raw YAML").isEqualTo("builds");

        Map<String, Volume> volumes = new LinkedHashMap<>();
        pod.getSpec().getVolumes().forEach(v -> volumes.put(mountPath(maven, v.getName()), v));
        assertThat(volumes.get("/var/run/docker.sock").getHostPath().getPath()).isEqualTo("/var/run/docker.sock");
        assertThat(volumes.get("/home/jenkins/.m2/settings.xml").getConfigMap().getOptional()).isTrue();
        assertThat(mount(maven, "/home/jenkins/.m2/settings.xml").getSubPath()).isEqualTo("settings.xml");
        assertThat(volumes.get("/etc/signing").getSecret().getDefaultMode()).isEqualTo(0400);
        assertThat(volumes.get("/home/jenkins/.m2/repository").getPersistentVolumeClaim().getClaimName()).isEqualTo("maven-cache");
        assertThat(mount(maven, "/home/jenkins/.m2/repository").getReadOnly()).isTrue();
        assertThat(volumes.get("/tmp/fast").getEmptyDir().getMedium()).isEqualTo("Memory");
        assertThat(volumes.get("/artifacts").getNfs().getServer()).isEqualTo("nfs.example.com");
        assertThat(volumes.get("/scratch").getEphemeral().getVolumeClaimTemplate().getSpec().getStorageClassName()).isEqualTo("fast-ssd");
        assertThat(volumes.get("/cache").getEphemeral().getVolumeClaimTemplate().getSpec().getResources().getRequests()
                .get("storage").toString()).isEqualTo("5Gi");
        assertThat(volumes.get("/home/jenkins/agent").getNfs().getPath()).as("the workspace").isEqualTo("/exports/workspaces");
        assertThat(container(pod, "jnlp").getVolumeMounts()).as("every volume in the agent's container too")
                .extracting(VolumeMount::getMountPath).contains("/artifacts", "/scratch", "/home/jenkins/agent");
    }

    @Test
    public void everyWorkspaceVolumeComesAcross() {
        assertThat(workspace(render("memory")).getEmptyDir().getMedium()).isEqualTo("Memory");
        assertThat(workspace(render("memory")).getEmptyDir().getSizeLimit().toString()).isEqualTo("2Gi");
        assertThat(workspace(render("cached")).getPersistentVolumeClaim().getClaimName()).isEqualTo("workspace-cache");
        assertThat(workspace(render("host")).getHostPath().getPath()).isEqualTo("/mnt/workspaces");
        assertThat(workspace(render("dynamic")).getEphemeral().getVolumeClaimTemplate().getSpec().getStorageClassName())
                .isEqualTo("fast-ssd");
        assertThat(workspace(render("ephemeral")).getEphemeral().getVolumeClaimTemplate().getSpec().getStorageClassName())
                .isEqualTo("standard");
        assertThat(workspace(render("plain")).getEmptyDir().getMedium()).isNull();
    }

    @Test
    public void unreadableInputNamesLineAndColumn() {
        assertThatThrownBy(() -> KubernetesPluginImport.convert("jenkins:\n  clouds: [\n"))
                .isInstanceOf(InvalidTemplateException.class).hasMessageContaining("line").hasMessageContaining("column");
        assertThatThrownBy(() -> KubernetesPluginImport.convert("jenkins:\n  systemMessage: hi\n"))
                .isInstanceOf(InvalidTemplateException.class).hasMessageContaining("has no clouds");
    }

    @Test
    public void aValueThatIsNoNumberNamesItsSetting() {
        assertThatThrownBy(() -> KubernetesPluginImport.convert("""
                clouds:
                  - kubernetes:
                      name: kube
                      templates:
                        - name: maven
                          runAsUser: root
                """)).isInstanceOf(InvalidTemplateException.class)
                .hasMessageContaining("clouds[0].kubernetes.templates[0].runAsUser").hasMessageContaining("must be a whole number");
    }

    @Test
    public void justTheCloudsListIsEnoughAndATemplateWithoutANameIsNamedAfterItsLabelAndSaid() {
        KubernetesPluginImport.Result r = KubernetesPluginImport.convert("""
                clouds:
                  - kubernetes:
                      name: kube
                      templates:
                        - label: nameless
                        - name: ok
                          label: ok
                """);
        assertThat(r.templates()).containsOnlyKeys("nameless", "ok");
        assertThat(r.report().entries()).anySatisfy(e -> assertThat(e.toString())
                .contains("mapped", "clouds[0].kubernetes.templates[0]", "named nameless after its label"));
        assertThat(r.report().complete()).isTrue();
    }

    @Test
    public void templatesWithoutNamesGetNamesUniqueInTheCloud() {
        KubernetesPluginImport.Result r = KubernetesPluginImport.convert(resource("sparse.yaml"));

        assertThat(r.templates()).containsOnlyKeys("maven-2", "maven", "windows");
        assertThat(r.templates().values()).allSatisfy(t -> assertThat(TemplateFile.template(t)).isNotNull());
    }

    /** Every value the importer writes, of every fixture, the carried YAML read back too: none is "null". */
    @Test
    public void noValueOfAnyImportIsTheTextNull() {
        for (String input : List.of(EVERY_SETTING, resource("sparse.yaml"), readFile("examples/kubernetes-plugin.yaml"))) {
            KubernetesPluginImport.Result r = KubernetesPluginImport.convert(input);
            List<String> nulls = new ArrayList<>();
            nulls(r.casc(), "casc", nulls);
            r.templates().keySet().forEach(name -> nulls(r.templateFile(name), name, nulls));
            assertThat(nulls).as("values written as null").isEmpty();
        }
    }

    @Test
    public void whatASettingCannotDoWithoutIsSaidAndTheSettingSkipped() {
        KubernetesPluginImport.Result r = KubernetesPluginImport.convert(resource("sparse.yaml"));
        Map<String, String> notCarried = new LinkedHashMap<>();
        r.report().entries().stream().filter(e -> e.outcome() == Outcome.NOT_CARRIED).forEach(e -> notCarried.put(e.path(), e.detail()));
        String t = "jenkins.clouds[0].kubernetes.templates[0].";
        assertThat(notCarried).containsOnlyKeys(t + "annotations[1]", t + "containers[1].livenessProbe", t + "containers[1].ports[0]",
                t + "containers[1].envVars[0]", t + "containers[2]", t + "envVars[0]", t + "imagePullSecrets[1]", t + "volumes[0]",
                t + "volumes[1]", t + "volumes[2]", t + "workspaceVolume");
        assertThat(notCarried.get(t + "volumes[0]")).contains("claimName");
        assertThat(notCarried.get(t + "envVars[0]")).contains("secretKey");
    }

    @Test
    public void valuesOfSeveralLinesSurviveAsOneValue() {
        KubernetesPluginImport.Result r = KubernetesPluginImport.convert(resource("sparse.yaml"));
        Pod pod = renderImported(r, "maven-2");

        assertThat(pod.getMetadata().getAnnotations()).containsEntry("example.com/note", "first line\nsecond line\n");
        assertThat(env(container(pod, "maven"))).containsEntry("SCRIPT", "set -e\nmvn -v\n").containsEntry("EMPTY", "");
        assertThat(env(container(pod, "jnlp"))).containsEntry("SCRIPT", "set -e\nmvn -v\n");
    }

    @Test
    public void aContainersWorkingDirectoryHasTheWorkspaceAsInTheKubernetesPlugin() {
        Pod pod = renderImported(KubernetesPluginImport.convert(resource("sparse.yaml")), "maven-2");

        assertThat(container(pod, "maven").getWorkingDir()).isEqualTo("/src");
        assertThat(mount(container(pod, "maven"), "/src").getName()).isEqualTo("workspace-volume");
        assertThat(mount(container(pod, "maven"), "/home/jenkins/agent").getName()).isEqualTo("workspace-volume");
    }

    @Test
    public void aCloudThatDidNotAskForRestrictedSecurityImportsWithoutIt() {
        KubernetesPluginImport.Result r = KubernetesPluginImport.convert(resource("sparse.yaml"));

        assertThat(r.templates().values()).allSatisfy(t -> assertThat(t).containsEntry("restrictedSecurity", false));
        assertThat(container(renderImported(r, "maven-2"), "jnlp").getSecurityContext()).isNull();
        KubernetesPluginImport.Result asked = KubernetesPluginImport.convert("""
                clouds:
                  - kubernetes:
                      name: kube
                      restrictedPssSecurityContext: true
                      templates: [{name: maven, label: maven}]
                """);
        assertThat(asked.templates().get("maven")).containsEntry("restrictedSecurity", true);
    }

    /** The README's before and after are the example file and what the importer makes of it. */
    @Test
    public void theReadmesExampleIsWhatTheImporterWrites() throws IOException {
        String readme = java.nio.file.Files.readString(java.nio.file.Path.of("README.md"));
        String before = java.nio.file.Files.readString(java.nio.file.Path.of("examples/kubernetes-plugin.yaml"));
        assertThat(block(readme, "<!-- import-before -->")).isEqualTo(before);
        assertThat(block(readme, "<!-- import-after -->")).isEqualTo(KubernetesPluginImport.yaml(KubernetesPluginImport.convert(before).casc()));
    }

    private static String block(String readme, String marker) {
        int start = readme.indexOf("```yaml\n", readme.indexOf(marker)) + 8;
        return readme.substring(start, readme.indexOf("```", start));
    }

    private Pod render(String template) {
        Map<String, TemplateSpec> byName = new LinkedHashMap<>();
        result.templates().values().forEach(t -> {
            TemplateSpec spec = TemplateFile.template(t);
            byName.put(spec.name(), spec);
        });
        return new PodRenderer(TemplateDefaults.STANDARD).render(new TemplateInheritance(byName).resolve(template),
                new AgentIdentity(template + "-abcd1234", "builds", "kube", template, Agents.CONTROLLER_ID), Agents.TCP);
    }

    private Map<String, String> notCarried() {
        Map<String, String> out = new LinkedHashMap<>();
        result.report().entries().stream().filter(e -> e.outcome() == Outcome.NOT_CARRIED).forEach(e -> out.put(e.path(), e.detail()));
        return out;
    }

    private static Volume workspace(Pod pod) {
        return pod.getSpec().getVolumes().stream().filter(v -> v.getName().equals("workspace-volume")).findFirst().orElseThrow();
    }

    private static Container container(Pod pod, String name) {
        return pod.getSpec().getContainers().stream().filter(c -> c.getName().equals(name)).findFirst().orElseThrow();
    }

    private static Map<String, String> env(Container c) {
        Map<String, String> env = new LinkedHashMap<>();
        for (EnvVar e : c.getEnv()) {
            env.put(e.getName(), e.getValueFrom() != null && e.getValueFrom().getSecretKeyRef() != null
                    ? "secret " + e.getValueFrom().getSecretKeyRef().getName() + "/" + e.getValueFrom().getSecretKeyRef().getKey()
                    : e.getValue());
        }
        return env;
    }

    private static VolumeMount mount(Container c, String path) {
        return c.getVolumeMounts().stream().filter(m -> m.getMountPath().equals(path)).findFirst().orElseThrow();
    }

    private static String mountPath(Container c, String volume) {
        return c.getVolumeMounts().stream().filter(m -> m.getName().equals(volume)).map(VolumeMount::getMountPath)
                .findFirst().orElse(volume);
    }

    private static void leaves(Object node, String path, List<String> out) {
        if (node instanceof Map<?, ?> map && !map.isEmpty()) {
            map.forEach((k, v) -> leaves(v, path.isEmpty() ? String.valueOf(k) : path + "." + k, out));
        } else if (node instanceof List<?> list && !list.isEmpty()) {
            for (int i = 0; i < list.size(); i++) {
                leaves(list.get(i), path + "[" + i + "]", out);
            }
        } else {
            out.add(path);
        }
    }

    private static Pod renderImported(KubernetesPluginImport.Result r, String template) {
        List<TemplateSpec> specs = r.templates().values().stream().map(TemplateFile::template).toList();
        return new PodRenderer(TemplateDefaults.STANDARD).render(TemplateInheritance.of(specs).resolve(template),
                new AgentIdentity(template + "-abcd1234", "builds", "kube", template, Agents.CONTROLLER_ID), Agents.TCP);
    }

    private static void nulls(Object node, String path, List<String> out) {
        if (node instanceof Map<?, ?> map) {
            map.forEach((k, v) -> nulls(v, path + "." + k, out));
        } else if (node instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                nulls(list.get(i), path + "[" + i + "]", out);
            }
        } else if (node == null || "null".equals(node)) {
            out.add(path);
        } else if (path.endsWith(".yaml") && node instanceof String yaml) {
            for (String doc : yaml.split("\n---\n")) {
                nulls(YamlTree.single(doc, path), path, out);
            }
        } else if (node instanceof String text && text.lines().anyMatch(line -> line.endsWith("=null") || line.startsWith("null="))) {
            out.add(path + ": " + text);
        }
    }

    private static String readFile(String path) {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of(path));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String resource(String name) {
        try (InputStream in = KubernetesPluginImportTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
