package io.jenkins.plugins.kubeagents.forms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.kubeagents.cloud.ContainerConfig;
import io.jenkins.plugins.kubeagents.cloud.KubeAgentsTemplate;
import io.jenkins.plugins.kubeagents.cloud.VolumeConfig;
import io.jenkins.plugins.kubeagents.engine.config.FieldCheck;
import io.jenkins.plugins.kubeagents.engine.config.TemplateFile;
import io.jenkins.plugins.kubeagents.engine.template.TemplateSpec;
import io.jenkins.plugins.kubeagents.engine.template.TolerationSpec;
import io.jenkins.plugins.kubeagents.engine.validation.InvalidTemplateException;
import io.jenkins.plugins.kubeagents.engine.validation.Problem;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;
import org.junit.Test;

/**
 * The form's template describables are plain Java: built as Stapler or JCasC would build them, they must give the
 * same engine template as the same fields in a template file, and the same field-named errors.
 */
public class TemplateFormTest {

    @Test
    public void aTemplateFromTheFormEqualsTheSameTemplateFromAFile() throws Exception {
        KubeAgentsTemplate form = new KubeAgentsTemplate("maven");
        form.setLabels("maven java");
        ContainerConfig maven = new ContainerConfig("maven", "maven:3.9-eclipse-temurin-17");
        maven.setCommand("sleep");
        maven.setArgs("infinity");
        maven.setEnvVars("MAVEN_OPTS=-Xmx1g\nCI=true");
        maven.setResourceRequestMemory("1Gi");
        maven.setPorts("debug=5005");
        form.setContainers(List.of(maven));
        VolumeConfig socket = new VolumeConfig("hostPath", "/var/run/docker.sock");
        socket.setHostPath("/var/run/docker.sock");
        form.setVolumes(List.of(socket));
        form.setNodeSelector("kubernetes.io/os=linux");
        form.setTolerations("dedicated=ci:NoSchedule");
        form.setInstanceCap("5");
        form.setPodRetention("onFailure");

        TemplateSpec fromFile = TemplateFile.parse("""
                name: maven
                labels: maven java
                containers:
                  - name: maven
                    image: maven:3.9-eclipse-temurin-17
                    command: [sleep]
                    args: [infinity]
                    envVars:
                      - {name: MAVEN_OPTS, value: -Xmx1g}
                      - {name: CI, value: "true"}
                    resourceRequestMemory: 1Gi
                    ports: [{name: debug, containerPort: 5005}]
                volumes:
                  - {type: hostPath, mountPath: /var/run/docker.sock, hostPath: /var/run/docker.sock}
                nodeSelector: {kubernetes.io/os: linux}
                tolerations:
                  - {key: dedicated, operator: Equal, value: ci, effect: NoSchedule}
                instanceCap: 5
                podRetention: onFailure
                """, "unused").get(0);

        assertThat(toSpec(form)).isEqualTo(fromFile);
        assertThat(fromFile.tolerations()).containsExactly(new TolerationSpec("dedicated", "Equal", "ci", "NoSchedule", null));
    }

    @Test
    public void aBadFormValueIsNamedByItsField() {
        KubeAgentsTemplate form = new KubeAgentsTemplate("maven");
        form.setInstanceCap("five");
        form.setNodeSelector("kubernetes.io/os");
        assertThatThrownBy(() -> toSpec(form)).isInstanceOfSatisfying(InvalidTemplateException.class, e ->
                assertThat(e.problems()).extracting(Problem::toString).containsExactlyInAnyOrder(
                        "templates[maven].instanceCap: must be a whole number (got 'five')",
                        "templates[maven].nodeSelector: must be written name=value (one a line, or separated by commas) (got 'kubernetes.io/os')"));
    }

    @Test
    public void aFieldCheckGivesTheSameMessageAsTheWholeTemplate() {
        assertThat(FieldCheck.template("serviceAccount", "Jenkins_SA")).extracting(Problem::path)
                .containsExactly("templates[sample].serviceAccount");
        assertThat(FieldCheck.template("serviceAccount", "jenkins2")).isEmpty();
        assertThat(FieldCheck.template("tolerations", "dedicated=ci:Sometimes")).extracting(Problem::message)
                .singleElement().asString().contains("NoSchedule");
        assertThat(FieldCheck.template("envVars", "JENKINS_SECRET=x")).isNotEmpty();
        assertThat(FieldCheck.template("yaml", "kind: Pod\nspec:\n  containerz: []")).extracting(Problem::path)
                .singleElement().asString().contains("containerz");
        assertThat(FieldCheck.container("image", "maven 3.9")).extracting(Problem::path)
                .containsExactly("templates[sample].containers[sample].image");
        assertThat(FieldCheck.container("resourceLimitMemory", "2 GB")).isNotEmpty();
        assertThat(FieldCheck.container("resourceLimitMemory", "2Gi")).isEmpty();
        assertThat(FieldCheck.volume("mountPath", "relative/path")).isNotEmpty();
    }

    @Test
    public void anAnnotationValueKeepsItsCommasWhereLabelsMaySplitOnThem() throws Exception {
        KubeAgentsTemplate form = new KubeAgentsTemplate("maven");
        form.setPodAnnotations("example.com/owners=team-a,team-b\nexample.com/note=x");
        form.setPodLabels("team=ci, tier=build");
        TemplateSpec spec = toSpec(form);
        assertThat(spec.podAnnotations()).containsExactly(Map.entry("example.com/owners", "team-a,team-b"),
                Map.entry("example.com/note", "x"));
        assertThat(spec.podLabels()).containsExactly(Map.entry("team", "ci"), Map.entry("tier", "build"));
    }

    @Test
    public void unsetFieldsAreLeftOutSoInheritanceCanFillThem() throws Exception {
        KubeAgentsTemplate child = new KubeAgentsTemplate("child");
        child.setInheritFrom("base");
        child.setLabels(" ");
        Map<String, Object> fields = asMap(child);
        assertThat(fields).containsOnlyKeys("name", "inheritFrom");
    }

    @Test
    public void aTemplateSavedWhenRestrictedSecurityWasACheckboxLoadsWithItsValue() {
        com.thoughtworks.xstream.XStream xstream = new com.thoughtworks.xstream.XStream();
        xstream.allowTypes(new Class<?>[] {KubeAgentsTemplate.class});
        KubeAgentsTemplate saved = (KubeAgentsTemplate) xstream.fromXML("""
                <io.jenkins.plugins.kubeagents.cloud.KubeAgentsTemplate>
                  <name>root</name>
                  <restrictedSecurity>false</restrictedSecurity>
                </io.jenkins.plugins.kubeagents.cloud.KubeAgentsTemplate>""");

        assertThat(saved.getRestrictedSecurity()).isEqualTo("false");
    }

    private static TemplateSpec toSpec(KubeAgentsTemplate template) throws Exception {
        Method toSpec = KubeAgentsTemplate.class.getDeclaredMethod("toSpec");
        toSpec.setAccessible(true);
        try {
            return (TemplateSpec) toSpec.invoke(template);
        } catch (java.lang.reflect.InvocationTargetException e) {
            throw (Exception) e.getCause();
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(KubeAgentsTemplate template) throws Exception {
        Method asMap = KubeAgentsTemplate.class.getDeclaredMethod("asMap");
        asMap.setAccessible(true);
        return (Map<String, Object>) asMap.invoke(template);
    }
}
