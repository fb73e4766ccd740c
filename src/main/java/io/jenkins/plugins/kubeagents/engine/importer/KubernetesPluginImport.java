package io.jenkins.plugins.kubeagents.engine.importer;

import io.jenkins.plugins.kubeagents.engine.importer.ImportReport.Outcome;
import io.jenkins.plugins.kubeagents.engine.merge.YamlTree;
import io.jenkins.plugins.kubeagents.engine.validation.InvalidTemplateException;
import io.jenkins.plugins.kubeagents.engine.validation.Problem;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.common.FlowStyle;

/**
 * Reads the Kubernetes plugin's configuration as code ({@code jenkins.clouds[].kubernetes}, as its describables
 * take it) and writes kube-agents' ({@code jenkins.clouds[].kubeAgents}, one template file a template). Every key
 * of the input is accounted for in the {@link ImportReport}: a key this class does not know is reported as not
 * carried, never skipped. List-like fields are written as the texts the cloud form takes ({@code NAME=value} a
 * line, space-separated words), which configuration as code and template files read alike.
 */
public final class KubernetesPluginImport {
    /** A template of the plugin's that kube-agents ignores when it is off; set, it cannot be carried. */
    private static final Set<String> OLD_TEMPLATE_FIELDS = Set.of("image", "command", "args", "remoteFs", "privileged",
            "alwaysPullImage", "resourceRequestCpu", "resourceRequestMemory", "resourceLimitCpu", "resourceLimitMemory");
    private static final String JNLP = "jnlp";
    private static final long NO_LIMIT = Integer.MAX_VALUE;
    /** What each kind of volume of the plugin cannot do without, besides a mount path. */
    private static final Map<String, List<String>> VOLUME_NEEDS = Map.of(
            "hostPathVolume", List.of("hostPath"), "hostPathWorkspaceVolume", List.of("hostPath"),
            "persistentVolumeClaim", List.of("claimName"), "persistentVolumeClaimWorkspaceVolume", List.of("claimName"),
            "configMapVolume", List.of("configMapName"), "secretVolume", List.of("secretName"),
            "nfsVolume", List.of("serverAddress", "serverPath"), "nfsWorkspaceVolume", List.of("serverAddress", "serverPath"));

    /**
     * @param casc kube-agents' configuration as code, {@code jenkins: clouds: - kubeAgents: ...}
     * @param templates each template's fields by template name, as a template file has them
     */
    public record Result(Map<String, Object> casc, Map<String, Map<String, Object>> templates, ImportReport report) {
        /**
         * A template file of one template that renders on its own: the templates it inherits from first (as far
         * as the imported cloud has them), then the template.
         */
        public Map<String, Object> templateFile(String name) {
            List<Map<String, Object>> chain = new ArrayList<>();
            addWithParents(name, chain);
            return Map.of("templates", chain);
        }

        private void addWithParents(String name, List<Map<String, Object>> chain) {
            Map<String, Object> template = templates.get(name);
            if (template == null || chain.contains(template)) {
                return;
            }
            words(template.get("inheritFrom")).forEach(parent -> addWithParents(parent, chain));
            chain.add(template);
        }
    }

    private final ImportReport report = new ImportReport();
    private final Map<String, Map<String, Object>> templates = new LinkedHashMap<>();

    private KubernetesPluginImport() {}

    /**
     * @throws InvalidTemplateException when the input is not YAML (with line and column), has no clouds, or has a
     *     setting whose value cannot be read (naming it)
     */
    public static Result convert(String yaml) {
        return new KubernetesPluginImport().run(yaml);
    }

    /** As YAML, in block style; a value used twice (a mount in every container) is written out twice, not aliased. */
    public static String yaml(Object tree) {
        return new Dump(DumpSettings.builder().setDefaultFlowStyle(FlowStyle.BLOCK).setDereferenceAliases(true).build())
                .dumpToString(tree);
    }

