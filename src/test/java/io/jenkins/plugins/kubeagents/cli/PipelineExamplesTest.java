package io.jenkins.plugins.kubeagents.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.jenkins.plugins.kubeagents.testing.Agents;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.Test;

/**
 * The Pipeline examples ({@code examples/pipeline}) and the README's Pipelines agree with the templates: every
 * label a {@code node(…)} or a declarative {@code agent { label … }} asks for is a template's, every
 * {@code container(…)} names a container of that template's pod, and every container of a Pipeline template that
 * only waits for steps is reached by one. Declarative's {@code agent { label }} runs its stages in a {@code node}
 * block, so the two Jenkinsfiles must ask for the same pod and containers. (Pipeline itself does not run here.)
 */
public class PipelineExamplesTest {
    private static final Pattern NODE = Pattern.compile("node\\('([^']+)'\\)|agent \\{ label '([^']+)' }");
    private static final Pattern CONTAINER = Pattern.compile("container\\('([^']+)'\\)");
    private static final Path EXAMPLES = Path.of("examples", "pipeline");

    @Test
    public void theScriptedAndTheDeclarativeExampleAskForTheSamePodAndContainers() throws IOException {
        String scripted = Files.readString(EXAMPLES.resolve("Jenkinsfile"));
        String declarative = Files.readString(EXAMPLES.resolve("Jenkinsfile.declarative"));

        assertThat(labels(declarative)).isEqualTo(labels(scripted)).containsExactly("maven-pod");
        assertThat(containers(declarative)).isEqualTo(containers(scripted)).containsExactly("maven");
    }

    @Test
    public void everyContainerAPipelineNamesIsInItsTemplatesPodAndEveryWaitingContainerIsReached() throws IOException {
        Pod pod = Agents.renderLast(Files.readString(EXAMPLES.resolve("maven-pod.yaml")), Agents.TCP);
        List<String> podContainers = pod.getSpec().getContainers().stream().map(Container::getName).toList();
        Set<String> named = new LinkedHashSet<>();
        for (String pipeline : pipelines()) {
            if (labels(pipeline).contains("maven-pod")) {
                named.addAll(containers(pipeline));
            }
        }

        assertThat(podContainers).containsAll(named);
        assertThat(pod.getSpec().getContainers()).filteredOn(c -> List.of("sleep", "infinity")
                .equals(Stream.concat(c.getCommand().stream(), c.getArgs().stream()).toList()))
                .extracting(Container::getName).isNotEmpty().allMatch(named::contains);
    }

    /** The example Jenkinsfiles and every groovy block of the README. */
    private static List<String> pipelines() throws IOException {
        List<String> pipelines = new java.util.ArrayList<>();
        pipelines.add(Files.readString(EXAMPLES.resolve("Jenkinsfile")));
        pipelines.add(Files.readString(EXAMPLES.resolve("Jenkinsfile.declarative")));
        Matcher blocks = Pattern.compile("```groovy\n(.*?)```", Pattern.DOTALL).matcher(Files.readString(Path.of("README.md")));
        while (blocks.find()) {
            pipelines.add(blocks.group(1));
        }
        return pipelines;
    }

    private static Set<String> labels(String pipeline) {
        Set<String> labels = new LinkedHashSet<>();
        Matcher m = NODE.matcher(pipeline);
        while (m.find()) {
            labels.add(m.group(1) != null ? m.group(1) : m.group(2));
        }
        return labels;
    }

    private static Set<String> containers(String pipeline) {
        Set<String> names = new LinkedHashSet<>();
        Matcher m = CONTAINER.matcher(pipeline);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }
}
