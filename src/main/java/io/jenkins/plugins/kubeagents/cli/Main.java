package io.jenkins.plugins.kubeagents.cli;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.jenkins.plugins.kubeagents.engine.cluster.ClientFactory;
import io.jenkins.plugins.kubeagents.engine.cluster.ClusterCheck;
import io.jenkins.plugins.kubeagents.engine.cluster.ClusterSettings;
import io.jenkins.plugins.kubeagents.engine.config.TemplateFile;
import io.jenkins.plugins.kubeagents.engine.merge.PodYaml;
import io.jenkins.plugins.kubeagents.engine.importer.KubernetesPluginImport;
import io.jenkins.plugins.kubeagents.engine.merge.ResolvedTemplate;
import io.jenkins.plugins.kubeagents.engine.merge.TemplateInheritance;
import io.jenkins.plugins.kubeagents.engine.render.AgentIdentity;
import io.jenkins.plugins.kubeagents.engine.render.ConnectionSettings;
import io.jenkins.plugins.kubeagents.engine.render.PodRenderer;
import io.jenkins.plugins.kubeagents.engine.template.TemplateDefaults;
import io.jenkins.plugins.kubeagents.engine.template.TemplateSpec;
import io.jenkins.plugins.kubeagents.engine.validation.InvalidTemplateException;
import io.jenkins.plugins.kubeagents.engine.validation.Problem;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * {@code kube-agents check | render | trial}: the plugin's engine on the command line, without Jenkins. Exit
 * codes: 0 all good, 1 problems found, 2 usage error.
 */
public final class Main {
    static final int OK = 0;
    static final int PROBLEMS = 1;
    static final int USAGE = 2;
    private static final String CONTROLLER_ID = "kube-agents-cli";
    private static final String USAGE_TEXT = """
            Usage: java -jar kube-agents-cli.jar <command> [options]

            Commands:
              check                      connect like the cloud does; print the server version, the namespace,
                                         each permission the plugin needs (allowed/denied), quotas and limit ranges
              render --template FILE     print the pod the plugin would create for a template (or every error)
              trial  --template FILE     create the template's pod for real, its agent container running a
                                         self-test; follow it to the end; print its timeline; delete it
              import-kubernetes-plugin FILE
                                         turn the Kubernetes plugin's configuration as code into kube-agents';
                                         report on stderr what became of each setting (exit 1 if one was not
                                         carried over, 2 if FILE cannot be read)

            Cluster (default: the kubeconfig's current context, else the pod's ServiceAccount, else an embedded API):
              --kubeconfig FILE [--context NAME] | --server URL --token TOKEN [--ca-file PEM] | --in-cluster | --embedded
              --namespace NS             where pods go (default: the template's, else kube-ops)
              --insecure-skip-tls-verify

            Options:
              --agent-name NAME          (render) the agent's name; default <template>-<random>
              --jenkins-url URL          (render) the URL agents connect to; default http://jenkins:8080/
              --image-pull-grace SEC     (trial) how long an image may fail to pull; default 30
              --unschedulable-budget SEC (trial) how long a pod may stay unschedulable; default 300
              --timeout SEC              (trial) give up after; default 300
              --out FILE                 (import) write the configuration as code there, not to stdout
              --templates-dir DIR        (import) also write one template file a template there
              --json                     machine-readable output
              --help                     this text
            """;

    private final PrintStream out;
    private final PrintStream err;
    private final UnaryOperator<io.fabric8.mockwebserver.http.Dispatcher> embeddedApi;
    private final Map<String, String> env;

    Main(PrintStream out, PrintStream err, Map<String, String> env, UnaryOperator<io.fabric8.mockwebserver.http.Dispatcher> embeddedApi) {
        this.out = out;
        this.err = err;
        this.env = env;
        this.embeddedApi = embeddedApi;
    }

    public static void main(String[] args) {
        int code = new Main(System.out, System.err, System.getenv(), UnaryOperator.identity()).run(args);
        System.exit(code);
    }

