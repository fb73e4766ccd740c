package io.jenkins.plugins.kubeagents.engine.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.jenkins.plugins.kubeagents.testing.Agents;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.Test;

/**
 * The agent runs its builds under the {@code jnlp} container's working directory: wherever a container starts,
 * the workspace is there, so builds never run outside the workspace volume.
 */
public class WorkingDirectoryTest {

    @Test
    public void theAgentsWorkingDirectoryHasTheWorkspaceSoBuildsStayOnIt() {
        Map<String, String> mounts = mounts(container("""
                name: t
                containers:
                  - {name: jnlp, image: jenkins/inbound-agent, workingDir: /workspace}
                """, "jnlp"));

        assertThat(mounts).containsEntry("/workspace", "workspace-volume").containsEntry("/home/jenkins/agent", "workspace-volume");
    }

    @Test
    public void aWorkingDirectoryInsideTheWorkspaceOrWithItsOwnMountGetsNoSecondMount() {
        Map<String, String> inside = mounts(container("""
                name: t
                containers:
                  - {name: maven, image: maven, workingDir: /home/jenkins/agent/src}
                """, "maven"));
        Map<String, String> own = mounts(container("""
                name: t
                containers:
                  - {name: maven, image: maven, workingDir: /cache}
                volumes:
                  - {type: emptyDir, mountPath: /cache}
                """, "maven"));

        assertThat(inside).containsOnlyKeys("/home/jenkins/agent");
        assertThat(own).containsEntry("/cache", "volume-0");
    }

    private static Container container(String templateFile, String name) {
        return Agents.renderLast(templateFile, Agents.TCP).getSpec().getContainers().stream()
                .filter(c -> c.getName().equals(name)).findFirst().orElseThrow();
    }

    private static Map<String, String> mounts(Container c) {
        return c.getVolumeMounts().stream().collect(Collectors.toMap(VolumeMount::getMountPath, VolumeMount::getName));
    }
}
