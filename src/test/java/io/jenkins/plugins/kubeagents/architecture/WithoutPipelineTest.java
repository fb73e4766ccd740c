package io.jenkins.plugins.kubeagents.architecture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.Test;

/**
 * The plugin's classes in a Jenkins without the Pipeline plugins, whose classes are then missing: a class loader
 * that has everything else the tests have. What the rest of the plugin asks of Pipeline answers no, every class
 * outside the {@code pipeline} package loads with all its members, and the step's descriptor does not load (so it is
 * an optional extension, which Jenkins skips).
 */
public class WithoutPipelineTest {
    private static final Path CLASSES = Path.of("target", "classes");
    private static final String ROOT = "io/jenkins/plugins/kubeagents/";

    @Test
    public void whatThePluginAsksOfPipelineAnswersNo() throws Exception {
        try (URLClassLoader jenkins = withoutPipeline()) {
            Class<?> nodeBlocks = jenkins.loadClass("io.jenkins.plugins.kubeagents.pipeline.NodeBlocks");
            Class<?> task = jenkins.loadClass("hudson.model.Queue$Task");
            Class<?> executable = jenkins.loadClass("hudson.model.Queue$Executable");

            assertThat(nodeBlocks.getMethod("continuesAfterRestart", task).invoke(null, proxy(task))).isEqualTo(false);
            assertThat(nodeBlocks.getMethod("isContinuation", task).invoke(null, proxy(task))).isEqualTo(false);
            assertThat(nodeBlocks.getMethod("willContinue", executable).invoke(null, proxy(executable))).isEqualTo(false);
        }
    }

    @Test
    public void everyClassOutsideThePipelinePackageLoadsWithItsMembers() throws Exception {
        List<String> loaded = new ArrayList<>();
        try (URLClassLoader jenkins = withoutPipeline(); Stream<Path> files = Files.walk(CLASSES.resolve(ROOT))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name = CLASSES.relativize(file).toString().replace(".class", "").replace('/', '.');
                if (name.startsWith("io.jenkins.plugins.kubeagents.pipeline.")) {
                    continue;
                }
                Class<?> type = Class.forName(name, false, jenkins);
                type.getDeclaredMethods();
                type.getDeclaredFields();
                type.getDeclaredConstructors();
                loaded.add(name);
            }
        }
        assertThat(loaded).contains("io.jenkins.plugins.kubeagents.agents.KubeAgentsAgent",
                "io.jenkins.plugins.kubeagents.agents.OneShotRetention").hasSizeGreaterThan(100);
    }

    @Test
    public void theContainerStepsDescriptorDoesNotLoadSoItIsOptional() throws IOException {
        try (URLClassLoader jenkins = withoutPipeline()) {
            assertThatThrownBy(() -> Class.forName("io.jenkins.plugins.kubeagents.pipeline.ContainerStep$DescriptorImpl", true, jenkins))
                    .isInstanceOf(NoClassDefFoundError.class).hasMessageContaining("org/jenkinsci/plugins/workflow/steps/");
        }
    }

    private static Object proxy(Class<?> type) {
        return Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (p, method, args) -> null);
    }

    /** The test class path, without the Pipeline plugins' classes (the stand-in's, here). */
    private static URLClassLoader withoutPipeline() throws MalformedURLException {
        List<URL> urls = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            urls.add(Path.of(entry).toUri().toURL());
        }
        return new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader()) {
            @Override
            protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
                if (name.startsWith("org.jenkinsci.plugins.workflow.") || name.startsWith("org.jenkinsci.plugins.durabletask.")) {
                    throw new ClassNotFoundException(name + " (no Pipeline plugin installed)");
                }
                return super.loadClass(name, resolve);
            }
        };
    }
}
