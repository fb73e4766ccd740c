package io.jenkins.plugins.kubeagents.realcluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.StatusCause;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.jenkins.plugins.kubeagents.engine.config.TemplateFile;
import io.jenkins.plugins.kubeagents.engine.merge.TemplateInheritance;
import io.jenkins.plugins.kubeagents.engine.render.AgentIdentity;
import io.jenkins.plugins.kubeagents.engine.render.PodRenderer;
import io.jenkins.plugins.kubeagents.engine.template.TemplateDefaults;
import io.jenkins.plugins.kubeagents.engine.template.TemplateSpec;
import io.jenkins.plugins.kubeagents.testing.Agents;
import io.jenkins.plugins.kubeagents.testing.RealCluster;
import io.jenkins.plugins.kubeagents.engine.validation.InvalidTemplateException;
import io.jenkins.plugins.kubeagents.engine.validation.Problem;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.BeforeClass;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.Parameterized;
import org.junit.runners.Parameterized.Parameters;

/**
 * Our validation against the real API server's, one template field at a time: for each variant our verdict (the
 * template is accepted, or refused with a problem naming the field) equals the server's (the rendered pod created
 * with dryRun=All, or refused), and a refusal names the same field. Each variant states the field both name, as
 * {@code ours} (the template's field) and {@code server} (the pod's); an accepted variant states neither.
 */
@RunWith(Parameterized.class)
public class DifferentialValidationTest {
    private static final String NAMESPACE = "real-differential";
    private static final String BASE = "name: t\nlabels: t\nrestrictedSecurity: false\n";
    private static final String BUILD = "containers:\n  - name: build\n    image: maven:3.9\n";
    private static final List<Object[]> CASES = new ArrayList<>();

    private static void ok(String what, String fields) {
        CASES.add(new Object[] {"accepts " + what, fields, null, null});
    }

    private static void bad(String what, String fields, String ours, String server) {
        CASES.add(new Object[] {"refuses " + what, fields, ours, server});
    }

