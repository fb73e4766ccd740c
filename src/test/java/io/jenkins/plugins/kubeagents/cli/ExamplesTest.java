package io.jenkins.plugins.kubeagents.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.jenkins.plugins.kubeagents.testing.Agents;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.Test;

/**
 * The example templates beside {@code examples/pipeline} work in a freestyle job, where every build step runs in
 * the agent ({@code jnlp}) container: their tools are in the agent image, and no other container idles waiting for
 * steps that only a Pipeline {@code container} step could send it (that is {@link PipelineExamplesTest}'s).
 */
public class ExamplesTest {
    @Test
    public void noExampleHasAContainerThatOnlyWaitsForSteps() throws IOException {
        for (Path example : templateExamples()) {
            Pod pod = Agents.renderLast(Files.readString(example), Agents.TCP);
            for (Container c : pod.getSpec().getContainers()) {
                if (!c.getName().equals("jnlp")) {
                    assertThat(idles(c)).as(example + ": container " + c.getName() + " runs only `sleep infinity`: "
                            + "a freestyle build's steps never reach it").isFalse();
                }
            }
        }
    }

    @Test
    public void theMavenExamplesRunTheAgentImageThatHasMaven() throws IOException {
        String dockerfile = Files.readString(Path.of("agent", "Dockerfile"));
        assertThat(dockerfile).contains("docker build -t kube-agents/agent:0.1.0", "ln -s \"/opt/apache-maven-");
        for (String name : List.of("maven.yaml", "maven-docker.yaml")) {
            Pod pod = Agents.renderLast(Files.readString(Path.of("examples", name)), Agents.TCP);
            assertThat(pod.getSpec().getContainers()).as(name).singleElement()
                    .satisfies(c -> assertThat(c.getImage()).isEqualTo("kube-agents/agent:0.1.0"));
        }
    }

    private static boolean idles(Container c) {
        List<String> words = Stream.concat(c.getCommand().stream(), c.getArgs().stream()).toList();
        return words.equals(List.of("sleep", "infinity")) || words.equals(List.of("cat")) || Boolean.TRUE.equals(c.getTty());
    }

    private static List<Path> templateExamples() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("examples"))) {
            return files.filter(f -> f.toString().endsWith(".yaml"))
                    .filter(f -> !f.getFileName().toString().equals("kubernetes-plugin.yaml")).sorted().toList();
        }
    }
}
