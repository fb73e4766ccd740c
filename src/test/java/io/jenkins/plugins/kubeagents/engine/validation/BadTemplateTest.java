package io.jenkins.plugins.kubeagents.engine.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.jenkins.plugins.kubeagents.testing.Agents;
import java.util.ArrayList;
import java.util.List;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.Parameterized;
import org.junit.runners.Parameterized.Parameters;

/**
 * Every way a template can be wrong: reading the template file, resolving its parents and rendering it must
 * fail with a problem that names the field (its full path), says what is wrong, and shows no stack trace.
 */
@RunWith(Parameterized.class)
public class BadTemplateTest {
    private static final List<Object[]> CASES = new ArrayList<>();

    private static void bad(String yaml, String path, String message) {
        CASES.add(new Object[] {path + " — " + message, yaml, path, message});
    }

    static {
        // the template file itself
        bad("", "template file", "is empty");
        bad("templates: []", "templates", "at least one template");
        bad("labels: x", "templates[0].name", "is required");
        bad("name: Maven Build", "templates[Maven Build].name", "DNS-1123 label");
        bad("name: " + "a".repeat(64), "templates[" + "a".repeat(64) + "].name", "at most 63");
        bad("name: t\nlables: maven", "templates[t].lables", "is not a known field");
        bad("name: t\ninstanceCap: many", "templates[t].instanceCap", "must be a whole number");
        bad("name: t\nrestrictedSecurity: maybe", "templates[t].restrictedSecurity", "true or false");
        bad("name: t\npodRetention: sometimes", "templates[t].podRetention", "must be one of [never, onFailure, always]");
        bad("name: t\nyamlMergeStrategy: replace", "templates[t].yamlMergeStrategy", "must be one of [override, merge]");
        bad("name: t\nnamespace: Kube_Ops", "templates[t].namespace", "DNS-1123 label");
        bad("name: t\nnodeSelector: [a, b]", "templates[t].nodeSelector", "mapping of names to strings");
        // containers
        bad("name: t\ncontainers: maven", "templates[t].containers", "must be a list");
        bad("name: t\ncontainers: [maven]", "templates[t].containers[0]", "must be a mapping");
        bad("name: t\ncontainers:\n- image: maven", "templates[t].containers[0].name", "is required");
        bad("name: t\ncontainers:\n- {name: Maven_1, image: maven}", "templates[t].containers[Maven_1].name", "DNS-1123 label");
        bad("name: t\ncontainers:\n- {name: m, image: a}\n- {name: m, image: b}", "templates[t].containers", "twice");
        bad("name: t\ncontainers:\n- {name: m, image: ''}", "templates[t].containers[m].image", "must not be empty");
        bad("name: t\ncontainers:\n- {name: m, image: 'maven 3'}", "templates[t].containers[m].image", "whitespace");
        bad("name: t\ncontainers:\n- {name: m, imagee: maven}", "templates[t].containers[m].imagee", "is not a known field");
        bad("name: t\ncontainers:\n- {name: m}", "templates[t].containers[m].image", "is required: set it on the container or in the raw YAML");
        bad("name: t\ncontainers:\n- {name: m, image: maven, resourceRequestCpu: lots}",
                "templates[t].containers[m].resourceRequestCpu", "not a Kubernetes quantity");
        bad("name: t\ncontainers:\n- {name: m, image: maven, resourceLimitMemory: -1Gi}",
                "templates[t].containers[m].resourceLimitMemory", "must not be negative");
        bad("name: t\ncontainers:\n- {name: m, image: maven, resourceRequestMemory: 2GB}",
                "templates[t].containers[m].resourceRequestMemory", "not a Kubernetes quantity");
        bad("name: t\ncontainers:\n- {name: m, image: maven, workingDir: work}", "templates[t].containers[m].workingDir", "absolute path");
        bad("name: t\ncontainers:\n- {name: m, image: maven, ttyEnabled: yes please}", "templates[t].containers[m].ttyEnabled", "true or false");
        bad("name: t\ncontainers:\n- {name: m, image: maven, ports: [{containerPort: 70000}]}", "templates[t].containers[m].ports", "from 1 to 65535");
        bad("name: t\ncontainers:\n- {name: m, image: maven, ports: [{containerPort: 80}, {containerPort: 80}]}",
                "templates[t].containers[m].ports", "lists this port twice");
        bad("name: t\ncontainers:\n- {name: m, image: maven, ports: [{name: http}]}", "templates[t].containers[m].ports[http].containerPort", "is required");
        // environment
        bad("name: t\nenvVars:\n- {name: 'A=B', value: x}", "templates[t].envVars[A=B]", "not a valid environment variable name");
        bad("name: t\nenvVars:\n- {name: JENKINS_SECRET, value: x}", "templates[t].envVars[JENKINS_SECRET]", "set by kube-agents");
        bad("name: t\ncontainers:\n- {name: jnlp, envVars: [{name: JENKINS_URL, value: x}]}",
                "templates[t].containers[jnlp].envVars[JENKINS_URL]", "set by kube-agents");
        bad("name: t\nenvVars:\n- {name: A, value: x}\n- {name: A, value: y}", "templates[t].envVars[A]", "is set twice");
        bad("name: t\nenvVars:\n- {value: x}", "templates[t].envVars[0].name", "is required");
        // volumes
        bad("name: t\nvolumes:\n- {mountPath: /data}", "templates[t].volumes[0].type", "is required");
        bad("name: t\nvolumes:\n- {type: nfs, mountPath: /data}", "templates[t].volumes[0].type", "must be one of");
        bad("name: t\nvolumes:\n- {type: emptyDir, mountPath: data}", "templates[t].volumes[0].mountPath", "absolute path");
        bad("name: t\nvolumes:\n- {type: hostPath, mountPath: /data}", "templates[t].volumes[0].hostPath", "is required for this volume type");
        bad("name: t\nvolumes:\n- {type: secret, configMapName: cm, mountPath: /data}", "templates[t].volumes[0].configMapName", "does not apply");
        bad("name: t\nvolumes:\n- {type: emptyDir, mountPath: /a}\n- {type: emptyDir, mountPath: /a}",
                "templates[t].volumes[1].mountPath", "used by another volume");
        bad("name: t\nvolumes:\n- {type: configMap, configMapName: Bad_Name, mountPath: /a}",
                "templates[t].volumes[0].configMapName", "DNS-1123 subdomain");
        bad("name: t\nworkspaceVolume: {type: persistentVolumeClaim}", "templates[t].workspaceVolume.claimName", "is required");
        bad("name: t\nworkspaceVolume: {type: persistentVolumeClaim, claimName: Bad_Claim}",
                "templates[t].workspaceVolume.claimName", "DNS-1123 subdomain");
        bad("name: t\nworkspaceVolume: {type: hostPath, hostPath: tmp}", "templates[t].workspaceVolume.hostPath", "absolute path");
        // scheduling, identity, limits
        bad("name: t\nnodeSelector: {'bad key': x}", "templates[t].nodeSelector", "not a valid key");
        bad("name: t\nnodeSelector: {pool: '" + "x".repeat(64) + "'}", "templates[t].nodeSelector[pool]", "not a valid label value");
        bad("name: t\ntolerations:\n- {key: spot, operator: In}", "templates[t].tolerations[0].operator", "'Exists' or 'Equal'");
        bad("name: t\ntolerations:\n- {key: spot, effect: Sometimes}", "templates[t].tolerations[0].effect", "NoSchedule");
        bad("name: t\ntolerations:\n- {key: spot, operator: Exists, value: x}", "templates[t].tolerations[0].value", "must be empty");
        bad("name: t\ntolerations:\n- {key: spot, tolerationSeconds: -1}", "templates[t].tolerations[0].tolerationSeconds", "0 or more");
        bad("name: t\nserviceAccount: Jenkins Agent", "templates[t].serviceAccount", "DNS-1123 subdomain");
        bad("name: t\nimagePullSecrets: [Registry_Creds]", "templates[t].imagePullSecrets[0]", "DNS-1123 subdomain");
        bad("name: t\nactiveDeadlineSeconds: 0", "templates[t].activeDeadlineSeconds", "1 or more");
        bad("name: t\ninstanceCap: -1", "templates[t].instanceCap", "0 or more");
        bad("name: t\nidleMinutes: -5", "templates[t].idleMinutes", "0 or more");
        bad("name: t\nminIdle: -1", "templates[t].minIdle", "0 or more");
        bad("name: t\nminIdle: 5\ninstanceCap: 3", "templates[t].minIdle", "is more than instanceCap 3");
        bad("name: t\nconnectTimeoutSeconds: 0", "templates[t].connectTimeoutSeconds", "1 or more");
        bad("name: t\npodLabels: {kube-agents.jenkins.io/cloud: other}", "templates[t].podLabels", "is reserved");
        bad("name: t\npodLabels: {team: has space}", "templates[t].podLabels[team]", "not a valid label value");
        bad("name: t\npodAnnotations: {'no/such/key': x}", "templates[t].podAnnotations", "not a valid key");
        // inheritance
        bad("templates:\n- {name: t, inheritFrom: nowhere}", "templates[t].inheritFrom", "names no template of this cloud");
        bad("templates:\n- {name: a, inheritFrom: b}\n- {name: t, inheritFrom: a}\n- {name: b, inheritFrom: t}\n- {name: last, inheritFrom: t}",
                "templates[b].inheritFrom", "inheritance cycle: last -> t -> a -> b -> t");
        bad("templates:\n- {name: base, containers: [{name: m, image: 'a b'}]}\n- {name: t, inheritFrom: base}",
                "templates[base].containers[m].image", "whitespace");
        // raw YAML
        bad("name: t\nyaml: 'spec: [unclosed'", "templates[t].yaml", "is not valid YAML: expected ',' or ']', but got <stream end> at line 1, column 16");
        bad("name: t\nyaml: |\n  kind: Pod\n  ---\n  spec: {contianers: []}", "templates[t].yaml#2.spec.contianers", "not a field");
        bad("name: t\nyaml: '- a'", "templates[t].yaml", "found a list");
        bad("name: t\n---\nname: u", "template file", "only a pod may come in several documents");
        bad("name: t\nyaml: 'just text'", "templates[t].yaml", "YAML mapping");
        bad("name: t\nyaml: |\n  apiVersion: apps/v1\n  kind: Deployment", "templates[t].yaml.kind", "must be 'Pod'");
        bad("name: t\nyaml: |\n  apiVersion: v2", "templates[t].yaml.apiVersion", "must be 'v1'");
        bad("name: t\nyaml: |\n  spec:\n    contianers: []", "templates[t].yaml.spec.contianers", "is not a field of a Kubernetes Pod");
        bad("name: t\nyaml: |\n  spec:\n    containers:\n    - name: app\n      imagee: x", "templates[t].yaml.spec.containers[app].imagee",
                "is not a field");
        bad("name: t\nyaml: |\n  metadata:\n    lables: {a: b}", "templates[t].yaml.metadata.lables", "is not a field");
        bad("name: t\nyaml: |\n  spec:\n    activeDeadlineSeconds: soon", "templates[t].yaml.spec.activeDeadlineSeconds", "wrong type: expected a whole number");
        bad("name: t\nyaml: |\n  spec:\n    containers: 5", "templates[t].yaml.spec.containers", "wrong type: expected a list");
        bad("templates:\n- {name: base, yaml: 'spec: {hostNetwrok: true}'}\n- {name: t, inheritFrom: base}",
                "templates[base].yaml.spec.hostNetwrok", "is not a field");
    }

    @Parameters(name = "{0}")
    public static List<Object[]> cases() {
        return CASES;
    }

    private final String yaml;
    private final String path;
    private final String message;

    public BadTemplateTest(String name, String yaml, String path, String message) {
        this.yaml = yaml;
        this.path = path;
        this.message = message;
    }

    @Test
    public void isRejectedWithTheFieldAndTheReason() {
        InvalidTemplateException e = catchThrowableOfType(InvalidTemplateException.class,
                () -> Agents.renderLast(yaml, Agents.TCP));
        assertThat(e).as("rendering should have failed for:\n" + yaml).isNotNull();
        assertThat(e.problems()).as(e.getMessage())
                .anySatisfy(p -> {
                    assertThat(p.path()).isEqualTo(path);
                    assertThat(p.message()).contains(message);
                });
        assertThat(e.getMessage()).contains(path + ": ")
                .doesNotContain("\tat ", "Exception", "tools.jackson", "io.fabric8");
    }

    @Test
    public void thereAreAtLeastFortyCases() {
        assertThat(CASES).hasSizeGreaterThanOrEqualTo(40);
    }
}