    private Result run(String yaml) {
        Object root = YamlTree.single(yaml, "input");
        String at;
        Object clouds;
        if (root instanceof Map<?, ?> m && m.get("jenkins") instanceof Map<?, ?> jenkins) {
            at = "jenkins.clouds";
            clouds = jenkins.get("clouds");
            m.keySet().stream().filter(k -> !k.equals("jenkins")).forEach(k -> notNeeded(String.valueOf(k),
                    "not a cloud: import the rest of the configuration as it is"));
            jenkins.keySet().stream().filter(k -> !k.equals("clouds")).forEach(k -> notNeeded("jenkins." + k,
                    "not a cloud: import the rest of the configuration as it is"));
        } else if (root instanceof Map<?, ?> m && m.containsKey("clouds")) {
            at = "clouds";
            clouds = m.get("clouds");
        } else {
            at = "clouds";
            clouds = root instanceof List<?> ? root : null;
        }
        if (!(clouds instanceof List<?> list) || list.isEmpty()) {
            throw new InvalidTemplateException(List.of(new Problem("input", null, "has no clouds: expected a configuration-as-code "
                    + "file with 'jenkins: clouds:' (or just 'clouds:') listing the Kubernetes plugin's 'kubernetes' clouds")));
        }
        List<Object> converted = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            String path = at + "[" + i + "]";
            if (list.get(i) instanceof Map<?, ?> item && item.size() == 1 && item.get("kubernetes") instanceof Map<?, ?> cloud) {
                converted.add(Map.of("kubeAgents", cloud(cloud, path + ".kubernetes")));
            } else {
                notCarried(path, "not a cloud of the Kubernetes plugin (" + (list.get(i) instanceof Map<?, ?> m ? m.keySet()
                        : list.get(i)) + "): skipped; configure it as before");
            }
        }
        return new Result(Map.of("jenkins", Map.of("clouds", converted)), templates, report);
    }

    // ---------------------------------------------------------------- the cloud

    private Map<String, Object> cloud(Map<?, ?> in, String at) {
        Map<String, Object> out = new LinkedHashMap<>();
        Map<String, Object> forEveryTemplate = new LinkedHashMap<>();
        List<String> inheritFirst = new ArrayList<>();
        for (Map.Entry<?, ?> e : in.entrySet()) {
            String key = String.valueOf(e.getKey());
            Object v = e.getValue();
            String path = at + "." + key;
            switch (key) {
                case "name", "serverUrl", "namespace", "jenkinsUrl", "skipTlsVerify", "webSocket" -> map(out, key, v, path, key);
                case "jenkinsTunnel" -> map(out, "tunnel", v, path, "tunnel");
                case "connectTimeout" -> map(out, "connectTimeoutSeconds", number(v, path), path, "connectTimeoutSeconds");
                case "readTimeout" -> map(out, "readTimeoutSeconds", number(v, path), path, "readTimeoutSeconds");
                case "containerCap", "containerCapStr" -> limit(out, "containerCap", v, path);
                case "podRetention" -> retention(out, v, path);
                case "podLabels" -> {
                    forEveryTemplate.put("podLabels", lines(keyValues(v, path)));
                    mapped(path, "podLabels of every template");
                }
                case "restrictedPssSecurityContext" -> {
                    forEveryTemplate.put("restrictedSecurity", truth(v));
                    mapped(path, "restrictedSecurity of every template");
                }
                case "defaultsProviderTemplate" -> {
                    if (!blank(v)) {
                        inheritFirst.add(String.valueOf(v));
                        mapped(path, "inheritFrom of every template: " + v + " first");
                    } else {
                        notNeeded(path, "empty");
                    }
                }
                case "templates" -> { } // below, once the cloud-wide settings are known
                case "credentialsId" -> notCarried(path, "the credentials plugin is not used: set the cloud's authentication "
                        + "to 'token' (with the token and the CA certificate), 'kubeconfig', or 'inCluster' (the Jenkins pod's "
                        + "ServiceAccount, the default)");
                case "serverCertificate" -> notCarried(path, "a CA certificate goes with token authentication: set "
                        + "authentication to 'token' and paste it as caCertificate; in-cluster uses the ServiceAccount's CA");
                case "directConnection" -> off(path, v, "agents connect through jenkinsUrl, or tunnel (host:port of the "
                        + "inbound agent port) when that is elsewhere: set tunnel");
                case "retentionTimeout" -> notCarried(path, "a one-shot agent goes when its build ends, and one that no "
                        + "build takes after 10 minutes; for agents kept longer set idleMinutes on the template");
                case "maxRequestsPerHost", "maxRequestsPerHostStr" -> notNeeded(path, "kube-agents sends about four "
                        + "requests an agent through one client and one watch a namespace: no limit to set");
                case "waitForPodSec" -> notCarried(path, "set connectTimeoutSeconds on the templates: how long a pod may take "
                        + "to start and its agent to connect");
                case "capOnlyOnAlivePods" -> off(path, v, "kube-agents counts every pod of the cloud not yet deleted");
                case "usageRestricted" -> off(path, v, "kube-agents has no per-folder restriction of a cloud");
                case "useJenkinsProxy", "addMasterProxyEnvVars" -> off(path, v, "set the proxy variables (HTTP_PROXY, "
                        + "HTTPS_PROXY, NO_PROXY) as envVars of the templates");
                case "garbageCollection" -> notNeeded(path, "kube-agents deletes its own orphan pods every minute");
                case "jnlpregistry" -> notCarried(path, "name the agent image with its registry in a container named "
                        + "'jnlp' of the templates");
                case "traits" -> notCarried(path, "kube-agents has no cloud traits");
                default -> unknown(path);
            }
        }
        if (!forEveryTemplate.containsKey("restrictedSecurity")) {
            // the Kubernetes plugin adds no security context unless asked; kube-agents restricts the agent by default
            forEveryTemplate.put("restrictedSecurity", false);
            mapped(at + ".restrictedPssSecurityContext", "not set, so restrictedSecurity: false on every template, as the "
                    + "Kubernetes plugin builds the pod; set it to true where the agent image runs as a non-root user");
        }
        Object list = in.get("templates");
        if (list instanceof List<?> items) {
            Set<String> takenNames = new HashSet<>();
            items.forEach(t -> {
                if (!blank(fields(t).get("name"))) {
                    takenNames.add(String.valueOf(fields(t).get("name")));
                }
            });
            List<Object> converted = new ArrayList<>();
            for (int i = 0; i < items.size(); i++) {
                String path = at + ".templates[" + i + "]";
                if (items.get(i) instanceof Map<?, ?> t) {
                    Map<String, Object> template = template(t, path, forEveryTemplate, inheritFirst, takenNames);
                    converted.add(template);
                    templates.put(String.valueOf(template.get("name")), template);
                } else {
                    notCarried(path, "not a template: " + items.get(i));
                }
            }
            out.put("templates", converted);
        }
        return out;
    }

    // ---------------------------------------------------------------- a template

    /**
     * @param takenNames the names of the cloud's templates so far, those it names itself first: a name made for a
     *     template without one is added
     */
    private Map<String, Object> template(Map<?, ?> in, String at, Map<String, Object> forEveryTemplate, List<String> inheritFirst,
            Set<String> takenNames) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (blank(in.get("name"))) {
            String name = TemplateNames.unique(TemplateNames.fromLabel(text(in.get("label"))), takenNames);
            out.put("name", name);
            mapped(at, "a template without a name, as the Kubernetes plugin allows: named " + name + " after its label; "
                    + "its agents are named " + name + "-<8 random characters>");
        } else {
            out.put("name", String.valueOf(in.get("name")));
        }
        PodDraft pod = new PodDraft(containerNames(in));
        List<Object> envVars = new ArrayList<>();
        List<Object> volumes = new ArrayList<>();
        List<String> inherit = new ArrayList<>(inheritFirst);
        String userYaml = null;
        for (Map.Entry<?, ?> e : in.entrySet()) {
            String key = String.valueOf(e.getKey());
            Object v = e.getValue();
            String path = at + "." + key;
            switch (key) {
                case "name" -> mapped(path, "name");
                case "namespace", "serviceAccount" -> map(out, key, v, path, key);
                case "label" -> map(out, "labels", v, path, "labels");
                case "nodeSelector" -> map(out, "nodeSelector", v, path, "nodeSelector");
                case "inheritFrom" -> {
                    inherit.addAll(words(v));
                    mapped(path, "inheritFrom");
                }
                case "instanceCap", "instanceCapStr" -> limit(out, "instanceCap", v, path);
                case "idleMinutes", "idleMinutesStr" -> positive(out, "idleMinutes", v, path);
                case "activeDeadlineSeconds", "activeDeadlineSecondsStr" -> positive(out, "activeDeadlineSeconds", v, path);
                case "slaveConnectTimeout", "slaveConnectTimeoutStr" -> positive(out, "connectTimeoutSeconds", v, path);
                case "podRetention" -> retention(out, v, path);
                case "yamlMergeStrategy" -> {
                    String strategy = symbol(v);
                    map(out, "yamlMergeStrategy", strategy.equals("overrides") ? "override" : strategy, path, "yamlMergeStrategy");
                }
                case "yaml" -> {
                    userYaml = blank(v) ? null : String.valueOf(v);
                    mapped(path, "yaml");
                }
                case "yamls" -> {
                    userYaml = String.join("\n---\n", ((List<?>) v).stream().map(String::valueOf).toList());
                    mapped(path, "yaml, the documents merged in order");
                }
                case "annotations" -> annotations(keyValues(v, path), path, out, pod);
                case "imagePullSecrets" -> imagePullSecrets((List<?>) v, path, out);
                case "envVars" -> envVars(v, path, envVars, pod, pod.allContainers());
                case "containers" -> out.put("containers", containers(v, path, pod));
                case "volumes" -> volumes(v, path, volumes, pod);
                case "workspaceVolume" -> workspace(v, path, out, pod);
                case "runAsUser", "runAsGroup" -> {
                    pod.spec("securityContext").put(key, number(v, path));
                    carried(path, "spec.securityContext." + key);
                }
                case "supplementalGroups" -> {
                    pod.spec("securityContext").put(key, words(String.valueOf(v).replace(',', ' ')).stream().map(g -> number(g, path)).toList());
                    carried(path, "spec.securityContext.supplementalGroups");
                }
                case "hostNetwork" -> {
                    pod.spec().put("hostNetwork", truth(v));
                    carried(path, "spec.hostNetwork");
                }
                case "schedulerName" -> {
                    pod.spec().put("schedulerName", String.valueOf(v));
                    carried(path, "spec.schedulerName");
                }
                case "nodeUsageMode" -> {
                    if ("EXCLUSIVE".equalsIgnoreCase(String.valueOf(v))) {
                        notNeeded(path, "kube-agents' agents only take builds whose label they match, as EXCLUSIVE");
                    } else {
                        notCarried(path, "kube-agents' agents only take builds whose label they match (EXCLUSIVE); "
                                + "give the jobs that used any agent a label of the template");
                    }
                }
                case "id" -> notNeeded(path, "an identifier the Kubernetes plugin generates");
                case "showRawYaml" -> notNeeded(path, "a display option");
                case "inheritYamlMergeStrategy" -> off(path, v, "each template has its own yamlMergeStrategy: set it");
                case "agentContainer" -> {
                    if (blank(v) || JNLP.equals(v)) {
                        notNeeded(path, "the agent runs in the container named jnlp");
                    } else {
                        notCarried(path, "the agent runs in the container named jnlp: rename container " + v + " to jnlp");
                    }
                }
                case "agentInjection" -> off(path, v, "kube-agents injects no agent into another image: use an agent image "
                        + "(e.g. jenkins/inbound-agent) for the jnlp container");
                case "capOnlyOnAlivePods" -> off(path, v, "kube-agents counts every pod of the template not yet deleted");
                case "nodeProperties" -> {
                    if (v instanceof List<?> l && l.isEmpty()) {
                        notNeeded(path, "empty");
                    } else {
                        notCarried(path, "kube-agents' agents have no node properties (tool locations, environment): "
                                + "set envVars, or install the tools in the agent image");
                    }
                }
                default -> {
                    if (OLD_TEMPLATE_FIELDS.contains(key)) {
                        notNeeded(path, "a field of the Kubernetes plugin's old one-container templates, which it ignores "
                                + "too; set it on a container");
                    } else {
                        unknown(path);
                    }
                }
            }
        }
        forEveryTemplate.forEach(out::putIfAbsent);
        List<String> parents = inherit.stream().distinct().filter(parent -> !parent.equals(out.get("name"))).toList();
        if (!parents.isEmpty()) {
            out.put("inheritFrom", String.join(" ", parents));
        }
        if (!envVars.isEmpty()) {
            out.put("envVars", envLines(envVars));
        }
        if (!volumes.isEmpty()) {
            out.put("volumes", volumes);
        }
        String carried = pod.isEmpty() ? null : yaml(pod.tree());
        // the carried settings stand for the template's own fields, which win over its raw YAML: so they come last
        String raw = userYaml == null ? carried : carried == null ? userYaml : userYaml.stripTrailing() + "\n---\n" + carried;
        if (raw != null) {
            out.put("yaml", raw);
        }
        return out;
    }

    /** The names of the template's containers, the agent's jnlp among them: what a carried volume is mounted in. */
    private static List<String> containerNames(Map<?, ?> template) {
        List<String> names = new ArrayList<>();
        if (template.get("containers") instanceof List<?> containers) {
            containers.stream().map(c -> text(fields(c).get("name"))).filter(n -> n != null).forEach(names::add);
        }
        if (!names.contains(JNLP)) {
            names.add(JNLP);
        }
        return names;
    }

    /** Annotations as the form's lines; one whose value has several lines is carried as YAML, one value. */
    private void annotations(Map<String, String> annotations, String path, Map<String, Object> out, PodDraft pod) {
        Map<String, String> oneLine = new LinkedHashMap<>();
        annotations.forEach((key, value) -> {
            if (value.contains("\n")) {
                pod.metadata("annotations").put(key, value);
            } else {
                oneLine.put(key, value);
            }
        });
        if (!oneLine.isEmpty()) {
            out.put("podAnnotations", lines(oneLine));
            mapped(path, "podAnnotations");
        }
        if (oneLine.size() < annotations.size()) {
            carried(path, "metadata.annotations: values of several lines, which a line of podAnnotations cannot hold");
        }
    }

    private void imagePullSecrets(List<?> secrets, String path, Map<String, Object> out) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < secrets.size(); i++) {
            String name = text(fields(secrets.get(i)).get("name"));
            if (name == null) {
                notCarried(path + "[" + i + "]", "an image pull secret needs a name: skipped");
            } else {
                names.add(name);
            }
        }
        if (!names.isEmpty()) {
            out.put("imagePullSecrets", String.join(" ", names));
            mapped(path, "imagePullSecrets");
        }
    }

    // ---------------------------------------------------------------- containers

    private List<Object> containers(Object list, String at, PodDraft pod) {
        List<Object> out = new ArrayList<>();
        List<?> items = (List<?>) list;
        for (int i = 0; i < items.size(); i++) {
            Map<?, ?> in = fields(items.get(i));
            String path = at + "[" + i + "]";
            String name = text(in.get("name"));
            if (name == null) {
                notCarried(path, "a container needs a name: skipped, with all its settings");
                continue;
            }
            Map<String, Object> c = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : in.entrySet()) {
                String key = String.valueOf(e.getKey());
                Object v = e.getValue();
                String field = path + "." + key;
                switch (key) {
                    case "name", "image", "workingDir", "resourceRequestCpu", "resourceRequestMemory", "resourceLimitCpu",
                            "resourceLimitMemory", "ttyEnabled", "privileged" -> map(c, key, v, field, key);
                    case "command", "args" -> {
                        List<String> words = CommandLine.split(String.valueOf(v));
                        if (words.stream().noneMatch(w -> w.isEmpty() || w.chars().anyMatch(Character::isWhitespace))) {
                            map(c, key, String.join(" ", words), field, key);
                        } else { // a quoted word with spaces in it: the field's space-separated text cannot say it
                            pod.container(name).put(key, words);
                            carried(field, key + " as a list: " + words);
                        }
                    }
                    case "alwaysPullImage" -> {
                        if (truth(v)) {
                            pod.container(name).put("imagePullPolicy", "Always");
                            carried(field, "imagePullPolicy: Always");
                        } else {
                            notNeeded(field, "off");
                        }
                    }
                    case "runAsUser", "runAsGroup" -> {
                        pod.containerMap(name, "securityContext").put(key, number(v, field));
                        carried(field, "securityContext." + key);
                    }
                    case "resourceRequestEphemeralStorage" -> {
                        pod.containerMap(name, "resources", "requests").put("ephemeral-storage", String.valueOf(v));
                        carried(field, "resources.requests.ephemeral-storage");
                    }
                    case "resourceLimitEphemeralStorage" -> {
                        pod.containerMap(name, "resources", "limits").put("ephemeral-storage", String.valueOf(v));
                        carried(field, "resources.limits.ephemeral-storage");
                    }
                    case "envVars" -> {
                        List<Object> env = new ArrayList<>();
                        envVars(v, field, env, pod, List.of(name));
                        if (!env.isEmpty()) {
                            c.put("envVars", envLines(env));
                        }
                    }
                    case "ports" -> c.put("ports", String.join("\n", ports(v, field, pod, name)));
                    case "livenessProbe" -> {
                        if (blank(fields(v).get("execArgs"))) {
                            notCarried(field, "a liveness probe without execArgs has no command to run, and Kubernetes refuses "
                                    + "a probe without one: skipped; add it to the template's yaml with its command");
                        } else {
                            pod.container(name).put("livenessProbe", probe(fields(v), field));
                            carried(field, "livenessProbe");
                        }
                    }
                    case "shell" -> notCarried(field, "the shell of the Kubernetes plugin's 'container' pipeline step; "
                            + "kube-agents has no such step");
                    default -> unknown(field);
                }
            }
            out.add(c);
        }
        return out;
    }

    /** The ports as the form's lines, {@code name=port}; a host port is carried as YAML. */
    private List<String> ports(Object list, String at, PodDraft pod, String container) {
        List<String> out = new ArrayList<>();
        List<?> items = (List<?>) list;
        for (int i = 0; i < items.size(); i++) {
            Map<?, ?> in = fields(items.get(i));
            String path = at + "[" + i + "]";
            if (blank(in.get("containerPort"))) {
                notCarried(path, "a port needs its containerPort: skipped");
                continue;
            }
            Map<String, Object> port = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : in.entrySet()) {
                String key = String.valueOf(e.getKey());
                switch (key) {
                    case "name" -> map(port, "name", e.getValue(), path + ".name", "name");
                    case "containerPort" -> map(port, "containerPort", number(e.getValue(), path + ".containerPort"), path + ".containerPort", "containerPort");
                    case "hostPort" -> {
                        Map<String, Object> carriedPort = new LinkedHashMap<>();
                        carriedPort.put("containerPort", number(in.get("containerPort"), path + ".containerPort"));
                        carriedPort.put("hostPort", number(e.getValue(), path + ".hostPort"));
                        pod.containerList(container, "ports").add(carriedPort);
                        carried(path + ".hostPort", "ports[].hostPort");
                    }
                    default -> unknown(path + "." + key);
                }
            }
            out.add(port.get("name") == null ? String.valueOf(port.get("containerPort")) : port.get("name") + "=" + port.get("containerPort"));
        }
        return out;
    }

    private static Map<String, Object> probe(Map<?, ?> in, String at) {
        Map<String, Object> probe = new LinkedHashMap<>();
        probe.put("exec", Map.of("command", CommandLine.split(String.valueOf(in.get("execArgs")))));
        for (String key : List.of("timeoutSeconds", "initialDelaySeconds", "failureThreshold", "periodSeconds", "successThreshold")) {
            Long value = number(in.get(key), at + "." + key);
            if (value != null && value > 0) {
                probe.put(key, value);
            }
        }
        return probe;
    }

    // ---------------------------------------------------------------- environment

    private void envVars(Object list, String at, List<Object> out, PodDraft pod, List<String> containers) {
        List<?> items = (List<?>) list;
        for (int i = 0; i < items.size(); i++) {
            String path = at + "[" + i + "]";
            String symbol = symbolOf(items.get(i));
            Map<?, ?> in = fields(items.get(i));
            String key = text(in.get("key"));
            String value = in.get("value") == null ? "" : String.valueOf(in.get("value"));
            if (key == null) {
                notCarried(path, "an environment variable needs a key, its name: skipped");
            } else if ((symbol == null || Set.of("envVar", "containerEnvVar", "podEnvVar", "keyValueEnvVar").contains(symbol))
                    && value.contains("\n")) { // NAME=value a line cannot hold it: one value, as YAML
                containers.forEach(container -> pod.containerList(container, "env").add(ordered("name", key, "value", value)));
                carried(path, "env[] in " + String.join(", ", containers) + ": a value of several lines");
            } else if (symbol == null || Set.of("envVar", "containerEnvVar", "podEnvVar", "keyValueEnvVar").contains(symbol)) {
                out.add(ordered("name", key, "value", value));
                mapped(path, "envVars");
            } else if (symbol.equals("secretEnvVar")) {
                if (blank(in.get("secretName")) || blank(in.get("secretKey"))) {
                    notCarried(path, "a secret environment variable needs secretName and secretKey: skipped");
                    continue;
                }
                Map<String, Object> ref = new LinkedHashMap<>();
                ref.put("name", String.valueOf(in.get("secretName")));
                ref.put("key", String.valueOf(in.get("secretKey")));
                if (in.get("optional") != null) {
                    ref.put("optional", truth(in.get("optional")));
                }
                for (String container : containers) {
                    pod.containerList(container, "env").add(ordered("name", key, "valueFrom", Map.of("secretKeyRef", ref)));
                }
                carried(path, "env[].valueFrom.secretKeyRef in " + String.join(", ", containers));
            } else {
                notCarried(path, "an environment variable of a kind kube-agents does not know: " + symbol);
            }
        }
    }

    // ---------------------------------------------------------------- volumes

    private void volumes(Object list, String at, List<Object> out, PodDraft pod) {
        List<?> items = (List<?>) list;
        for (int i = 0; i < items.size(); i++) {
            String path = at + "[" + i + "]";
            String symbol = String.valueOf(symbolOf(items.get(i)));
            Map<?, ?> in = fields(items.get(i));
            List<String> missing = missing(in, VOLUME_NEEDS.getOrDefault(symbol, List.of()));
            if (blank(in.get("mountPath"))) {
                missing.add(0, "mountPath");
            }
            if (!missing.isEmpty()) {
                notCarried(path, symbol + " needs " + String.join(" and ", missing) + ": skipped");
                continue;
            }
            String mountPath = String.valueOf(in.get("mountPath"));
            boolean readOnly = truth(in.get("readOnly"));
            Map<String, Object> field = new LinkedHashMap<>();
            Map<String, Object> source = new LinkedHashMap<>();
            switch (symbol) {
                case "hostPathVolume" -> field.putAll(ordered("type", "hostPath", "hostPath", String.valueOf(in.get("hostPath"))));
                case "persistentVolumeClaim" -> field.putAll(ordered("type", "persistentVolumeClaim",
                        "claimName", String.valueOf(in.get("claimName"))));
                case "configMapVolume" -> {
                    if (in.get("optional") == null && blank(in.get("subPath"))) {
                        field.putAll(ordered("type", "configMap", "configMapName", String.valueOf(in.get("configMapName"))));
                    } else {
                        source.put("configMap", optional(Map.of("name", String.valueOf(in.get("configMapName"))), in.get("optional")));
                    }
                }
                case "secretVolume" -> {
                    if (in.get("optional") == null && blank(in.get("defaultMode"))) {
                        field.putAll(ordered("type", "secret", "secretName", String.valueOf(in.get("secretName"))));
                    } else {
                        Map<String, Object> secret = optional(Map.of("secretName", String.valueOf(in.get("secretName"))), in.get("optional"));
                        if (!blank(in.get("defaultMode"))) {
                            secret.put("defaultMode", octal(in.get("defaultMode"), path + ".defaultMode"));
                        }
                        source.put("secret", secret);
                    }
                }
                case "emptyDirVolume" -> {
                    if (truth(in.get("memory"))) {
                        source.put("emptyDir", Map.of("medium", "Memory"));
                    } else {
                        field.put("type", "emptyDir");
                    }
                }
                case "nfsVolume" -> source.put("nfs", nfs(in));
                case "dynamicPVC", "genericEphemeralVolume" -> source.put("ephemeral", ephemeral(in));
                default -> {
                    notCarried(path, "a volume of a kind kube-agents does not know: " + symbol + "; add it to the template's yaml");
                    continue;
                }
            }
            if (!field.isEmpty()) {
                field.put("mountPath", mountPath);
                if (readOnly) {
                    field.put("readOnly", true);
                }
                out.add(field);
                mapped(path, "volumes");
            } else {
                String name = "volume-imported-" + i;
                Map<String, Object> volume = new LinkedHashMap<>(Map.of("name", name));
                volume.putAll(source);
                pod.specList("volumes").add(volume);
                Map<String, Object> mount = ordered("name", name, "mountPath", mountPath);
                if (readOnly) {
                    mount.put("readOnly", true);
                }
                if (!blank(in.get("subPath"))) {
                    mount.put("subPath", String.valueOf(in.get("subPath")));
                }
                pod.allContainers().forEach(c -> pod.containerList(c, "volumeMounts").add(mount));
                carried(path, "spec.volumes[" + name + "] (" + String.join(", ", source.keySet()) + "), mounted in every container"
                        + (symbol.equals("dynamicPVC") ? "; a generic ephemeral volume: a claim made for the pod and deleted with it" : ""));
            }
        }
    }

    private void workspace(Object value, String path, Map<String, Object> out, PodDraft pod) {
        String symbol = String.valueOf(symbolOf(value));
        Map<?, ?> in = fields(value);
        List<String> missing = missing(in, VOLUME_NEEDS.getOrDefault(symbol, List.of()));
        if (!missing.isEmpty()) {
            notCarried(path, symbol + " needs " + String.join(" and ", missing) + ": skipped; the workspace is an emptyDir");
            return;
        }
        Map<String, Object> source = new LinkedHashMap<>();
        switch (symbol) {
            case "emptyDirWorkspaceVolume" -> {
                if (!truth(in.get("memory")) && blank(in.get("sizeLimit"))) {
                    out.put("workspaceVolume", Map.of("type", "emptyDir"));
                    mapped(path, "workspaceVolume");
                    return;
                }
                Map<String, Object> emptyDir = new LinkedHashMap<>();
                if (truth(in.get("memory"))) {
                    emptyDir.put("medium", "Memory");
                }
                if (!blank(in.get("sizeLimit"))) {
                    emptyDir.put("sizeLimit", String.valueOf(in.get("sizeLimit")));
                }
                source.put("emptyDir", emptyDir);
            }
            case "hostPathWorkspaceVolume" -> {
                out.put("workspaceVolume", ordered("type", "hostPath", "hostPath", String.valueOf(in.get("hostPath"))));
                mapped(path, "workspaceVolume");
                return;
            }
            case "persistentVolumeClaimWorkspaceVolume" -> {
                if (!truth(in.get("readOnly"))) {
                    out.put("workspaceVolume", ordered("type", "persistentVolumeClaim", "claimName", String.valueOf(in.get("claimName"))));
                    mapped(path, "workspaceVolume");
                    return;
                }
                source.put("persistentVolumeClaim", ordered("claimName", String.valueOf(in.get("claimName")), "readOnly", true));
            }
            case "nfsWorkspaceVolume" -> source.put("nfs", nfs(in));
            case "dynamicPVC", "genericEphemeralVolume" -> source.put("ephemeral", ephemeral(in));
            default -> {
                notCarried(path, "a workspace volume of a kind kube-agents does not know: " + symbol);
                return;
            }
        }
        Map<String, Object> volume = new LinkedHashMap<>(Map.of("name", "workspace-volume"));
        volume.putAll(source);
        pod.specList("volumes").add(volume);
        carried(path, "spec.volumes[workspace-volume] (" + String.join(", ", source.keySet()) + "): the workspace, as the "
                + "template sets no workspaceVolume field");
    }

    private static Map<String, Object> nfs(Map<?, ?> in) {
        Map<String, Object> nfs = new LinkedHashMap<>();
        nfs.put("server", String.valueOf(in.get("serverAddress")));
        nfs.put("path", String.valueOf(in.get("serverPath")));
        if (truth(in.get("readOnly"))) {
            nfs.put("readOnly", true);
        }
        return nfs;
    }

    /** A claim made for the pod and deleted with it, as the plugin's dynamic and generic ephemeral volumes are. */
    private static Map<String, Object> ephemeral(Map<?, ?> in) {
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("accessModes", List.of(blank(in.get("accessModes")) ? "ReadWriteOnce" : String.valueOf(in.get("accessModes"))));
        if (!blank(in.get("storageClassName"))) {
            spec.put("storageClassName", String.valueOf(in.get("storageClassName")));
        }
        spec.put("resources", Map.of("requests", Map.of("storage", blank(in.get("requestsSize")) ? "10Gi"
                : String.valueOf(in.get("requestsSize")))));
        return Map.of("volumeClaimTemplate", Map.of("spec", spec));
    }

    private static Map<String, Object> optional(Map<String, Object> source, Object optional) {
        Map<String, Object> out = new LinkedHashMap<>(source);
        if (optional != null) {
            out.put("optional", truth(optional));
        }
        return out;
    }

    // ---------------------------------------------------------------- values

    private void retention(Map<String, Object> out, Object v, String path) {
        String symbol = symbol(v);
        switch (symbol) {
            case "never", "always", "onFailure" -> map(out, "podRetention", symbol, path, "podRetention");
            case "default" -> notNeeded(path, "the cloud's (or kube-agents') default");
            default -> notCarried(path, "kube-agents keeps pods never, on failure or always; '" + symbol + "' has no match");
        }
    }

    /** A cap: a positive number; the plugin's "no limit" (empty, 0 or 2147483647) is kube-agents' default. */
    private void limit(Map<String, Object> out, String key, Object v, String path) {
        Long n = number(v, path);
        if (n == null || n <= 0 || n >= NO_LIMIT) {
            notNeeded(path, "no limit, kube-agents' default");
        } else {
            map(out, key, n, path, key);
        }
    }

    private void positive(Map<String, Object> out, String key, Object v, String path) {
        Long n = number(v, path);
        if (n == null || n <= 0) {
            notNeeded(path, "not set (" + v + "), kube-agents' default");
        } else {
            map(out, key, n, path, key);
        }
    }

    private void off(String path, Object v, String whatToDo) {
        if (truth(v)) {
            notCarried(path, whatToDo);
        } else {
            notNeeded(path, "off, as kube-agents behaves");
        }
    }

    /** A map written in the order given: the YAML written comes out the same every time. */
    private static Map<String, Object> ordered(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    /** {@code key=value} a line, as the form's map fields take them. */
    private static String lines(Map<String, String> map) {
        return String.join("\n", map.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList());
    }

    @SuppressWarnings("unchecked")
    private static String envLines(List<Object> envVars) {
        return String.join("\n", envVars.stream().map(e -> (Map<String, String>) e)
                .map(e -> e.get("name") + "=" + e.get("value")).toList());
    }

    /** The {@code key}/{@code value} items; one without a key is reported and left out. */
    private Map<String, String> keyValues(Object list, String at) {
        Map<String, String> map = new LinkedHashMap<>();
        List<?> items = (List<?>) list;
        for (int i = 0; i < items.size(); i++) {
            Map<?, ?> kv = fields(items.get(i));
            if (blank(kv.get("key"))) {
                notCarried(at + "[" + i + "]", "needs a key: skipped");
            } else {
                map.put(String.valueOf(kv.get("key")), kv.get("value") == null ? "" : String.valueOf(kv.get("value")));
            }
        }
        return map;
    }

    /** The keys the item lacks, or has empty, of those it needs. */
    private static List<String> missing(Map<?, ?> in, List<String> needed) {
        return new ArrayList<>(needed.stream().filter(key -> blank(in.get(key))).toList());
    }

    /** The text of a value, or null for none or an empty one: never the text "null". */
    private static String text(Object v) {
        return blank(v) ? null : String.valueOf(v);
    }

    /** The symbol of a describable written as {@code symbol: {fields}} or as a bare {@code symbol} string. */
    private static String symbolOf(Object item) {
        if (item instanceof Map<?, ?> m && m.size() == 1 && (m.values().iterator().next() instanceof Map
                || m.values().iterator().next() == null)) {
            return String.valueOf(m.keySet().iterator().next());
        }
        return item instanceof String s ? s : null;
    }

    private static String symbol(Object v) {
        String symbol = symbolOf(v);
        return symbol == null ? String.valueOf(v) : symbol;
    }

    /** The fields of a describable, with or without its symbol around them. */
    private static Map<?, ?> fields(Object item) {
        if (item instanceof Map<?, ?> m && m.size() == 1 && m.values().iterator().next() instanceof Map<?, ?> inner) {
            return inner;
        }
        return item instanceof Map<?, ?> m ? m : Map.of();
    }

    /** A whole number, written as one or as text; a value that is neither names its setting and stops the import. */
    private static Long number(Object v, String path) {
        if (v == null || blank(v)) {
            return null;
        }
        if (v instanceof Number n) {
            return n.longValue();
        }
        try {
            return Long.parseLong(String.valueOf(v).trim());
        } catch (NumberFormatException e) {
            throw new InvalidTemplateException(List.of(new Problem(path, String.valueOf(v), "must be a whole number")));
        }
    }

    /** A file mode written in octal, as the plugin takes it ({@code 0400}). */
    private static int octal(Object v, String path) {
        try {
            return Integer.parseInt(String.valueOf(v).trim(), 8);
        } catch (NumberFormatException e) {
            throw new InvalidTemplateException(List.of(new Problem(path, String.valueOf(v), "must be an octal file mode, e.g. 0400")));
        }
    }

    private static boolean truth(Object v) {
        return v instanceof Boolean b ? b : "true".equalsIgnoreCase(String.valueOf(v));
    }

    private static boolean blank(Object v) {
        return v == null || String.valueOf(v).isBlank();
    }

    private static List<String> words(Object v) {
        if (v instanceof List<?> list) {
            return list.stream().map(String::valueOf).toList();
        }
        return v == null || String.valueOf(v).isBlank() ? List.of() : List.of(String.valueOf(v).trim().split("\\s+"));
    }

    private void map(Map<String, Object> out, String key, Object value, String path, String to) {
        if (blank(value)) {
            notNeeded(path, "empty");
            return;
        }
        out.put(key, value);
        mapped(path, to);
    }

    private void mapped(String path, String to) {
        report.add(path, Outcome.MAPPED, to);
    }

    private void carried(String path, String where) {
        report.add(path, Outcome.CARRIED, where);
    }

    private void notNeeded(String path, String why) {
        report.add(path, Outcome.NOT_NEEDED, why);
    }

    private void notCarried(String path, String why) {
        report.add(path, Outcome.NOT_CARRIED, why);
    }

    private void unknown(String path) {
        notCarried(path, "not a setting kube-agents knows of the Kubernetes plugin; check its spelling, or set what it does "
                + "in the template's yaml");
    }
}
