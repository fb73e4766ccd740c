package io.jenkins.plugins.kubeagents.cloud;

import hudson.Extension;
import hudson.model.Descriptor;
import hudson.model.Label;
import hudson.slaves.Cloud;
import hudson.slaves.NodeProvisioner;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import hudson.util.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.kubeagents.agents.KubeAgentsAgent;
import io.jenkins.plugins.kubeagents.agents.KubeAgentsComputer;
import io.jenkins.plugins.kubeagents.engine.capacity.CapacityPlanner;
import io.jenkins.plugins.kubeagents.engine.capacity.LaunchBreaker;
import io.jenkins.plugins.kubeagents.engine.cluster.ClientFactory;
import io.jenkins.plugins.kubeagents.engine.cluster.ClusterCheck;
import io.jenkins.plugins.kubeagents.engine.cluster.ClusterSettings;
import io.jenkins.plugins.kubeagents.engine.merge.ResolvedTemplate;
import io.jenkins.plugins.kubeagents.engine.merge.TemplateInheritance;
import io.jenkins.plugins.kubeagents.engine.render.ConnectionSettings;
import io.jenkins.plugins.kubeagents.engine.runtime.CloudRuntime;
import io.jenkins.plugins.kubeagents.engine.template.RetentionPolicy;
import io.jenkins.plugins.kubeagents.engine.template.TemplateSpec;
import io.jenkins.plugins.kubeagents.engine.validation.FieldChecks;
import io.jenkins.plugins.kubeagents.engine.validation.InvalidTemplateException;
import io.jenkins.plugins.kubeagents.engine.validation.Problem;
import io.jenkins.plugins.kubeagents.pages.CloudReport;
import io.jenkins.plugins.kubeagents.pages.PausedTemplate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import jenkins.model.Jenkins;
import jenkins.model.JenkinsLocationConfiguration;
import net.sf.json.JSONObject;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.HttpResponse;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.json.JsonHttpResponse;
import org.kohsuke.stapler.verb.GET;
import org.kohsuke.stapler.verb.POST;

/**
 * A cloud that runs each build on a fresh Kubernetes pod: its settings and templates, and the two questions
 * Jenkins asks of a cloud (can you take this label, and plan agents for it), answered by the engine.
 */
public class KubeAgentsCloud extends Cloud {
    private static final Logger LOGGER = Logger.getLogger(KubeAgentsCloud.class.getName());

    static final String IN_CLUSTER = "inCluster";
    static final String KUBECONFIG = "kubeconfig";
    static final String TOKEN = "token";

    private String serverUrl;
    private String namespace;
    private String authentication = IN_CLUSTER;
    private String kubeconfigPath;
    private String kubeconfigContext;
    private Secret token;
    private String caCertificate;
    private boolean skipTlsVerify;
    private String jenkinsUrl;
    private String tunnel;
    private boolean webSocket;
    private int containerCap;
    private int connectTimeoutSeconds = ClusterSettings.DEFAULT_CONNECT_TIMEOUT_SECONDS;
    private int readTimeoutSeconds = ClusterSettings.DEFAULT_READ_TIMEOUT_SECONDS;
    private String podRetention = "never";
    private List<KubeAgentsTemplate> templates = List.of();

    /** Only the name: the new-cloud form posts nothing else, so everything else has a default. */
    @DataBoundConstructor
    public KubeAgentsCloud(String name) {
        super(name);
    }

    /** The cloud's name; {@link Cloud} keeps it in a public field without a getter, which forms need. */
    public String getName() {
        return name;
    }

    public String getServerUrl() {
        return serverUrl;
    }

    @DataBoundSetter
    public void setServerUrl(String serverUrl) {
        this.serverUrl = blankToNull(serverUrl);
    }

    public String getNamespace() {
        return namespace;
    }

    @DataBoundSetter
    public void setNamespace(String namespace) {
        this.namespace = blankToNull(namespace);
    }

    public String getAuthentication() {
        return authentication;
    }

    @DataBoundSetter
    public void setAuthentication(String authentication) {
        this.authentication = blankToNull(authentication) == null ? IN_CLUSTER : authentication;
    }

