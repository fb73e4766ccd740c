package io.jenkins.plugins.kubeagents.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.kubeagents.testing.RealCluster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.Test;

/**
 * The command line against a real API server: {@code check} as the administrator, and a {@code trial} on a cluster
 * with no node, which must end with why instead of waiting out its whole limit.
 */
public class CommandLineOnRealServerTest {
    private final RealCluster cluster = RealCluster.shared();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    @Test
    public void checkReportsTheServerAndEveryPermissionAllowed() throws IOException {
        assertThat(run("check", "--kubeconfig", cluster.adminKubeconfig().toString(), "--namespace", "default")).isEqualTo(Main.OK);
        assertThat(out()).contains("Kubernetes v1.37.2", "namespace default exists", "allowed: create pods", "allowed: watch pods")
                .doesNotContain("DENIED");
    }

    @Test
    public void aTrialOnAClusterWithoutNodesEndsWithTheReasonWithinItsLimit() throws IOException {
        cluster.namespace("real-trial", Map.of());

        int exit = run("trial", "--template", "examples/minimal.yaml", "--kubeconfig", cluster.adminKubeconfig().toString(),
                "--namespace", "real-trial", "--unschedulable-budget", "2", "--timeout", "120");

        assertThat(exit).as(out()).isEqualTo(Main.PROBLEMS);
        assertThat(out()).contains("FAILED: UNSCHEDULABLE", "no scheduler placed the pod on a node within 2 s",
                "Deleted the pod and its Secret.");
        assertThat(cluster.admin().pods().inNamespace("real-trial").list().getItems()).isEmpty();
    }

    private int run(String... args) throws IOException {
        PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
        return new Main(print, print, Map.of("HOME", System.getProperty("java.io.tmpdir")), crud -> crud).run(args);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }
}
