package io.jenkins.plugins.kubeagents.testing;

import io.fabric8.kubernetes.api.model.Pod;
import io.jenkins.plugins.kubeagents.engine.config.TemplateFile;
import io.jenkins.plugins.kubeagents.engine.merge.TemplateInheritance;
import io.jenkins.plugins.kubeagents.engine.render.AgentIdentity;
import io.jenkins.plugins.kubeagents.engine.render.ConnectionSettings;
import io.jenkins.plugins.kubeagents.engine.render.PodRenderer;
import io.jenkins.plugins.kubeagents.engine.template.TemplateDefaults;
import io.jenkins.plugins.kubeagents.engine.template.TemplateSpec;
import java.util.List;

/** Fixed identities and connections for tests, and a one-call render of a template file. */
public final class Agents {
    public static final String NAMESPACE = "kube-ops";
    public static final String CLOUD = "kubernetes";
    public static final String CONTROLLER_ID = "0123456789abcdef0123456789abcdef";
    public static final ConnectionSettings TCP =
            ConnectionSettings.tcp("http://jenkins.kube-ops.svc:8080/", "jenkins-agent.kube-ops.svc:50000");
    public static final ConnectionSettings WEB_SOCKET = ConnectionSettings.webSocket("http://jenkins.kube-ops.svc:8080/");

    private Agents() {}

    public static AgentIdentity identity(String template, String agentName) {
        return new AgentIdentity(agentName, NAMESPACE, CLOUD, template, CONTROLLER_ID);
    }

    /** Renders the last template of a template file, as agent {@code <template>-0000000a}. */
    public static Pod renderLast(String templateFile, ConnectionSettings connection) {
        List<TemplateSpec> templates = TemplateFile.parse(templateFile, "template");
        return render(templates, templates.get(templates.size() - 1).name(), connection);
    }

    /** Renders one template of a template file, as agent {@code <template>-0000000a}. */
    public static Pod render(String templateFile, String name, ConnectionSettings connection) {
        return render(TemplateFile.parse(templateFile, "template"), name, connection);
    }

    private static Pod render(List<TemplateSpec> templates, String name, ConnectionSettings connection) {
        return new PodRenderer(TemplateDefaults.STANDARD).render(TemplateInheritance.of(templates).resolve(name),
                identity(name, name + "-0000000a"), connection);
    }
}