    public String getKubeconfigPath() {
        return kubeconfigPath;
    }

    @DataBoundSetter
    public void setKubeconfigPath(String kubeconfigPath) {
        this.kubeconfigPath = blankToNull(kubeconfigPath);
    }

    public String getKubeconfigContext() {
        return kubeconfigContext;
    }

    @DataBoundSetter
    public void setKubeconfigContext(String kubeconfigContext) {
        this.kubeconfigContext = blankToNull(kubeconfigContext);
    }

    public Secret getToken() {
        return token;
    }

    @DataBoundSetter
    public void setToken(Secret token) {
        this.token = token;
    }

    public String getCaCertificate() {
        return caCertificate;
    }

    @DataBoundSetter
    public void setCaCertificate(String caCertificate) {
        this.caCertificate = blankToNull(caCertificate);
    }

    public boolean isSkipTlsVerify() {
        return skipTlsVerify;
    }

    @DataBoundSetter
    public void setSkipTlsVerify(boolean skipTlsVerify) {
        this.skipTlsVerify = skipTlsVerify;
    }

    public String getJenkinsUrl() {
        return jenkinsUrl;
    }

    @DataBoundSetter
    public void setJenkinsUrl(String jenkinsUrl) {
        this.jenkinsUrl = blankToNull(jenkinsUrl);
    }

    public String getTunnel() {
        return tunnel;
    }

    @DataBoundSetter
    public void setTunnel(String tunnel) {
        this.tunnel = blankToNull(tunnel);
    }

    public boolean isWebSocket() {
        return webSocket;
    }

    @DataBoundSetter
    public void setWebSocket(boolean webSocket) {
        this.webSocket = webSocket;
    }

    public int getContainerCap() {
        return containerCap;
    }

    /** The most pods of this cloud alive at once; 0 means no limit. */
    @DataBoundSetter
    public void setContainerCap(int containerCap) {
        this.containerCap = containerCap;
    }

    public int getConnectTimeoutSeconds() {
        return connectTimeoutSeconds;
    }

    @DataBoundSetter
    public void setConnectTimeoutSeconds(int connectTimeoutSeconds) {
        this.connectTimeoutSeconds = connectTimeoutSeconds;
    }

    public int getReadTimeoutSeconds() {
        return readTimeoutSeconds;
    }

    @DataBoundSetter
    public void setReadTimeoutSeconds(int readTimeoutSeconds) {
        this.readTimeoutSeconds = readTimeoutSeconds;
    }

    public String getPodRetention() {
        return podRetention;
    }

    /** The default for templates that set none: never, onFailure or always. */
    @DataBoundSetter
    public void setPodRetention(String podRetention) {
        this.podRetention = blankToNull(podRetention) == null ? "never" : podRetention;
    }

    public List<KubeAgentsTemplate> getTemplates() {
        return templates;
    }

    @DataBoundSetter
    public void setTemplates(List<KubeAgentsTemplate> templates) {
        this.templates = templates == null ? List.of() : List.copyOf(templates);
    }

    /** Where pods go when a template names no namespace. */
    String effectiveNamespace() {
        return namespace != null ? namespace : "default";
    }

    ClusterSettings clusterSettings() {
        return clusterSettings(serverUrl, effectiveNamespace(), authentication, kubeconfigPath, kubeconfigContext,
                Secret.toString(token), caCertificate, skipTlsVerify, connectTimeoutSeconds, readTimeoutSeconds);
    }

    static ClusterSettings clusterSettings(String serverUrl, String namespace, String authentication, String kubeconfigPath,
            String kubeconfigContext, String token, String caCertificate, boolean skipTlsVerify, int connectTimeout,
            int readTimeout) {
        ClusterSettings.Auth auth = switch (authentication == null ? IN_CLUSTER : authentication) {
            case KUBECONFIG -> new ClusterSettings.Kubeconfig(kubeconfigPath, kubeconfigContext);
            case TOKEN -> new ClusterSettings.Token(token == null ? "" : token, caCertificate);
            default -> new ClusterSettings.InCluster();
        };
        return new ClusterSettings(blankToNull(serverUrl), namespace, auth, skipTlsVerify, connectTimeout, readTimeout);
    }