    int run(String... args) {
        Options o;
        try {
            o = Options.parse(args);
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            err.println("Run with --help for usage.");
            return USAGE;
        }
        if (o.help || o.command == null) {
            (o.help ? out : err).print(USAGE_TEXT);
            return o.help ? OK : USAGE;
        }
        try {
            return switch (o.command) {
                case "render" -> render(o);
                case "check" -> withCluster(o, (client, where) -> check(o, client, where));
                case "trial" -> trial(o);
                case "import-kubernetes-plugin" -> importKubernetesPlugin(o);
                default -> {
                    err.println("Unknown command '" + o.command + "'; expected check, render, trial or import-kubernetes-plugin.");
                    yield USAGE;
                }
            };
        } catch (InvalidTemplateException e) {
            printProblems(o, e.problems());
            return PROBLEMS;
        } catch (IOException e) {
            err.println("Cannot read " + e.getMessage());
            return USAGE;
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            return USAGE;
        }
    }

    private int importKubernetesPlugin(Options o) throws IOException {
        KubernetesPluginImport.Result result;
        try {
            result = KubernetesPluginImport.convert(Files.readString(Path.of(o.file)));
        } catch (InvalidTemplateException e) {
            e.problems().forEach(p -> err.println(o.file + ": " + p));
            return USAGE;
        }
        String casc = KubernetesPluginImport.yaml(result.casc());
        if (o.out != null) {
            Files.writeString(Path.of(o.out), casc);
        } else {
            out.print(casc);
        }
        if (o.templatesDir != null) {
            Path dir = Files.createDirectories(Path.of(o.templatesDir));
            for (String name : result.templates().keySet()) {
                Files.writeString(dir.resolve(name + ".yaml"), KubernetesPluginImport.yaml(result.templateFile(name)));
            }
        }
        err.println(result.report().format());
        return result.report().complete() ? OK : PROBLEMS;
    }

    private int render(Options o) throws IOException {
        ResolvedTemplate template = template(o);
        String name = o.agentName != null ? o.agentName : AgentIdentity.newAgentName(template.spec().name());
        Pod pod = new PodRenderer(TemplateDefaults.STANDARD).render(template, identity(o, template, name),
                ConnectionSettings.tcp(o.jenkinsUrl, null));
        String yaml = PodYaml.toYaml(pod);
        out.print(o.json ? json(Map.of("pod", yaml)) + "\n" : yaml);
        return OK;
    }

