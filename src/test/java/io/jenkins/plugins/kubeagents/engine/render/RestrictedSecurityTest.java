package io.jenkins.plugins.kubeagents.engine.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.jenkins.plugins.kubeagents.testing.Agents;
import io.jenkins.plugins.kubeagents.engine.validation.InvalidTemplateException;
import io.jenkins.plugins.kubeagents.engine.validation.Problem;
import org.junit.Test;

/**
 * {@code restrictedSecurity} fills the agent container's security context where the template leaves it unset, keeps
 * what the template states that meets the standard, and refuses, by setting, what contradicts it: never a silent
 * override of an explicit setting.
 */
public class RestrictedSecurityTest {

    @Test
    public void anUnsetSecurityContextGetsTheRestrictedDefaults() {
        SecurityContext jnlp = agentContainer("name: t").getSecurityContext();

        assertThat(jnlp.getRunAsUser()).isEqualTo(1000L);
        assertThat(jnlp.getRunAsNonRoot()).isTrue();
        assertThat(jnlp.getPrivileged()).isFalse();
        assertThat(jnlp.getAllowPrivilegeEscalation()).isFalse();
        assertThat(jnlp.getCapabilities().getDrop()).containsExactly("ALL");
        assertThat(jnlp.getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
    }

    @Test
    public void aPodLevelUserAndSeccompProfileAreKept() {
        Container jnlp = agentContainer("""
                name: t
                yaml: |
                  spec:
                    securityContext:
                      runAsUser: 2000
                      seccompProfile: {type: Localhost, localhostProfile: agent.json}
                """);

        assertThat(jnlp.getSecurityContext().getRunAsUser()).isNull();
        assertThat(jnlp.getSecurityContext().getSeccompProfile()).isNull();
        assertThat(jnlp.getSecurityContext().getRunAsNonRoot()).isTrue();
    }

    @Test
    public void theOneCapabilityTheStandardAllowsIsKeptAndEveryOtherDropped() {
        Container jnlp = agentContainer("""
                name: t
                yaml: |
                  spec:
                    containers:
                      - name: jnlp
                        securityContext:
                          runAsUser: 1001
                          capabilities: {add: [NET_BIND_SERVICE], drop: [NET_RAW]}
                """);

        assertThat(jnlp.getSecurityContext().getRunAsUser()).isEqualTo(1001L);
        assertThat(jnlp.getSecurityContext().getCapabilities().getAdd()).containsExactly("NET_BIND_SERVICE");
        assertThat(jnlp.getSecurityContext().getCapabilities().getDrop()).containsExactly("NET_RAW", "ALL");
    }

    @Test
    public void aPrivilegedAgentContainerIsRefusedByItsSettingInsteadOfSilentlyUnprivileged() {
        assertThat(problem("""
                name: t
                containers:
                  - {name: jnlp, image: jenkins/inbound-agent, privileged: true}
                """)).isEqualTo("templates[t].containers[jnlp].securityContext.privileged: runs the container "
                + "privileged, which the restricted security of the template forbids; set restrictedSecurity: false on "
                + "the template for a pod that needs it (got 'true')");
    }

    @Test
    public void anAddedCapabilityFromRawYamlIsRefusedInsteadOfDropped() {
        assertThat(problem("""
                name: t
                yaml: |
                  spec:
                    containers:
                      - name: jnlp
                        securityContext:
                          capabilities: {add: [SYS_ADMIN, NET_BIND_SERVICE]}
                """)).startsWith("templates[t].containers[jnlp].securityContext.capabilities.add: adds capabilities")
                .endsWith("(got 'SYS_ADMIN')");
    }

    @Test
    public void rootAtThePodLevelIsNamedAtThePodLevel() {
        assertThat(problem("""
                name: t
                yaml: |
                  spec:
                    securityContext: {runAsUser: 0}
                """)).startsWith("templates[t].yaml.spec.securityContext.runAsUser: runs the container as root");
    }

    @Test
    public void everyContainerOfThePodIsRestrictedSoTheNamespacesStandardAdmitsIt() {
        Container build = Agents.renderLast("""
                name: t
                containers:
                  - {name: build, image: maven, command: sleep, args: infinity}
                """, Agents.TCP).getSpec().getContainers().stream().filter(c -> c.getName().equals("build")).findFirst().orElseThrow();

        assertThat(build.getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(build.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
    }

    @Test
    public void aHostPathVolumeIsRefusedByItsName() {
        assertThat(problem("""
                name: t
                volumes:
                  - {type: hostPath, hostPath: /var/run/docker.sock, mountPath: /var/run/docker.sock}
                """)).startsWith("templates[t].volumes[volume-0].hostPath: is a volume type the restricted security");
    }

    @Test
    public void withRestrictedSecurityOffTheTemplatesOwnSettingsStandAlone() {
        Container jnlp = agentContainer("""
                name: t
                restrictedSecurity: false
                containers:
                  - {name: jnlp, image: jenkins/inbound-agent, privileged: true}
                """);

        assertThat(jnlp.getSecurityContext().getPrivileged()).isTrue();
        assertThat(jnlp.getSecurityContext().getRunAsUser()).isNull();
        assertThat(jnlp.getSecurityContext().getCapabilities()).isNull();
    }

    private static Container agentContainer(String templateFile) {
        return Agents.renderLast(templateFile, Agents.TCP).getSpec().getContainers().stream()
                .filter(c -> c.getName().equals("jnlp")).findFirst().orElseThrow();
    }

    private static String problem(String templateFile) {
        InvalidTemplateException e = catchThrowableOfType(InvalidTemplateException.class,
                () -> Agents.renderLast(templateFile, Agents.TCP));
        assertThat(e).as("rendering must fail").isNotNull();
        assertThat(e.problems()).hasSize(1);
        Problem p = e.problems().get(0);
        return p.toString();
    }
}
