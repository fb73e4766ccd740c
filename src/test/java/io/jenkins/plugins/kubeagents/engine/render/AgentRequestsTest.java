package io.jenkins.plugins.kubeagents.engine.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Quantity;
import io.jenkins.plugins.kubeagents.testing.Agents;
import java.util.Map;
import org.junit.Test;

/** The agent container's default requests never exceed a lower limit, which Kubernetes would refuse. */
public class AgentRequestsTest {

    @Test
    public void aLimitBelowTheDefaultRequestLeavesTheRequestToKubernetes() {
        Container jnlp = jnlp("name: t\ncontainers:\n  - {name: jnlp, resourceLimitMemory: 128Mi, resourceLimitCpu: '2'}\n");

        assertThat(jnlp.getResources().getRequests()).containsOnlyKeys("cpu").containsEntry("cpu", new Quantity("100m"));
    }

    /** Raw YAML is not checked for quantities here: the server says what is wrong with one, not a stack trace of ours. */
    @Test
    public void aLimitThatIsNoQuantityLeavesTheDefaultRequestAndTheVerdictToTheServer() {
        Container jnlp = jnlp("name: t\nyaml: |\n  spec:\n    containers:\n    - name: jnlp\n      resources:\n        limits: {memory: lots}\n");

        assertThat(jnlp.getResources().getRequests()).isEqualTo(Map.of("cpu", new Quantity("100m"), "memory", new Quantity("256Mi")));
    }

    private static Container jnlp(String templateFile) {
        return Agents.renderLast(templateFile, Agents.TCP).getSpec().getContainers().stream()
                .filter(c -> c.getName().equals("jnlp")).findFirst().orElseThrow();
    }
}
