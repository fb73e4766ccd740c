package io.jenkins.plugins.kubeagents.engine.render;

import java.util.Objects;

/**
 * How the agent reaches the controller.
 *
 * @param jenkinsUrl the controller URL as agents see it, e.g. {@code http://jenkins.kube-ops.svc:8080/}
 * @param tunnel {@code host:port} of the inbound TCP port (50000) when it differs from the URL's host; null for none
 * @param webSocket connect over WebSocket on the URL instead of the TCP port (remoting forbids a tunnel then)
 */
public record ConnectionSettings(String jenkinsUrl, String tunnel, boolean webSocket) {
    public ConnectionSettings {
        Objects.requireNonNull(jenkinsUrl, "jenkinsUrl");
        jenkinsUrl = jenkinsUrl.endsWith("/") ? jenkinsUrl : jenkinsUrl + "/";
        tunnel = tunnel == null || tunnel.isBlank() ? null : tunnel.trim();
        if (webSocket && tunnel != null) {
            throw new IllegalArgumentException("tunnel: cannot be used with WebSocket (got '" + tunnel
                    + "'); clear the tunnel or turn WebSocket off");
        }
    }

    public static ConnectionSettings tcp(String jenkinsUrl, String tunnel) {
        return new ConnectionSettings(jenkinsUrl, tunnel, false);
    }

    public static ConnectionSettings webSocket(String jenkinsUrl) {
        return new ConnectionSettings(jenkinsUrl, null, true);
    }
}