    static {
        // names: the template's becomes the pod's (with a suffix), the containers' are DNS labels
        ok("a template name of lowercase letters", "");
        bad("an uppercase template name", "name: Maven\n", ".name", "metadata.name");
        ok("a template name of 54 characters", "name: " + "m".repeat(54) + "\n");
        ok("a container name with a digit and a dash", "containers:\n  - {name: build-2, image: maven}\n");
        bad("an uppercase container name", "containers:\n  - {name: Build, image: maven}\n", "containers[Build].name", "name");
        bad("a container name with an underscore", "containers:\n  - {name: b_1, image: maven}\n", "containers[b_1].name", "name");
        bad("a container name of 64 characters", "containers:\n  - {name: " + "b".repeat(64) + ", image: maven}\n",
                ".name", "name");
        // labels
        ok("a plain label", "podLabels: {team: ci}\n");
        ok("an uppercase label key", "podLabels: {Team: ci}\n");
        ok("a prefixed label key with an uppercase name", "podLabels: {example.com/Team: ci}\n");
        ok("an empty label value", "podLabels: {team: ''}\n");
        ok("a label value with dots, dashes and underscores", "podLabels: {team: a.b-c_d}\n");
        bad("a label key starting with a dash", "podLabels: {-team: ci}\n", "podLabels", "metadata.labels");
        bad("a label value starting with a dash", "podLabels: {team: -ci}\n", "podLabels", "metadata.labels");
        bad("a label value of 64 characters", "podLabels: {team: " + "v".repeat(64) + "}\n", "podLabels", "metadata.labels");
        bad("an uppercase label key prefix", "podLabels: {Example.com/team: ci}\n", "podLabels", "metadata.labels");
        bad("a label key name of 64 characters", "podLabels: {" + "k".repeat(64) + ": ci}\n", "podLabels", "metadata.labels");
        // annotations
        ok("an annotation whose value has spaces and commas", "podAnnotations: {example.com/note: 'a, b and c'}\n");
        ok("an uppercase annotation key", "podAnnotations: {Note: x}\n");
        bad("an annotation key with a space", "podAnnotations: {'bad key': x}\n", "podAnnotations", "metadata.annotations");
        // ports
        ok("a named port", BUILD + "    ports: [{name: http, containerPort: 8080}]\n");
        ok("an unnamed port", BUILD + "    ports: [{containerPort: 8080}]\n");
        bad("port 0", BUILD + "    ports: [{name: http, containerPort: 0}]\n", "ports", "containerPort");
        bad("port 65536", BUILD + "    ports: [{name: http, containerPort: 65536}]\n", "ports", "containerPort");
        bad("an uppercase port name", BUILD + "    ports: [{name: HTTP, containerPort: 8080}]\n", "ports", "ports[0].name");
        bad("a port name of 16 characters", BUILD + "    ports: [{name: abcdefghijklmnop, containerPort: 8080}]\n", "ports",
                "ports[0].name");
        bad("a port name without a letter", BUILD + "    ports: [{name: '8080', containerPort: 8080}]\n", "ports", "ports[0].name");
        bad("a port name with two dashes in a row", BUILD + "    ports: [{name: my--port, containerPort: 8080}]\n", "ports",
                "ports[0].name");
        bad("a port name used twice", BUILD + "    ports: [{name: http, containerPort: 8080}, {name: http, containerPort: 8081}]\n",
                "ports", "ports[1].name");
        // resources
        ok("a CPU request in millicores", BUILD + "    resourceRequestCpu: 500m\n");
        ok("a decimal CPU request", BUILD + "    resourceRequestCpu: '0.5'\n");
        ok("a decimal memory limit", BUILD + "    resourceLimitMemory: 1.5Gi\n");
        bad("a CPU request that is no quantity", BUILD + "    resourceRequestCpu: lots\n", "resourceRequestCpu", null);
        bad("a negative CPU request", BUILD + "    resourceRequestCpu: '-1'\n", "resourceRequestCpu", "resources.requests");
        bad("a memory request above its limit", BUILD + "    resourceRequestMemory: 1Gi\n    resourceLimitMemory: 512Mi\n",
                "resourceRequestMemory", "resources.requests");
        ok("an agent container limited below the default requests",
                "containers:\n  - {name: jnlp, resourceLimitCpu: 50m, resourceLimitMemory: 128Mi}\n");
        ok("an agent container with requests only", "containers:\n  - {name: jnlp, resourceRequestCpu: 50m}\n");
        // environment
        ok("an environment variable", "envVars: [{name: FOO, value: bar}]\n");
        ok("an environment variable name with a dot and a dash", "envVars: [{name: my.var-1, value: x}]\n");
        ok("an environment variable name starting with a digit", "envVars: [{name: 1FOO, value: x}]\n");
        ok("an environment variable name with a space", "envVars: [{name: 'MY VAR', value: x}]\n");
        bad("an environment variable name with '='", "envVars: [{name: 'A=B', value: x}]\n", "envVars", "env[");
        bad("an environment variable set twice in a container", BUILD + "    envVars: [{name: A, value: x}, {name: A, value: y}]\n",
                "envVars", null);
        // volumes and mounts
        ok("an emptyDir volume", "volumes: [{type: emptyDir, mountPath: /cache}]\n");
        ok("a claim volume", "volumes: [{type: persistentVolumeClaim, claimName: m2, mountPath: /m2}]\n");
        ok("a Secret volume", "volumes: [{type: secret, secretName: certs, mountPath: /certs, readOnly: true}]\n");
        bad("a ConfigMap volume with an invalid name", "volumes: [{type: configMap, configMapName: Bad_Name, mountPath: /etc/x}]\n",
                "configMapName", "configMap.name");
        bad("two volumes on one mount path", "volumes: [{type: emptyDir, mountPath: /x}, {type: emptyDir, mountPath: /x}]\n",
                "mountPath", "mountPath");
        bad("a volume on the workspace's mount path", "volumes: [{type: emptyDir, mountPath: /home/jenkins/agent}]\n",
                "mountPath", "mountPath");
        // tolerations
        ok("an Equal toleration", "tolerations: [{key: dedicated, operator: Equal, value: ci, effect: NoSchedule}]\n");
        ok("an Exists toleration without a key", "tolerations: [{operator: Exists}]\n");
        ok("tolerationSeconds with NoExecute", "tolerations: [{key: spot, operator: Exists, effect: NoExecute, tolerationSeconds: 60}]\n");
        bad("an empty key with Equal", "tolerations: [{operator: Equal, value: ci}]\n", "tolerations[0].operator", "tolerations[0].operator");
        bad("tolerationSeconds without NoExecute", "tolerations: [{key: spot, operator: Exists, effect: NoSchedule, tolerationSeconds: 60}]\n",
                "tolerations[0].effect", "tolerations[0].effect");
        bad("a toleration key with a space", "tolerations: [{key: 'bad key', operator: Exists}]\n", "tolerations[0].key",
                "tolerations[0].key");
        bad("an unknown effect", "tolerations: [{key: spot, operator: Exists, effect: Sometimes}]\n", "tolerations[0].effect",
                "tolerations[0].effect");
        // node selectors
        ok("a node selector", "nodeSelector: {kubernetes.io/os: linux}\n");
        ok("an uppercase node selector key", "nodeSelector: {Pool: ci}\n");
        bad("a node selector key with a space", "nodeSelector: {'bad key': x}\n", "nodeSelector", "nodeSelector");
        bad("a node selector value with a space", "nodeSelector: {pool: 'c i'}\n", "nodeSelector", "nodeSelector");
        // security and images
        ok("a privileged container", "containers:\n  - {name: dind, image: 'docker:28-dind', privileged: true}\n");
        ok("an image with a registry port and a digest", "containers:\n  - {name: build, image: 'registry.example.com:5000/team/maven@sha256:"
                + "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef'}\n");
        bad("an image with a space", "containers:\n  - {name: build, image: 'maven 3'}\n", ".image", "image");
        bad("an image with a trailing space", "containers:\n  - {name: build, image: 'maven '}\n", ".image", "image");
        // deadlines, service accounts, pull secrets
        ok("an active deadline", "activeDeadlineSeconds: 3600\n");
        bad("an active deadline of 0", "activeDeadlineSeconds: 0\n", "activeDeadlineSeconds", "activeDeadlineSeconds");
        ok("a service account", "serviceAccount: jenkins-agent\n");
        bad("a service account name with an underscore", "serviceAccount: Jenkins_SA\n", "serviceAccount", "serviceAccountName");
        ok("an image pull secret", "imagePullSecrets: regcred\n");
        // the workspace
        ok("a claim workspace", "workspaceVolume: {type: persistentVolumeClaim, claimName: ws}\n");
        bad("a claim workspace with an invalid claim name", "workspaceVolume: {type: persistentVolumeClaim, claimName: Bad_Claim}\n",
                "claimName", "claimName");
    }

