package io.jenkins.plugins.kubeagents.engine.cluster;

import java.util.List;

/**
 * One thing the plugin asks of the API server in the agents' namespace, and why. The deployment kit's Role grants
 * exactly these, and a test keeps this list equal to what the engine's tests were seen sending.
 */
public record RequiredPermission(String verb, String resource, String why) {
    /** The resource without its subresource: {@code pods} of {@code pods/exec}. */
    public String baseResource() {
        return resource.contains("/") ? resource.substring(0, resource.indexOf('/')) : resource;
    }

    /** The subresource, or null: {@code exec} of {@code pods/exec}. */
    public String subresource() {
        return resource.contains("/") ? resource.substring(resource.indexOf('/') + 1) : null;
    }

    public static final List<RequiredPermission> ALL = List.of(
            new RequiredPermission("create", "pods", "start an agent's pod"),
            new RequiredPermission("get", "pods", "adopt a pod a restarted controller had created; confirm a pod the watch missed"),
            new RequiredPermission("list", "pods", "fill the informer's cache"),
            new RequiredPermission("watch", "pods", "follow pods without polling"),
            new RequiredPermission("patch", "pods", "label a pod kept by the retention policy"),
            new RequiredPermission("delete", "pods", "remove an agent's pod"),
            new RequiredPermission("create", "secrets", "hold the agent's inbound secret outside the pod spec"),
            new RequiredPermission("get", "secrets", "adopt a Secret a restarted controller had created"),
            new RequiredPermission("list", "secrets", "find Secrets left ownerless by a crash, once at start"),
            new RequiredPermission("patch", "secrets", "make the pod the Secret's owner, so they go together"),
            new RequiredPermission("delete", "secrets", "remove the Secret of a pod that was never created"),
            new RequiredPermission("create", "pods/exec", "run a Pipeline container step's commands in its container"),
            new RequiredPermission("get", "pods/exec", "open that exec connection, a WebSocket started with a GET"));

    @Override
    public String toString() {
        return verb + " " + resource;
    }
}
