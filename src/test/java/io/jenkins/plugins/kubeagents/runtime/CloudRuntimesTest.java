package io.jenkins.plugins.kubeagents.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.kubeagents.cluster.ClusterSettings;
import io.jenkins.plugins.kubeagents.testing.Agents;
import io.jenkins.plugins.kubeagents.testing.Engine;
import io.jenkins.plugins.kubeagents.testing.InMemoryControllerLink;
import io.jenkins.plugins.kubeagents.testing.MockCluster;
import org.junit.Rule;
import org.junit.Test;

public class CloudRuntimesTest {
    @Rule
    public final MockCluster cluster = new MockCluster();

    private final CloudRuntimes runtimes = new CloudRuntimes((name, settings) -> CloudRuntime.start(name, settings,
            cluster.client(), new InMemoryControllerLink(Agents.CONTROLLER_ID), Engine.FAST));

    @Test
    public void unchangedSettingsKeepTheRunningClient() {
        CloudRuntime first = runtimes.get("k8s", ClusterSettings.inCluster("kube-ops"));
        assertThat(runtimes.get("k8s", ClusterSettings.inCluster("kube-ops"))).isSameAs(first);
        runtimes.close();
    }

    @Test
    public void changedSettingsCloseTheOldClientAndStartANewOne() {
        CloudRuntime first = runtimes.get("k8s", ClusterSettings.inCluster("kube-ops"));
        CloudRuntime second = runtimes.get("k8s", ClusterSettings.inCluster("builds"));
        assertThat(second).isNotSameAs(first);
        assertThat(first.client().getHttpClient().isClosed()).isTrue();
        assertThat(second.client().getHttpClient().isClosed()).isFalse();

        runtimes.stop("k8s");
        assertThat(second.client().getHttpClient().isClosed()).isTrue();
    }
}
