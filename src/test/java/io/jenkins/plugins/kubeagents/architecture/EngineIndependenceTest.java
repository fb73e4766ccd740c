package io.jenkins.plugins.kubeagents.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.kubeagents.cloud.KubeAgentsCloud;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.commons.ClassRemapper;
import org.objectweb.asm.commons.Remapper;

/**
 * The two layers, by package name: the engine ({@code io.jenkins.plugins.kubeagents.engine.*}) and the command line
 * ({@code ...kubeagents.cli}) are plain Java and fabric8, and reference no Jenkins, Stapler or Pipeline type and no
 * class of the Jenkins layer (every other class under {@code io.jenkins.plugins.kubeagents}). Reads the compiled
 * classes, so fully qualified uses count too.
 */
public class EngineIndependenceTest {
    private static final Path CLASSES = Path.of("target", "classes");
    private static final String ROOT = "io/jenkins/plugins/kubeagents/";

    @Test
    public void engineReferencesNoJenkinsType() throws IOException {
        Map<String, Set<String>> offenders = new TreeMap<>();
        for (Path file : engineClasses()) {
            Set<String> bad = new TreeSet<>();
            for (String type : referencedTypes(file)) {
                if (isJenkinsType(type)) {
                    bad.add(type);
                }
            }
            if (!bad.isEmpty()) {
                offenders.put(CLASSES.relativize(file).toString(), bad);
            }
        }
        assertThat(offenders).as("engine classes referencing Jenkins types").isEmpty();
    }

    @Test
    public void theCheckCatchesAJenkinsReference() throws IOException {
        Path cloud = CLASSES.resolve(ROOT + "cloud/KubeAgentsCloud.class");
        assertThat(referencedTypes(cloud)).anyMatch(EngineIndependenceTest::isJenkinsType);
    }

    static boolean isJenkinsType(String internalName) {
        boolean jenkinsLayer = internalName.startsWith(ROOT) && !internalName.startsWith(ROOT + "engine/")
                && !internalName.startsWith(ROOT + "cli/");
        return jenkinsLayer || Stream.of("hudson/", "jenkins/", "org/kohsuke/", "org/jenkinsci/", "net/sf/json/")
                .anyMatch(internalName::startsWith);
    }

    /**
     * Pipeline is an optional dependency: Jenkins loads the plugin without it, and a class that names a Pipeline
     * type fails to link there. So only the {@code pipeline} package names Pipeline types, and the rest of the plugin
     * reaches it only through {@code NodeBlocks}, which answers without loading any of them when Pipeline is absent.
     */
    @Test
    public void onlyThePipelinePackageReferencesPipelineTypes() throws IOException {
        Map<String, Set<String>> offenders = new TreeMap<>();
        try (Stream<Path> files = Files.walk(CLASSES.resolve(ROOT))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                if (CLASSES.relativize(file).toString().startsWith(ROOT + "pipeline/")) {
                    continue;
                }
                Set<String> bad = new TreeSet<>();
                for (String type : referencedTypes(file)) {
                    boolean pipelineType = type.startsWith("org/jenkinsci/plugins/workflow/")
                            || type.startsWith("org/jenkinsci/plugins/durabletask/");
                    boolean pipelinePackage = type.startsWith(ROOT + "pipeline/") && !type.equals(ROOT + "pipeline/NodeBlocks");
                    if (pipelineType || pipelinePackage) {
                        bad.add(type);
                    }
                }
                if (!bad.isEmpty()) {
                    offenders.put(CLASSES.relativize(file).toString(), bad);
                }
            }
        }
        assertThat(offenders).as("classes outside the pipeline package referencing Pipeline").isEmpty();
        assertThat(referencedTypes(CLASSES.resolve(ROOT + "pipeline/NodeBlocks.class")))
                .as("the guard itself").noneMatch(type -> type.startsWith("org/jenkinsci/plugins/"));
    }

    private static Set<Path> engineClasses() throws IOException {
        Set<Path> classes = new TreeSet<>();
        for (String layer : new String[] {"engine", "cli"}) {
            try (Stream<Path> files = Files.walk(CLASSES.resolve(ROOT + layer))) {
                files.filter(f -> f.toString().endsWith(".class")).forEach(classes::add);
            }
        }
        return classes;
    }

    private static Set<String> referencedTypes(Path classFile) throws IOException {
        Set<String> types = new TreeSet<>();
        Remapper collector = new Remapper() {
            @Override
            public String map(String internalName) {
                types.add(internalName);
                return internalName;
            }
        };
        try (InputStream in = Files.newInputStream(classFile)) {
            new ClassReader(in).accept(new ClassRemapper(new ClassWriter(0), collector), 0);
        }
        return types;
    }
}
