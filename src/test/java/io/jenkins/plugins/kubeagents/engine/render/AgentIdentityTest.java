package io.jenkins.plugins.kubeagents.engine.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.utils.KubernetesResourceUtil;
import java.util.HashSet;
import java.util.Set;
import org.junit.Test;

public class AgentIdentityTest {
    @Test
    public void agentNamesAreDnsLabelsPrefixedWithTheTemplate() {
        assertThat(AgentIdentity.newAgentName("maven")).matches("maven-[a-z0-9]{8}");
        assertThat(AgentIdentity.newAgentName("Maven Build_2")).matches("maven-build-2-[a-z0-9]{8}");
        String longName = AgentIdentity.newAgentName("x".repeat(100));
        assertThat(longName).hasSize(63);
        for (String template : new String[] {"maven", "Maven Build_2", "x".repeat(100), "-", "---a---", "ü"}) {
            assertThat(KubernetesResourceUtil.isValidName(AgentIdentity.newAgentName(template))).as(template).isTrue();
        }
    }

    @Test
    public void agentNamesAreNotReused() {
        Set<String> names = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            names.add(AgentIdentity.newAgentName("maven"));
        }
        assertThat(names).hasSize(10_000);
    }

    @Test
    public void anyNameBecomesAValidLabelValue() {
        assertThat(OwnLabels.labelValue("My Cloud")).isEqualTo("my-cloud");
        assertThat(OwnLabels.labelValue("-x-")).isEqualTo("x");
        assertThat(OwnLabels.labelValue("a".repeat(80))).hasSize(63);
        assertThat(OwnLabels.labelValue("k8s.prod_1")).isEqualTo("k8s.prod_1");
    }
}
