package io.jenkins.plugins.kubeagents.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.Extension;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.lang.reflect.AccessibleObject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import net.java.sezpoz.impl.SerAnnotatedElement;
import org.jenkinsci.Symbol;
import org.junit.BeforeClass;
import org.junit.Test;

/** Opens the built target/kube-agents.hpi the way Jenkins' plugin manager does and checks what it finds. */
public class HpiPackagingIT {
    private static final String PLUGIN_JAR = "WEB-INF/lib/kube-agents.jar";

    /** What the bundled libraries must be: the Kubernetes client on the JDK HTTP client, and nothing Jenkins ships. */
    private static final Set<String> RUNTIME_LIBRARIES = Set.of(
            "jackson-annotations", "jackson-core", "jackson-databind", "jackson-dataformat-yaml",
            "kubernetes-client", "kubernetes-client-api", "kubernetes-httpclient-jdk",
            "kubernetes-model-admissionregistration", "kubernetes-model-apiextensions", "kubernetes-model-apps",
            "kubernetes-model-autoscaling", "kubernetes-model-batch", "kubernetes-model-certificates",
            "kubernetes-model-common", "kubernetes-model-coordination", "kubernetes-model-core",
            "kubernetes-model-discovery", "kubernetes-model-events", "kubernetes-model-extensions",
            "kubernetes-model-flowcontrol", "kubernetes-model-gatewayapi", "kubernetes-model-metrics",
            "kubernetes-model-networking", "kubernetes-model-node", "kubernetes-model-policy",
            "kubernetes-model-rbac", "kubernetes-model-resource", "kubernetes-model-scheduling",
            "kubernetes-model-storageclass", "snakeyaml-engine", "zjsonpatch");

    private static PluginFile hpi;
    private static PluginFile pluginJar;

    @BeforeClass
    public static void open() {
        hpi = PluginFile.builtHpi();
        pluginJar = hpi.nested(PLUGIN_JAR);
    }

    @Test
    public void hpiManifestCarriesThePluginEntries() {
        assertPluginManifest(hpi);
    }

    /** Jenkins' class filter trusts a class for config.xml only when its own jar's manifest names the plugin. */
    @Test
    public void pluginJarManifestCarriesThePluginEntriesToo() {
        assertPluginManifest(pluginJar);
    }

    @Test
    public void indexJellyDescribesThePluginAtThePluginJarRoot() {
        assertThat(pluginJar.has("index.jelly")).as("index.jelly at the root of " + PLUGIN_JAR).isTrue();
        assertThat(new String(pluginJar.bytes("index.jelly"), StandardCharsets.UTF_8)).contains("Kubernetes pod");
    }

    @Test
    public void extensionIndexListsEveryExtensionOfThePlugin() throws Exception {
        Set<String> indexed = new TreeSet<>();
        try (ObjectInputStream in = new ObjectInputStream(pluginJar.open("META-INF/annotations/hudson.Extension"))) {
            for (Object o = in.readObject(); o != null; o = in.readObject()) {
                SerAnnotatedElement element = (SerAnnotatedElement) o;
                indexed.add(element.className + (element.memberName == null ? "" : "#" + element.memberName));
            }
        }
        assertThat(indexed).isNotEmpty().isEqualTo(annotatedIn(pluginJar, Extension.class));
    }

    /**
     * Extensions built on Pipeline's types cannot load in a Jenkins without it: they are optional, so Jenkins skips
     * them there instead of failing, and every other extension needs no Pipeline type.
     */
    @Test
    public void everyPipelineExtensionIsOptionalAndNoOtherIs() throws Exception {
        Map<String, Object> optional = new TreeMap<>();
        try (ObjectInputStream in = new ObjectInputStream(pluginJar.open("META-INF/annotations/hudson.Extension"))) {
            for (Object o = in.readObject(); o != null; o = in.readObject()) {
                SerAnnotatedElement element = (SerAnnotatedElement) o;
                optional.put(element.className, element.values.getOrDefault("optional", false));
            }
        }
        assertThat(optional).containsEntry("io.jenkins.plugins.kubeagents.pipeline.ContainerStep$DescriptorImpl", true);
        optional.forEach((extension, isOptional) -> assertThat(isOptional).as(extension)
                .isEqualTo(extension.startsWith("io.jenkins.plugins.kubeagents.pipeline.")));
    }

    @Test
    public void symbolIndexListsEveryClassWithASymbol() throws Exception {
        String index = new String(pluginJar.bytes("META-INF/services/annotations/org.jenkinsci.Symbol"), StandardCharsets.UTF_8);
        Set<String> listed = index.lines().map(String::strip).filter(l -> !l.isEmpty()).collect(Collectors.toCollection(TreeSet::new));
        assertThat(listed).isNotEmpty().isEqualTo(annotatedIn(pluginJar, Symbol.class));
    }