    /** How agents reach Jenkins; the URL defaults to the controller's configured root URL. */
    ConnectionSettings connection() {
        String url = jenkinsUrl != null ? jenkinsUrl : JenkinsLocationConfiguration.get().getUrl();
        if (url == null) {
            throw new IllegalStateException("cloud '" + name + "' has no Jenkins URL: set one on the cloud, or the "
                    + "Jenkins URL under Manage Jenkins > System");
        }
        return new ConnectionSettings(url, tunnel, webSocket);
    }

    public CloudRuntime runtime() {
        return Runtimes.ALL.get(name, clusterSettings());
    }

    /** The first template whose labels satisfy the label; none for unlabelled work (agents are EXCLUSIVE). */
    public Optional<KubeAgentsTemplate> templateFor(Label label) {
        if (label == null) {
            return Optional.empty();
        }
        // a template without labels takes no job: a label expression like "!windows" would match its empty set
        return templates.stream().filter(t -> t.getLabels() != null && label.matches(Label.parse(t.getLabels()))).findFirst();
    }

    Optional<KubeAgentsTemplate> template(String templateName) {
        return templates.stream().filter(t -> t.getName().equals(templateName)).findFirst();
    }

    /** The namespaces the cloud's templates name, besides the cloud's own; a template that does not resolve names none. */
    public Set<String> templateNamespaces() {
        Set<String> namespaces = new TreeSet<>();
        for (KubeAgentsTemplate t : templates) {
            try {
                String own = resolve(t.getName()).spec().namespace();
                if (own != null && !own.isEmpty()) {
                    namespaces.add(own);
                }
            } catch (InvalidTemplateException e) {
                LOGGER.fine(() -> "template " + t.getName() + " of cloud " + name + " does not resolve: " + e.getMessage());
            }
        }
        return namespaces;
    }

    /** The template with its parents folded in, the cloud's retention as its default. */
    public ResolvedTemplate resolve(String templateName) {
        return resolve(templates, KubeAgentsTemplate.retention(podRetention), templateName);
    }

    /**
     * The templates as the engine reads a template file (the command line's {@code render} reads the same), the
     * cloud's retention applied after inheritance where no template of the chain sets one.
     */
    static ResolvedTemplate resolve(List<KubeAgentsTemplate> templates, RetentionPolicy cloudRetention, String templateName) {
        return TemplateInheritance.of(templates.stream().map(KubeAgentsTemplate::toSpec).toList())
                .resolve(templateName).withDefaultRetention(cloudRetention);
    }

    /**
     * The figures of the cloud's status page ({@code main.jelly}, under Jenkins' cloud page) and of its JSON; null
     * while the cloud has not started its engine (it starts with the first agent, or the first sweep).
     */
    public Map<String, Object> getReport() {
        Jenkins.get().checkPermission(Jenkins.SYSTEM_READ);
        Optional<CloudRuntime> runtime = Runtimes.ALL.running(name);
        if (runtime.isEmpty()) {
            return null;
        }
        List<CloudReport.TemplateLimits> limits = templates.stream().map(t -> limits(t.getName(), runtime.get())).toList();
        Map<String, CloudReport.AgentState> agents = new LinkedHashMap<>();
        for (hudson.model.Node node : Jenkins.get().getNodes()) {
            if (node instanceof KubeAgentsAgent agent && agent.getCloudName().equals(name)
                    && agent.toComputer() instanceof KubeAgentsComputer computer) {
                agents.put(agent.getNodeName(), computer.state());
            }
        }
        return CloudReport.of(name, containerCap, limits, runtime.get(), agents, Instant.now());
    }

    /** The status page's figures as JSON, at {@code <cloud URL>/status}. */
    @GET
    public HttpResponse doStatus() {
        Jenkins.get().checkPermission(Jenkins.SYSTEM_READ);
        Map<String, Object> report = getReport();
        return new JsonHttpResponse(JSONObject.fromObject(report != null ? report : Map.of("cloud", Map.of("name", name),
                "engine", "not started: the cloud has launched no agent yet")));
    }

