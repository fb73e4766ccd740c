package io.jenkins.plugins.kubeagents.engine.template;

/**
 * What rendering uses where a template sets nothing. One value per cloud; {@link #STANDARD} unless configured.
 *
 * @param agentImage the agent container's image: the official inbound agent, pinned
 * @param agentWorkdir where the agent works, and where the workspace volume is mounted in every container
 * @param agentCpuRequest the agent container's CPU request when none is set
 * @param agentMemoryRequest the agent container's memory request when none is set
 * @param agentUserId the numeric user the restricted agent container runs as (the image's "jenkins" user)
 * @param connectTimeoutSeconds how long a pod may take to connect its agent when its template does not say
 */
public record TemplateDefaults(
        String agentImage,
        String agentWorkdir,
        String agentCpuRequest,
        String agentMemoryRequest,
        long agentUserId,
        int connectTimeoutSeconds) {

    public static final TemplateDefaults STANDARD = new TemplateDefaults(
            "jenkins/inbound-agent:3355.v388858a_47b_33-3-jdk21", "/home/jenkins/agent", "100m", "256Mi", 1000L, 300);

    /** How long a pod of the template may take to connect its agent: the template's own limit, else the default. */
    public java.time.Duration connectTimeout(TemplateSpec template) {
        Integer own = template.connectTimeoutSeconds();
        return java.time.Duration.ofSeconds(own != null ? own : connectTimeoutSeconds);
    }
}
