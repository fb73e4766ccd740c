package io.jenkins.plugins.kubeagents.agents;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.kubeagents.testing.Bytecode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.Test;

/**
 * The launcher blocks Jenkins' launch thread until the engine's verdict: every wait it makes has a deadline, so an
 * engine that cannot answer (a runtime closed under it) ends the launch with a clear failure instead of a thread
 * that hangs until the agent's backup idle time. Read from the compiled launcher.
 */
public class LauncherDeadlineTest {
    /** Waits without a deadline: Future#get(), CompletableFuture#join(), Computer#waitUntilOnline(). */
    private static final Set<String> UNBOUNDED = Set.of("get()Ljava/lang/Object;", "join()Ljava/lang/Object;",
            "waitUntilOnline()V");

    @Test
    public void everyWaitOfTheLauncherHasADeadline() throws IOException {
        List<String> unbounded = new ArrayList<>();
        List<String> bounded = new ArrayList<>();
        try (InputStream in = Files.newInputStream(Path.of("target", "classes", "io/jenkins/plugins/kubeagents/agents/KubeAgentsLauncher.class"))) {
            Bytecode.calls(in, (method, owner, name, descriptor) -> {
                if (UNBOUNDED.contains(name + descriptor)) {
                    unbounded.add(method + " calls " + owner + "#" + name + descriptor);
                } else if (name.equals("get") && descriptor.equals("(JLjava/util/concurrent/TimeUnit;)Ljava/lang/Object;")) {
                    bounded.add(method);
                }
            });
        }
        assertThat(unbounded).as("waits without a deadline").isEmpty();
        assertThat(bounded).as("the wait for the engine's verdict").contains("launch");
    }
}
