package io.jenkins.plugins.kubeagents.engine.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.jenkins.plugins.kubeagents.engine.merge.PodYaml;
import io.jenkins.plugins.kubeagents.engine.merge.ResolvedTemplate;
import io.jenkins.plugins.kubeagents.engine.template.TemplateDefaults;
import io.jenkins.plugins.kubeagents.engine.template.TemplateSpec;
import io.jenkins.plugins.kubeagents.testing.Agents;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/** The agent's inbound secret lives in its own Secret and nowhere in the pod, its YAML, or the logs. */
public class AgentSecretTest {
    private static final String SECRET = "9f8e7d6c5b4a39281706f5e4d3c2b1a09f8e7d6c5b4a39281706f5e4d3c2b1a0";

    private final List<String> logLines = new ArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            logLines.add(record.getMessage() + " " + record.getThrown());
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    };

    @Before
    public void captureLogs() {
        Logger.getLogger("").addHandler(capture);
        Logger.getLogger("").setLevel(Level.ALL);
    }

    @After
    public void stopCapturing() {
        Logger.getLogger("").removeHandler(capture);
        Logger.getLogger("").setLevel(Level.INFO);
    }

    @Test
    public void secretIsReferencedFromThePodNeverWrittenIntoIt() {
        AgentIdentity agent = Agents.identity("maven", "maven-1a2b3c4d");
        TemplateSpec template = TemplateSpec.builder("maven").labels("maven").build();
        Pod pod = new PodRenderer(TemplateDefaults.STANDARD)
                .render(new ResolvedTemplate(template, List.of(), List.of(template)), agent, Agents.TCP);
        Secret secret = AgentSecrets.secretFor(agent, SECRET);

        String encoded = Base64.getEncoder().encodeToString(SECRET.getBytes(StandardCharsets.UTF_8));
        for (String form : List.of(pod.toString(), PodYaml.toYaml(pod), new io.fabric8.kubernetes.client.utils.KubernetesSerialization().asJson(pod))) {
            assertThat(form).doesNotContain(SECRET).doesNotContain(encoded);
        }
        EnvVar ref = pod.getSpec().getContainers().get(0).getEnv().stream()
                .filter(e -> e.getName().equals("JENKINS_SECRET")).findFirst().orElseThrow();
        assertThat(ref.getValue()).isNull();
        assertThat(ref.getValueFrom().getSecretKeyRef().getName()).isEqualTo(secret.getMetadata().getName());
        assertThat(secret.getData()).containsEntry(ref.getValueFrom().getSecretKeyRef().getKey(), encoded);
        assertThat(secret.getImmutable()).isTrue();
        assertThat(logLines).noneMatch(l -> l.contains(SECRET) || l.contains(encoded));
    }

    @Test
    public void secretBelongsToThePodOnceThePodExists() {
        Pod created = new io.fabric8.kubernetes.api.model.PodBuilder().withNewMetadata().withName("maven-1a2b3c4d")
                .withUid("6f1c0a52-0000-4000-8000-000000000001").endMetadata().build();
        assertThat(AgentSecrets.ownedBy(created)).satisfies(owner -> {
            assertThat(owner.getKind()).isEqualTo("Pod");
            assertThat(owner.getName()).isEqualTo("maven-1a2b3c4d");
            assertThat(owner.getUid()).isEqualTo("6f1c0a52-0000-4000-8000-000000000001");
        });
    }
}
