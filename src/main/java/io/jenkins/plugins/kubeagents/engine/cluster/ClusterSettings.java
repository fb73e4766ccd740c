package io.jenkins.plugins.kubeagents.engine.cluster;

import io.jenkins.plugins.kubeagents.engine.validation.FieldChecks;
import io.jenkins.plugins.kubeagents.engine.validation.Problem;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How to reach a cluster, and the namespace agent pods go to by default.
 *
 * @param serverUrl the API server URL; null to take it from the service account or kubeconfig
 * @param skipTlsVerify trust any server certificate (only for test clusters)
 */
public record ClusterSettings(String serverUrl, String namespace, Auth auth, boolean skipTlsVerify,
        int connectTimeoutSeconds, int readTimeoutSeconds) {

    /** How the plugin authenticates to the API server. */
    public sealed interface Auth permits InCluster, Kubeconfig, Token {}

    /** The pod's own ServiceAccount token (the default when Jenkins runs inside the cluster). */
    public record InCluster() implements Auth {}

    /** A kubeconfig file (null: the default locations) and optionally one of its contexts. */
    public record Kubeconfig(String path, String context) implements Auth {}

    /** A bearer token, with the CA certificate (PEM) that signed the server's certificate. */
    public record Token(String token, String caCertificatePem) implements Auth {
        public Token {
            Objects.requireNonNull(token, "token");
        }

        @Override
        public String toString() {
            return "Token[token=****, caCertificatePem=" + (caCertificatePem == null ? "none" : "set") + "]";
        }
    }

    public static final int DEFAULT_CONNECT_TIMEOUT_SECONDS = 10;
    public static final int DEFAULT_READ_TIMEOUT_SECONDS = 30;

    public ClusterSettings {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(auth, "auth");
    }

    public static ClusterSettings inCluster(String namespace) {
        return new ClusterSettings(null, namespace, new InCluster(), false, DEFAULT_CONNECT_TIMEOUT_SECONDS,
                DEFAULT_READ_TIMEOUT_SECONDS);
    }

    /** Every problem with these settings, each under {@code prefix} (e.g. {@code clouds[kubernetes]}). */
    public List<Problem> problems(String prefix) {
        List<Problem> problems = new ArrayList<>();
        FieldChecks.dnsLabel(prefix + ".namespace", namespace).ifPresent(problems::add);
        FieldChecks.httpUrl(prefix + ".serverUrl", serverUrl, "https://10.0.0.1:6443").ifPresent(problems::add);
        if (auth instanceof Token t) {
            if (serverUrl == null || serverUrl.isEmpty()) {
                problems.add(new Problem(prefix + ".serverUrl", serverUrl, "is required with token authentication"));
            }
            if (t.token().isBlank()) {
                problems.add(new Problem(prefix + ".token", null, "must not be empty"));
            }
            String pem = t.caCertificatePem();
            if (pem != null && !pem.isBlank() && !pem.contains("-----BEGIN CERTIFICATE-----")) {
                problems.add(new Problem(prefix + ".caCertificate", null,
                        "must be a PEM certificate starting with '-----BEGIN CERTIFICATE-----'"));
            }
        }
        FieldChecks.positive(prefix + ".connectTimeoutSeconds", connectTimeoutSeconds).ifPresent(problems::add);
        FieldChecks.positive(prefix + ".readTimeoutSeconds", readTimeoutSeconds).ifPresent(problems::add);
        return problems;
    }
}
