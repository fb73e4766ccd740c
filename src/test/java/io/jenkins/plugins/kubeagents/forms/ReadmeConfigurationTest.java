package io.jenkins.plugins.kubeagents.forms;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.kubeagents.cloud.ContainerConfig;
import io.jenkins.plugins.kubeagents.cloud.KubeAgentsCloud;
import io.jenkins.plugins.kubeagents.cloud.KubeAgentsTemplate;
import io.jenkins.plugins.kubeagents.cloud.VolumeConfig;
import io.jenkins.plugins.kubeagents.cloud.WorkspaceVolumeConfig;
import io.jenkins.plugins.kubeagents.engine.config.TemplateFile;
import io.jenkins.plugins.kubeagents.engine.importer.KubernetesPluginImport;
import io.jenkins.plugins.kubeagents.engine.merge.YamlTree;
import io.jenkins.plugins.kubeagents.engine.template.TemplateSpec;
import java.lang.reflect.Constructor;
import java.lang.reflect.Parameter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.Test;
import org.kohsuke.stapler.DataBoundConstructor;

/**
 * The README's configuration-as-code example is a fixture: every attribute binds to a constructor parameter or
 * setter of our describables (as JCasC binds them), and each template reads as a valid template.
 */
public class ReadmeConfigurationTest {

    @Test
    public void theReadmeExampleBindsToTheDescribables() throws Exception {
        Map<?, ?> cloud = (Map<?, ?>) ((Map<?, ?>) clouds().get(0)).get("kubeAgents");
        assertBinds(KubeAgentsCloud.class, cloud);
        for (Object t : (List<?>) cloud.get("templates")) {
            Map<?, ?> template = (Map<?, ?>) t;
            assertBinds(KubeAgentsTemplate.class, template);
            for (Object c : (List<?>) template.get("containers")) {
                assertBinds(ContainerConfig.class, (Map<?, ?>) c);
            }
            @SuppressWarnings("unchecked")
            TemplateSpec spec = TemplateFile.template((Map<String, ?>) template);
            assertThat(spec.labels()).containsExactly("maven");
            assertThat(spec.envVars()).singleElement().satisfies(e -> assertThat(e.name()).isEqualTo("MAVEN_OPTS"));
        }
    }

    /** What the importer writes is configuration as code that binds too, template by template, volume by volume. */
    @Test
    public void theImportOfTheKubernetesPluginsConfigurationBindsToo() throws Exception {
        String input = Files.readString(Path.of("src/test/resources/io/jenkins/plugins/kubeagents/engine/importer/every-setting.yaml"));
        KubernetesPluginImport.Result imported = KubernetesPluginImport.convert(input);
        Map<?, ?> casc = (Map<?, ?>) YamlTree.single(KubernetesPluginImport.yaml(imported.casc()), "import");
        Map<?, ?> cloud = (Map<?, ?>) ((Map<?, ?>) ((List<?>) ((Map<?, ?>) casc.get("jenkins")).get("clouds")).get(0)).get("kubeAgents");
        assertBinds(KubeAgentsCloud.class, cloud);
        for (Object t : (List<?>) cloud.get("templates")) {
            Map<?, ?> template = (Map<?, ?>) t;
            assertBinds(KubeAgentsTemplate.class, template);
            if (template.get("containers") instanceof List<?> containers) {
                containers.forEach(c -> assertBinds(ContainerConfig.class, (Map<?, ?>) c));
            }
            if (template.get("volumes") instanceof List<?> volumes) {
                volumes.forEach(v -> assertBinds(VolumeConfig.class, (Map<?, ?>) v));
            }
            if (template.get("workspaceVolume") instanceof Map<?, ?> w) {
                assertBinds(WorkspaceVolumeConfig.class, w);
            }
        }
    }

    private static List<?> clouds() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        int marker = readme.indexOf("<!-- casc-example -->");
        assertThat(marker).as("README marks its JCasC example").isPositive();
        int start = readme.indexOf("```yaml\n", marker) + 8;
        String yaml = readme.substring(start, readme.indexOf("```", start));
        return (List<?>) ((Map<?, ?>) ((Map<?, ?>) YamlTree.single(yaml, "README")).get("jenkins")).get("clouds");
    }

    private static void assertBinds(Class<?> type, Map<?, ?> attributes) {
        Constructor<?> constructor = Arrays.stream(type.getConstructors())
                .filter(c -> c.isAnnotationPresent(DataBoundConstructor.class)).findFirst().orElseThrow();
        List<String> parameters = Arrays.stream(constructor.getParameters()).map(Parameter::getName).toList();
        for (Object key : attributes.keySet()) {
            String name = String.valueOf(key);
            String setter = "set" + Character.toUpperCase(name.charAt(0)) + name.substring(1);
            boolean bindable = parameters.contains(name) || Arrays.stream(type.getMethods()).anyMatch(m -> m.getName().equals(setter));
            assertThat(bindable).as(type.getSimpleName() + "." + name + " binds").isTrue();
            Object value = attributes.get(key);
            Arrays.stream(type.getMethods()).filter(m -> m.getName().equals(setter) && m.getParameterCount() == 1)
                    .filter(m -> m.getParameterTypes()[0] == String.class).findFirst()
                    .ifPresent(m -> assertThat(value).as(type.getSimpleName() + "." + name + " is text, as JCasC gives a String")
                            .isNotInstanceOfAny(Map.class, List.class));
        }
    }
}
