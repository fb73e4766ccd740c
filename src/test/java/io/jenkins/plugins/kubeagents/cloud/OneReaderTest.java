package io.jenkins.plugins.kubeagents.cloud;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.jenkins.plugins.kubeagents.engine.merge.ResolvedTemplate;
import io.jenkins.plugins.kubeagents.engine.render.PodRenderer;
import io.jenkins.plugins.kubeagents.engine.template.RetentionPolicy;
import io.jenkins.plugins.kubeagents.engine.template.TemplateDefaults;
import io.jenkins.plugins.kubeagents.testing.Agents;
import java.util.List;
import org.junit.Test;

/**
 * The templates a cloud holds (built as the form and configuration as code build them) and the same templates in a
 * template file (as the command line's {@code render} reads them) give the same pod, inheritance included: Jenkins
 * and the command line read templates one way.
 */
public class OneReaderTest {
    /** Templates the form builds in {@link #cloudTemplates()}, as a template file; also created for real elsewhere. */
    public static final String TEMPLATE_FILE = """
            templates:
              - name: base
                restrictedSecurity: false
                podRetention: always
                envVars: [{name: CI, value: "true"}]
                containers:
                  - {name: jnlp, image: registry.example.com/agent:root}
              - name: child
                labels: maven
                inheritFrom: base
                containers:
                  - {name: maven, image: maven:3.9-eclipse-temurin-17, command: [sleep], args: [infinity]}
              - name: restricted
                labels: secure
                inheritFrom: base
                restrictedSecurity: true
                yaml: |
                  spec:
                    securityContext:
                      runAsUser: 2000
            """;

    @Test
    public void aChildInheritsItsParentsSecurityAndRetentionInJenkinsAsInTheCommandLine() {
        List<KubeAgentsTemplate> cloud = cloudTemplates();

        ResolvedTemplate child = KubeAgentsCloud.resolve(cloud, RetentionPolicy.NEVER, "child");

        assertThat(child.spec().restrictedSecurity()).isFalse();
        assertThat(child.spec().podRetention()).isEqualTo(RetentionPolicy.ALWAYS);
        assertThat(render(child, "child")).isEqualTo(renderFile("child"));
    }

    @Test
    public void aTemplateThatTurnsRestrictionBackOnRendersTheSameInJenkinsAsInTheCommandLine() {
        Pod fromJenkins = render(KubeAgentsCloud.resolve(cloudTemplates(), RetentionPolicy.NEVER, "restricted"), "restricted");

        assertThat(fromJenkins).isEqualTo(renderFile("restricted"));
        assertThat(fromJenkins.getSpec().getContainers().get(0).getSecurityContext().getRunAsUser())
                .as("the pod's own runAsUser applies, not the default uid 1000").isNull();
    }

    @Test
    public void theCloudsRetentionAppliesOnlyWhereNoTemplateOfTheChainSetsOne() {
        KubeAgentsTemplate plain = new KubeAgentsTemplate("plain");

        assertThat(KubeAgentsCloud.resolve(List.of(plain), RetentionPolicy.ON_FAILURE, "plain").spec().podRetention())
                .isEqualTo(RetentionPolicy.ON_FAILURE);
    }

    /** The template file's templates, field by field, as the cloud form would post them. */
    private static List<KubeAgentsTemplate> cloudTemplates() {
        KubeAgentsTemplate base = new KubeAgentsTemplate("base");
        base.setRestrictedSecurity("false");
        base.setPodRetention("always");
        base.setEnvVars("CI=true");
        base.setContainers(List.of(new ContainerConfig("jnlp", "registry.example.com/agent:root")));
        KubeAgentsTemplate child = new KubeAgentsTemplate("child");
        child.setLabels("maven");
        child.setInheritFrom("base");
        child.setRestrictedSecurity(""); // the form's "as the parent templates say"
        ContainerConfig maven = new ContainerConfig("maven", "maven:3.9-eclipse-temurin-17");
        maven.setCommand("sleep");
        maven.setArgs("infinity");
        child.setContainers(List.of(maven));
        KubeAgentsTemplate restricted = new KubeAgentsTemplate("restricted");
        restricted.setLabels("secure");
        restricted.setInheritFrom("base");
        restricted.setRestrictedSecurity("true");
        restricted.setYaml("spec:\n  securityContext:\n    runAsUser: 2000\n");
        return List.of(base, child, restricted);
    }

    private static Pod render(ResolvedTemplate template, String name) {
        return new PodRenderer(TemplateDefaults.STANDARD).render(template, Agents.identity(name, name + "-0000000a"), Agents.TCP);
    }

    /** As {@code kube-agents-cli render} reads a template file. */
    private static Pod renderFile(String name) {
        return Agents.render(TEMPLATE_FILE, name, Agents.TCP);
    }
}
