package io.jenkins.plugins.kubeagents.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.kubeagents.engine.exec.ContainerCommand;
import java.util.Map;
import org.junit.Test;

public class ContainerEnvironmentTest {
    private static final Map<String, String> AGENT = Map.of("PATH", "/opt/java/openjdk/bin:/usr/bin", "HOME", "/home/jenkins",
            "JAVA_HOME", "/opt/java/openjdk");

    @Test
    public void theBuildsVariablesGoTheAgentProcessesOwnStayBehind() {
        Map<String, String> env = ContainerEnvironment.of(new String[] {"PATH=/opt/java/openjdk/bin:/usr/bin", "HOME=/home/jenkins",
                "JAVA_HOME=/opt/java/openjdk", "BUILD_NUMBER=7", "TOKEN=s3cr=t", "WORKSPACE=/home/jenkins/agent/workspace/app"},
                AGENT, "m-1");

        assertThat(env).containsExactly(Map.entry("BUILD_NUMBER", "7"), Map.entry("TOKEN", "s3cr=t"),
                Map.entry("WORKSPACE", "/home/jenkins/agent/workspace/app"), Map.entry(ContainerCommand.MARKER, "m-1"));
    }

    /** A variable the build set to a value of its own (a HOME, a whole PATH) is the build's: it goes. */
    @Test
    public void aVariableTheBuildChangedGoesWithItsNewValue() {
        Map<String, String> env = ContainerEnvironment.of(new String[] {"PATH=/only/this", "HOME=/home/jenkins/agent"}, AGENT, "m-2");

        assertThat(env).containsEntry("PATH", "/only/this").containsEntry("HOME", "/home/jenkins/agent");
    }

    /** withEnv(['PATH+MAVEN=/tools/bin']): the directories go before the container's PATH, not the agent's. */
    @Test
    public void directoriesTheBuildPutBeforeThePathGoBeforeTheContainersPath() {
        Map<String, String> env = ContainerEnvironment.of(new String[] {"PATH=/tools/bin:/x/bin:/opt/java/openjdk/bin:/usr/bin"},
                AGENT, "m-3");

        assertThat(env).doesNotContainKey("PATH").containsEntry(ContainerCommand.PATH_PREFIX, "/tools/bin:/x/bin");
    }
}
