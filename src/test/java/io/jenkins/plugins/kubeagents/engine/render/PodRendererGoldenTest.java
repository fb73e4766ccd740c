package io.jenkins.plugins.kubeagents.engine.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.jenkins.plugins.kubeagents.engine.merge.PodYaml;
import io.jenkins.plugins.kubeagents.testing.Agents;
import io.jenkins.plugins.kubeagents.testing.GoldenFiles;
import java.util.List;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.Parameterized;
import org.junit.runners.Parameterized.Parameters;

/** Each case: {@code <case>.templates.yaml} renders (its last template) to exactly {@code <case>.pod.yaml}. */
@RunWith(Parameterized.class)
public class PodRendererGoldenTest {
    private static final GoldenFiles FILES = new GoldenFiles(PodRendererGoldenTest.class);

    @Parameters(name = "{0}")
    public static List<Object[]> cases() {
        return List.of(
                new Object[] {"minimal", Agents.TCP},
                new Object[] {"maven-docker", Agents.TCP},
                new Object[] {"yaml-override", Agents.TCP},
                new Object[] {"yaml-merge", Agents.TCP},
                new Object[] {"inheritance", Agents.TCP},
                new Object[] {"websocket", Agents.WEB_SOCKET});
    }

    private final String name;
    private final ConnectionSettings connection;

    public PodRendererGoldenTest(String name, ConnectionSettings connection) {
        this.name = name;
        this.connection = connection;
    }

    @Test
    public void rendersTheExpectedPod() {
        Pod pod = Agents.renderLast(FILES.read(name + ".templates.yaml"), connection);
        FILES.assertMatches(name + ".pod.yaml", PodYaml.toYaml(pod));
    }

    @Test
    public void renderedPodParsesBackToAnEqualPod() {
        Pod pod = Agents.renderLast(FILES.read(name + ".templates.yaml"), connection);
        assertThat(PodYaml.parse(PodYaml.toYaml(pod), "rendered")).isEqualTo(pod);
    }
}