    private CloudReport.TemplateLimits limits(String templateName, CloudRuntime runtime) {
        try {
            TemplateSpec spec = resolve(templateName).spec();
            return new CloudReport.TemplateLimits(templateName, spec.instanceCap(), runtime.pause(spec));
        } catch (InvalidTemplateException e) {
            return new CloudReport.TemplateLimits(templateName, null, Optional.empty());
        }
    }

    /** Every kube-agents cloud of this controller. */
    public static List<KubeAgentsCloud> all() {
        return Jenkins.get().clouds.getAll(KubeAgentsCloud.class);
    }

    /** The pause of the template that would take the label, if its launches keep failing. */
    public Optional<LaunchBreaker.Pause> pauseFor(Label label) {
        return templateFor(label).flatMap(t -> pauseOf(t.getName()));
    }

    /** This cloud's templates paused after failed launches. */
    public List<PausedTemplate> pausedTemplates() {
        return templates.stream().flatMap(t -> pauseOf(t.getName()).stream()).map(p -> new PausedTemplate(name, p)).toList();
    }

    /**
     * Asks the running engine only: a cloud that never launched has nothing paused. The queue asks this for every
     * waiting build at every maintenance, so the templates are resolved only when some template has failed.
     */
    private Optional<LaunchBreaker.Pause> pauseOf(String templateName) {
        Optional<CloudRuntime> runtime = Runtimes.ALL.running(name);
        if (runtime.isEmpty() || !runtime.get().hasFailingTemplates()) {
            return Optional.empty();
        }
        try {
            return runtime.get().pause(resolve(templateName).spec());
        } catch (InvalidTemplateException e) {
            return Optional.empty();
        }
    }

    @Override
    public boolean canProvision(CloudState state) {
        return templateFor(state.getLabel()).isPresent();
    }