    @Parameters(name = "{0}")
    public static List<Object[]> cases() {
        return CASES;
    }

    private final String fields;
    private final String ours;
    private final String server;

    public DifferentialValidationTest(String what, String fields, String ours, String server) {
        this.fields = fields;
        this.ours = ours;
        this.server = server;
    }

    @BeforeClass
    public static void namespace() {
        RealCluster.shared().namespace(NAMESPACE, java.util.Map.of());
        RealCluster.shared().admin().serviceAccounts().inNamespace(NAMESPACE).resource(new ServiceAccountBuilder()
                .withNewMetadata().withName("jenkins-agent").endMetadata().build()).serverSideApply();
    }

    @Test
    public void ourVerdictIsTheServers() {
        String template = fields.startsWith("name: ") ? fields + BASE.substring(BASE.indexOf('\n') + 1) : BASE + fields;
        List<Problem> ourProblems = new ArrayList<>();
        Pod pod = null;
        try {
            List<TemplateSpec> specs = TemplateFile.parse(template, "t");
            String name = specs.get(0).name();
            pod = new PodRenderer(TemplateDefaults.STANDARD).render(TemplateInheritance.of(specs).resolve(name),
                    new AgentIdentity(name + "-0000000a", NAMESPACE, Agents.CLOUD, name, Agents.CONTROLLER_ID), Agents.TCP);
        } catch (InvalidTemplateException e) {
            ourProblems.addAll(e.problems());
        }
        List<String> serverRefusal = pod == null ? null : serverRefusal(pod);

        if (ours == null) {
            assertThat(ourProblems).as("our problems").isEmpty();
            assertThat(serverRefusal).as("the server's refusal").isEmpty();
        } else {
            assertThat(ourProblems).as("our problems").isNotEmpty()
                    .anySatisfy(p -> assertThat(p.path()).contains(ours));
            if (pod == null) { // we refused before rendering: render what the server gets without our checks
                return;
            }
            assertThat(serverRefusal).as("the server's refusal").isNotEmpty();
            if (server != null) {
                assertThat(serverRefusal).anySatisfy(field -> assertThat(field).contains(server));
            }
        }
    }

    /** The fields the server names when it refuses the pod (dryRun=All: validated and admitted, never stored). */
    private static List<String> serverRefusal(Pod pod) {
        try {
            RealCluster.shared().admin().resource(pod).dryRun().create();
            return List.of();
        } catch (KubernetesClientException e) {
            if (e.getStatus() == null || e.getStatus().getDetails() == null) {
                return List.of(String.valueOf(e.getMessage()));
            }
            return e.getStatus().getDetails().getCauses().stream().map(StatusCause::getField).collect(Collectors.toList());
        }
    }
}
