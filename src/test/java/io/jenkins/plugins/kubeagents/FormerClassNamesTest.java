package io.jenkins.plugins.kubeagents;

import static org.assertj.core.api.Assertions.assertThat;

import com.thoughtworks.xstream.XStream;
import io.jenkins.plugins.kubeagents.agents.KubeAgentsAgent;
import io.jenkins.plugins.kubeagents.agents.KubeAgentsLauncher;
import io.jenkins.plugins.kubeagents.agents.OneShotRetention;
import io.jenkins.plugins.kubeagents.cloud.ContainerConfig;
import io.jenkins.plugins.kubeagents.cloud.KubeAgentsCloud;
import io.jenkins.plugins.kubeagents.cloud.KubeAgentsTemplate;
import io.jenkins.plugins.kubeagents.cloud.VolumeConfig;
import io.jenkins.plugins.kubeagents.engine.template.RetentionPolicy;
import java.io.InputStream;
import java.util.List;
import org.junit.Test;

/**
 * A {@code JENKINS_HOME} written by version 0.1, whose classes were all in the root package, still loads: the cloud
 * with its templates ({@code saved/cloud.xml}, written by XStream from the 0.1 classes) and an agent
 * ({@code saved/agent.xml}, the shape of {@code nodes/<name>/config.xml}), read as XStream reads them: no
 * constructor runs, elements Jenkins' own classes hold are skipped here.
 */
public class FormerClassNamesTest {
    private final XStream xstream = new XStream();

    {
        xstream.allowTypesByWildcard(new String[] {"io.jenkins.plugins.kubeagents.**", "java.util.**"});
        xstream.ignoreUnknownElements();
        FormerClassNames.CONFIGURATION.forEach(xstream::alias);
    }

    @Test
    public void aCloudSavedByVersion01LoadsWithItsTemplatesContainersAndVolumes() throws Exception {
        KubeAgentsCloud cloud = (KubeAgentsCloud) read("saved/cloud.xml");

        assertThat(cloud.getNamespace()).isEqualTo("kube-ops");
        assertThat(cloud.isWebSocket()).isTrue();
        assertThat(cloud.getContainerCap()).isEqualTo(20);
        assertThat(cloud.getPodRetention()).isEqualTo("onFailure");
        assertThat(cloud.getTemplates()).extracting(KubeAgentsTemplate::getName).containsExactly("base", "maven");
        KubeAgentsTemplate maven = cloud.getTemplates().get(1);
        assertThat(maven.getInheritFrom()).isEqualTo("base");
        assertThat(maven.getContainers()).extracting(ContainerConfig::getName, ContainerConfig::getImage)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("jnlp", "kube-agents/agent:0.1.0"),
                        org.assertj.core.groups.Tuple.tuple("tools", "alpine:3.20"));
        assertThat(maven.getVolumes()).extracting(VolumeConfig::getMountPath).containsExactly("/root/.m2", "/etc/maven");
        assertThat(maven.getWorkspaceVolume().getClaimName()).isEqualTo("workspaces");
        assertThat(maven.getYaml()).contains("priorityClassName: ci");
        assertThat(cloud.getTemplates().get(0).getRestrictedSecurity()).isEqualTo("true");
    }

    @Test
    public void anAgentSavedByVersion01LoadsWithItsRetentionAndWhetherItsBuildStarted() throws Exception {
        KubeAgentsAgent agent = (KubeAgentsAgent) read("saved/agent.xml");

        assertThat(agent.getCloudName()).isEqualTo("kubernetes");
        assertThat(agent.getTemplateName()).isEqualTo("maven");
        assertThat(agent.getPodRetention()).isEqualTo(RetentionPolicy.ALWAYS);
        assertThat(agent.hasStartedItsBuild()).isTrue();
    }

    /**
     * The agent's retention and launcher are written as {@code class="…"} attributes; their classes cannot be
     * built outside Jenkins (their descriptors need it), so the alias is checked where XStream resolves it.
     */
    @Test
    public void everyFormerNameResolvesToItsClassAsTheSavedFilesWriteThem() throws Exception {
        for (String former : List.of("io.jenkins.plugins.kubeagents.OneShotRetention",
                "io.jenkins.plugins.kubeagents.ReuseRetention", "io.jenkins.plugins.kubeagents.KubeAgentsLauncher")) {
            assertThat(xstream.getMapper().realClass(former)).isEqualTo(FormerClassNames.CONFIGURATION.get(former));
        }
        assertThat(xstream.getMapper().realClass("io.jenkins.plugins.kubeagents.OneShotRetention")).isEqualTo(OneShotRetention.class);
        assertThat(xstream.getMapper().realClass("io.jenkins.plugins.kubeagents.KubeAgentsLauncher")).isEqualTo(KubeAgentsLauncher.class);
        String savedAgent = new String(resource("saved/agent.xml").readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(savedAgent).contains("class=\"io.jenkins.plugins.kubeagents.OneShotRetention\"",
                "class=\"io.jenkins.plugins.kubeagents.KubeAgentsLauncher\"");
    }

    /** Every class in a saved file's element or class attribute has an alias, so a new persisted class cannot be forgotten. */
    @Test
    public void everyClassNamedInTheSavedFilesHasAnAlias() throws Exception {
        java.util.Set<String> named = new java.util.TreeSet<>();
        for (String file : List.of("saved/cloud.xml", "saved/agent.xml")) {
            String xml = new String(resource(file).readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("io\\.jenkins\\.plugins\\.kubeagents\\.\\w+").matcher(xml);
            while (m.find()) {
                named.add(m.group());
            }
        }
        assertThat(FormerClassNames.CONFIGURATION.keySet()).containsAll(named);
    }

    /** Jenkins writes XML 1.1 declarations, which XStream's own parser refuses; Jenkins' XmlFile reads them. */
    /** An interruption by a lost pod, in a build record (build.xml) that 0.1 wrote, reads back with its text. */
    @Test
    public void aBuildInterruptedByALostPodUnder01ReadsBackItsCause() {
        XStream builds = new XStream();
        builds.allowTypesByWildcard(new String[] {"io.jenkins.plugins.kubeagents.**"});
        builds.ignoreUnknownElements();
        FormerClassNames.BUILD_RECORDS.forEach(builds::alias);

        Object cause = builds.fromXML("""
                <io.jenkins.plugins.kubeagents.PodLostInterruption>
                  <description>Pod kube-ops/maven-x1y2z3w4 was evicted: The node was low on resource: memory.</description>
                </io.jenkins.plugins.kubeagents.PodLostInterruption>""");

        assertThat(cause).isInstanceOf(io.jenkins.plugins.kubeagents.agents.PodLostInterruption.class);
        assertThat(((io.jenkins.plugins.kubeagents.agents.PodLostInterruption) cause).getShortDescription())
                .isEqualTo("Pod kube-ops/maven-x1y2z3w4 was evicted: The node was low on resource: memory.");
    }

    private Object read(String file) throws Exception {
        try (InputStream in = resource(file)) {
            String xml = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            return xstream.fromXML(xml.replaceFirst("^<\\?xml[^>]*\\?>", ""));
        }
    }

    private static InputStream resource(String file) {
        return FormerClassNamesTest.class.getResourceAsStream(file);
    }
}