    /** Jenkins finds @Terminator methods through this annotation-indexer file, one declaring class a line. */
    @Test
    public void terminatorIndexListsEveryClassWithATerminator() throws Exception {
        String index = new String(pluginJar.bytes("META-INF/services/annotations/hudson.init.Terminator"), StandardCharsets.UTF_8);
        Set<String> listed = index.lines().map(String::strip).filter(l -> !l.isEmpty()).collect(Collectors.toCollection(TreeSet::new));
        Set<String> declaring = annotatedIn(pluginJar, hudson.init.Terminator.class).stream()
                .map(member -> member.substring(0, member.indexOf('#'))).collect(Collectors.toCollection(TreeSet::new));
        assertThat(listed).isNotEmpty().isEqualTo(declaring);
    }

    /** Jenkins finds @Initializer methods (the former class names' aliases) through this annotation-indexer file. */
    @Test
    public void initializerIndexListsEveryClassWithAnInitializer() throws Exception {
        String index = new String(pluginJar.bytes("META-INF/services/annotations/hudson.init.Initializer"), StandardCharsets.UTF_8);
        Set<String> listed = index.lines().map(String::strip).filter(l -> !l.isEmpty()).collect(Collectors.toCollection(TreeSet::new));
        Set<String> declaring = annotatedIn(pluginJar, hudson.init.Initializer.class).stream()
                .map(member -> member.substring(0, member.indexOf('#'))).collect(Collectors.toCollection(TreeSet::new));
        assertThat(listed).isNotEmpty().isEqualTo(declaring);
    }

    @Test
    public void noJenkinsClassIsPackaged() {
        List<String> all = new ArrayList<>(hpi.names());
        all.addAll(pluginJar.names());
        assertThat(all).noneMatch(n -> Stream.of("hudson/", "jenkins/", "org/kohsuke/", "org/jenkinsci/", "net/sf/json/")
                .anyMatch(n::startsWith));
        assertThat(pluginJar.names()).filteredOn(n -> n.endsWith(".class"))
                .isNotEmpty()
                .allMatch(n -> n.startsWith("io/jenkins/plugins/kubeagents/"));
    }

    @Test
    public void bundledLibrariesAreExactlyTheRuntimeSet() {
        Set<String> libraries = hpi.names().stream()
                .filter(n -> n.startsWith("WEB-INF/lib/") && !n.equals(PLUGIN_JAR))
                .map(n -> n.substring("WEB-INF/lib/".length()).replaceFirst("-\\d[^-]*\\.jar$", ""))
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(libraries).isEqualTo(new TreeSet<>(RUNTIME_LIBRARIES));
        assertThat(hpi.names()).noneMatch(n -> n.contains("vertx") || n.contains("netty") || n.contains("slf4j")
                || n.contains("okhttp"));
        assertThat(hpi.names()).filteredOn(n -> !n.startsWith("META-INF/")).allMatch(n -> n.startsWith("WEB-INF/lib/"));
    }

    private static void assertPluginManifest(PluginFile file) {
        assertThat(file.manifest()).as("manifest as the first entry").isNotNull();
        Map<String, String> expected = Map.of(
                "Manifest-Version", "1.0",
                "Group-Id", "io.jenkins.plugins",
                "Short-Name", "kube-agents",
                "Long-Name", "Kube Agents",
                "Url", "https://github.com/jenkinsci/kube-agents-plugin",
                "Plugin-Version", System.getProperty("plugin.version"),
                "Jenkins-Version", "2.504.3",
                "Minimum-Java-Version", "17",
                "Plugin-Developers", "Kube Agents maintainers:kube-agents:",
                "Support-Dynamic-Loading", "true");
        expected.forEach((name, value) -> assertThat(file.attribute(name)).as(name).isEqualTo(value));
        // Pipeline is optional: without it Jenkins loads the plugin and skips the optional extensions (the step)
        assertThat(file.attribute("Plugin-Dependencies")).as("Plugin-Dependencies").isEqualTo(
                "durable-task:587.v84b_877235b_45;resolution:=optional,workflow-step-api:700.v6e45cb_a_5a_a_21;resolution:=optional");
    }

    /** Binary names of the classes (and Class#member) in the jar that carry the annotation, found by reflection. */
    private static Set<String> annotatedIn(PluginFile jar, Class<? extends java.lang.annotation.Annotation> annotation)
            throws IOException, ClassNotFoundException {
        Set<String> found = new TreeSet<>();
        for (String name : jar.names()) {
            if (!name.endsWith(".class")) {
                continue;
            }
            Class<?> c = Class.forName(name.substring(0, name.length() - 6).replace('/', '.'), false,
                    HpiPackagingIT.class.getClassLoader());
            if (c.isAnnotationPresent(annotation)) {
                found.add(c.getName());
            }
            List<AccessibleObject> members = new ArrayList<>(List.of(c.getDeclaredFields()));
            members.addAll(List.of(c.getDeclaredMethods()));
            for (AccessibleObject m : members) {
                if (m.isAnnotationPresent(annotation)) {
                    found.add(c.getName() + "#" + ((java.lang.reflect.Member) m).getName());
                }
            }
        }
        return found;
    }
}