    private int check(Options o, KubernetesClient client, String where) {
        ClusterCheck.Report report = ClusterCheck.run(client, o.namespace != null ? o.namespace : "kube-ops");
        if (o.json) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("cluster", where);
            json.put("ok", report.ok());
            json.put("serverVersion", report.serverVersion());
            json.put("namespace", report.namespace());
            json.put("namespaceExists", report.namespaceExists());
            json.put("permissions", report.permissions().stream().map(p -> Map.of("verb", p.permission().verb(),
                    "resource", p.permission().resource(), "allowed", String.valueOf(p.allowed()))).toList());
            json.put("constraints", report.constraints());
            json.put("connectionError", report.connectionError());
            out.println(json(json));
        } else {
            report.lines().forEach(out::println);
            out.println(report.ok() ? "OK: the plugin can run agents here" : "PROBLEMS: see the lines marked '!'");
        }
        return report.ok() ? OK : PROBLEMS;
    }

    private int trial(Options o) throws IOException {
        ResolvedTemplate template = template(o);
        return withCluster(o, (client, where) -> {
            String name = AgentIdentity.newAgentName(template.spec().name());
            AgentIdentity agent = identity(o, template, name);
            Pod pod = Trial.withSelfTest(new PodRenderer(TemplateDefaults.STANDARD).render(template, agent,
                    ConnectionSettings.tcp(o.jenkinsUrl, null)));
            Progress progress = new Progress(err, System.console() != null && !o.json);
            Trial.Result result = new Trial(client, o.patience()).run(pod, agent, progress::show);
            progress.done();
            if (o.json) {
                Map<String, Object> json = new LinkedHashMap<>(Trial.json(result));
                json.put("cluster", where);
                out.println(json(json));
            } else {
                out.println("Pod " + agent.namespace() + "/" + result.pod() + ":");
                out.println(result.timeline());
                out.println(result.succeeded() ? "OK: " + result.message()
                        : "FAILED: " + result.reason() + ": " + result.message());
                out.println(result.cleanedUp() ? "Deleted the pod and its Secret." : "! Could not delete pod " + result.pod()
                        + " and its Secret; delete them with kubectl.");
            }
            return result.succeeded() && result.cleanedUp() ? OK : PROBLEMS;
        });
    }

    private interface ClusterWork {
        int run(KubernetesClient client, String where);
    }

    /** Runs the work against the chosen cluster; the first line says which one. */
    private int withCluster(Options o, ClusterWork work) {
        String namespace = o.namespace != null ? o.namespace : "kube-ops";
        if (o.embedded || (o.server == null && o.kubeconfig == null && !o.inCluster && !kubeconfigExists() && !inPod())) {
            (o.json ? err : out).println("Using an embedded Kubernetes API (fabric8's mock server and a simulated kubelet): "
                    + "no cluster is configured. Pass --kubeconfig, --server or --in-cluster to use a real one.");
            try (EmbeddedCluster cluster = new EmbeddedCluster(namespace, embeddedApi);
                    KubernetesClient client = cluster.client("kube-agents-cli")) {
                return work.run(client, "embedded");
            }
        }
        ClusterSettings.Auth auth = o.server != null && o.token != null ? new ClusterSettings.Token(o.token, o.caPem())
                : o.inCluster || (o.kubeconfig == null && !kubeconfigExists()) ? new ClusterSettings.InCluster()
                : new ClusterSettings.Kubeconfig(o.kubeconfig, o.context);
        ClusterSettings settings = new ClusterSettings(o.server, namespace, auth, o.skipTls,
                ClusterSettings.DEFAULT_CONNECT_TIMEOUT_SECONDS, ClusterSettings.DEFAULT_READ_TIMEOUT_SECONDS);
        List<Problem> problems = settings.problems("cluster");
        if (!problems.isEmpty()) {
            throw new InvalidTemplateException(problems);
        }
        try (KubernetesClient client = ClientFactory.create(settings)) {
            (o.json ? err : out).println("Using the Kubernetes API at " + client.getMasterUrl());
            return work.run(client, String.valueOf(client.getMasterUrl()));
        }
    }

    /** Where fabric8 looks for a kubeconfig by default: $KUBECONFIG, else ~/.kube/config. */
    private boolean kubeconfigExists() {
        String home = env.getOrDefault("HOME", System.getProperty("user.home"));
        return env.containsKey("KUBECONFIG") || Files.exists(Path.of(home, ".kube", "config"));
    }

    private boolean inPod() {
        return env.containsKey("KUBERNETES_SERVICE_HOST") && Files.exists(Path.of(Config.KUBERNETES_SERVICE_ACCOUNT_TOKEN_PATH));
    }

    private static ResolvedTemplate template(Options o) throws IOException {
        String yaml = Files.readString(Path.of(o.template));
        List<TemplateSpec> specs = TemplateFile.parse(yaml, Path.of(o.template).getFileName().toString()
                .replaceFirst("\\.ya?ml$", "").toLowerCase().replaceAll("[^a-z0-9-]", "-"));
        return TemplateInheritance.of(specs).resolve(specs.get(specs.size() - 1).name());
    }

    private static AgentIdentity identity(Options o, ResolvedTemplate template, String agentName) {
        String namespace = o.namespace != null ? o.namespace
                : template.spec().namespace() != null ? template.spec().namespace() : "kube-ops";
        return new AgentIdentity(agentName, namespace, "cli", template.spec().name(), CONTROLLER_ID);
    }

    private void printProblems(Options o, List<Problem> problems) {
        if (o.json) {
            out.println(json(Map.of("problems", problems.stream().map(p -> {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("path", p.path());
                m.put("value", p.value());
                m.put("message", p.message());
                return m;
            }).toList())));
        } else {
            err.println(problems.size() == 1 ? "1 problem:" : problems.size() + " problems:");
            problems.forEach(p -> err.println("  " + p));
        }
    }

    private static String json(Object value) {
        return new KubernetesSerialization().asJson(value);
    }

    /** Elapsed time and the pod's state on one updating line, when a person watches. */
    private static final class Progress {
        private final PrintStream err;
        private final boolean enabled;
        private int width;

        Progress(PrintStream err, boolean enabled) {
            this.err = err;
            this.enabled = enabled;
        }

        void show(String line) {
            if (enabled) {
                String text = line.length() > 100 ? line.substring(0, 100) : line;
                err.print("\r" + text + " ".repeat(Math.max(0, width - text.length())));
                width = text.length();
                err.flush();
            }
        }

        void done() {
            if (enabled && width > 0) {
                err.print("\r" + " ".repeat(width) + "\r");
            }
        }
    }

    /** The parsed command line; every error names the option. */
    static final class Options {
        String command;
        String template;
        String file;
        String out;
        String templatesDir;
        String agentName;
        String jenkinsUrl = "http://jenkins:8080/";
        String namespace;
        String kubeconfig;
        String context;
        String server;
        String token;
        String caFile;
        boolean inCluster;
        boolean embedded;
        boolean skipTls;
        boolean json;
        boolean help;
        int imagePullGrace = 30;
        int unschedulableBudget = 300;
        int timeout = 300;

        static Options parse(String... args) {
            Options o = new Options();
            Deque<String> rest = new ArrayDeque<>(List.of(args));
            while (!rest.isEmpty()) {
                String a = rest.pop();
                switch (a) {
                    case "--help", "-h" -> o.help = true;
                    case "--json" -> o.json = true;
                    case "--in-cluster" -> o.inCluster = true;
                    case "--embedded" -> o.embedded = true;
                    case "--insecure-skip-tls-verify" -> o.skipTls = true;
                    case "--template" -> o.template = value(a, rest);
                    case "--agent-name" -> o.agentName = value(a, rest);
                    case "--jenkins-url" -> o.jenkinsUrl = value(a, rest);
                    case "--namespace", "-n" -> o.namespace = value(a, rest);
                    case "--kubeconfig" -> o.kubeconfig = value(a, rest);
                    case "--context" -> o.context = value(a, rest);
                    case "--server" -> o.server = value(a, rest);
                    case "--token" -> o.token = value(a, rest);
                    case "--ca-file" -> o.caFile = value(a, rest);
                    case "--image-pull-grace" -> o.imagePullGrace = seconds(a, value(a, rest));
                    case "--unschedulable-budget" -> o.unschedulableBudget = seconds(a, value(a, rest));
                    case "--timeout" -> o.timeout = seconds(a, value(a, rest));
                    case "--out" -> o.out = value(a, rest);
                    case "--templates-dir" -> o.templatesDir = value(a, rest);
                    default -> {
                        if ("import-kubernetes-plugin".equals(o.command) && o.file == null && !a.startsWith("-")) {
                            o.file = a;
                            continue;
                        }
                        if (a.startsWith("-") || o.command != null) {
                            throw new IllegalArgumentException("Unknown option '" + a + "'.");
                        }
                        o.command = a;
                    }
                }
            }
            if (!o.help && ("render".equals(o.command) || "trial".equals(o.command)) && o.template == null) {
                throw new IllegalArgumentException("'" + o.command + "' needs --template FILE, e.g. --template examples/maven.yaml");
            }
            if (!o.help && "import-kubernetes-plugin".equals(o.command) && o.file == null) {
                throw new IllegalArgumentException("'import-kubernetes-plugin' needs the FILE to import, e.g. jenkins.yaml");
            }
            if (o.token != null && o.server == null) {
                throw new IllegalArgumentException("--token needs --server URL");
            }
            return o;
        }

        Trial.Patience patience() {
            return new Trial.Patience(Duration.ofSeconds(imagePullGrace), Duration.ofSeconds(unschedulableBudget),
                    Duration.ofSeconds(timeout));
        }

        String caPem() {
            try {
                return caFile == null ? null : Files.readString(Path.of(caFile));
            } catch (IOException e) {
                throw new IllegalArgumentException("--ca-file: cannot read " + caFile);
            }
        }

        private static String value(String option, Deque<String> rest) {
            if (rest.isEmpty() || rest.peek().startsWith("--")) {
                throw new IllegalArgumentException(option + " needs a value.");
            }
            return rest.pop();
        }

        private static int seconds(String option, String value) {
            try {
                int v = Integer.parseInt(value);
                if (v >= 0) {
                    return v;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new IllegalArgumentException(option + " must be a number of seconds (0 or more), not '" + value + "'.");
        }
    }
}