    @Override
    public Collection<NodeProvisioner.PlannedNode> provision(CloudState state, int excessWorkload) {
        Optional<KubeAgentsTemplate> template = templateFor(state.getLabel());
        if (template.isEmpty()) {
            return List.of();
        }
        String templateName = template.get().getName();
        ResolvedTemplate resolved;
        CloudRuntime runtime;
        try {
            resolved = resolve(templateName);
            runtime = runtime();
        } catch (InvalidTemplateException e) {
            LOGGER.warning(() -> "cloud " + name + " cannot provision template " + templateName + ": " + e.getMessage());
            return List.of();
        } catch (RuntimeException e) {
            LOGGER.log(Level.WARNING, "cloud " + name + " cannot reach its cluster", e);
            return List.of();
        }
        Integer templateCap = resolved.spec().instanceCap();
        CapacityPlanner.Plan plan = runtime.plan(resolved.spec(), excessWorkload, containerCap,
                templateCap == null ? 0 : templateCap);
        if (plan.limitedBy() != null) {
            LOGGER.fine(() -> "cloud " + name + ", template " + templateName + ": " + plan.limitedBy());
        }
        List<NodeProvisioner.PlannedNode> planned = new ArrayList<>();
        for (String agentName : plan.agentNames()) {
            try {
                KubeAgentsAgent agent = KubeAgentsAgent.create(this, resolved, runtime.namespaceOf(resolved.spec()), agentName, false);
                planned.add(new NodeProvisioner.PlannedNode(agentName, CompletableFuture.completedFuture(agent), 1));
            } catch (Exception e) {
                LOGGER.log(Level.WARNING, "could not create agent " + agentName, e);
                runtime.release(agentName);
            }
        }
        return planned;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    @Extension
    @Symbol("kubeAgents")
    public static class DescriptorImpl extends Descriptor<Cloud> {
        @Override
        public String getDisplayName() {
            return "Kube Agents";
        }

        @POST
        public FormValidation doCheckName(@QueryParameter String value) {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
            return value == null || value.isBlank() ? FormValidation.error("A cloud needs a name, e.g. 'kubernetes'")
                    : FormValidation.ok();
        }

        @POST
        public FormValidation doCheckServerUrl(@QueryParameter String value) {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
            return FormProblems.of(FieldChecks.httpUrl("serverUrl", blankToNull(value), "https://kubernetes.default.svc"));
        }

        @POST
        public FormValidation doCheckNamespace(@QueryParameter String value) {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
            return blankToNull(value) == null ? FormValidation.ok("Pods go to namespace 'default'")
                    : FormProblems.of(FieldChecks.dnsLabel("namespace", value.trim()));
        }

        @POST
        public FormValidation doCheckJenkinsUrl(@QueryParameter String value) {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
            if (blankToNull(value) == null) {
                return JenkinsLocationConfiguration.get().getUrl() == null
                        ? FormValidation.warning("Jenkins has no root URL configured; set one here or under Manage Jenkins > System")
                        : FormValidation.ok();
            }
            return FormProblems.of(FieldChecks.jenkinsUrl("jenkinsUrl", value.trim()));
        }

        @POST
        public FormValidation doCheckTunnel(@QueryParameter String value) {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
            return blankToNull(value) == null ? FormValidation.ok()
                    : FormProblems.of(FieldChecks.tunnel("tunnel", value.trim()));
        }

        @POST
        public FormValidation doCheckContainerCap(@QueryParameter String value) {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
            return number(value, 0, "0 means no limit");
        }

        @POST
        public FormValidation doCheckConnectTimeoutSeconds(@QueryParameter String value) {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
            return number(value, 1, "e.g. 10");
        }

        @POST
        public FormValidation doCheckReadTimeoutSeconds(@QueryParameter String value) {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
            return number(value, 1, "e.g. 30");
        }

        @POST
        public ListBoxModel doFillAuthenticationItems() {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
            ListBoxModel items = new ListBoxModel();
            items.add("ServiceAccount of the Jenkins pod (in-cluster)", IN_CLUSTER);
            items.add("Kubeconfig file", KUBECONFIG);
            items.add("Bearer token", TOKEN);
            return items;
        }

        @POST
        public ListBoxModel doFillPodRetentionItems() {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
            return KubeAgentsTemplate.retentionItems(false);
        }

        /**
         * Connects with the settings as typed and reports the server version, the namespace, and every permission
         * the plugin needs that these credentials lack.
         */
        @POST
        public FormValidation doTestConnection(@QueryParameter String serverUrl, @QueryParameter String namespace,
                @QueryParameter String authentication, @QueryParameter String kubeconfigPath,
                @QueryParameter String kubeconfigContext, @QueryParameter Secret token, @QueryParameter String caCertificate,
                @QueryParameter boolean skipTlsVerify, @QueryParameter int connectTimeoutSeconds,
                @QueryParameter int readTimeoutSeconds) {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
            String ns = blankToNull(namespace) == null ? "default" : namespace.trim();
            ClusterSettings settings = clusterSettings(serverUrl, ns, authentication, kubeconfigPath, kubeconfigContext,
                    Secret.toString(token), caCertificate, skipTlsVerify,
                    connectTimeoutSeconds > 0 ? connectTimeoutSeconds : ClusterSettings.DEFAULT_CONNECT_TIMEOUT_SECONDS,
                    readTimeoutSeconds > 0 ? readTimeoutSeconds : ClusterSettings.DEFAULT_READ_TIMEOUT_SECONDS);
            List<Problem> problems = settings.problems("cloud");
            if (!problems.isEmpty()) { // several fields: each problem keeps its field's name
                return FormValidation.error(problems.stream().map(Problem::toString).collect(Collectors.joining("; ")));
            }
            ClusterCheck.Report report;
            try (KubernetesClient client = ClientFactory.create(settings)) {
                report = ClusterCheck.run(client, ns);
            } catch (RuntimeException e) {
                return FormValidation.error("Cannot connect: " + e.getMessage());
            }
            return ConnectionReport.toValidation(report);
        }

        private static FormValidation number(String value, int min, String example) {
            String v = blankToNull(value);
            if (v == null) {
                return FormValidation.ok();
            }
            try {
                return Integer.parseInt(v) >= min ? FormValidation.ok()
                        : FormValidation.error("Must be " + min + " or more (" + example + ")");
            } catch (NumberFormatException e) {
                return FormValidation.error("Must be a whole number (" + example + "), not '" + v + "'");
            }
        }
    }
}
