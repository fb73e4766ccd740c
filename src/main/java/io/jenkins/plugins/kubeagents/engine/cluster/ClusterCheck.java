package io.jenkins.plugins.kubeagents.engine.cluster;

import io.fabric8.kubernetes.api.model.LimitRange;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReviewBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.VersionInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Asks a cluster what the plugin will need from it: the server version, whether the namespace exists, each
 * {@link RequiredPermission} (one SelfSubjectAccessReview each, so the answer is the API server's own), and the
 * quotas and limit ranges that would constrain agent pods. Read-only.
 */
public final class ClusterCheck {

    /** Allowed, denied, or unknown (the review itself failed; {@code detail} says why). */
    public record PermissionResult(RequiredPermission permission, Boolean allowed, String detail) {}

    /**
     * @param namespaceExists null when the credentials may not read namespaces (the plugin does not need to)
     * @param constraints one line per ResourceQuota or LimitRange in the namespace; a line saying they could not
     *     be read when the credentials may not list them (the plugin does not need to)
     */
    public record Report(String server, String serverVersion, String namespace, Boolean namespaceExists,
            List<PermissionResult> permissions, List<String> constraints, String connectionError) {

        public boolean connected() {
            return connectionError == null;
        }

        public List<PermissionResult> denied() {
            return permissions.stream().filter(p -> !Boolean.TRUE.equals(p.allowed())).toList();
        }

        /** The report for people: one line per finding, problems first marked with {@code !}. */
        public List<String> lines() {
            List<String> lines = new ArrayList<>();
            if (!connected()) {
                lines.add("! cannot connect to " + server + ": " + connectionError);
                return lines;
            }
            lines.add("connected to " + server + ", Kubernetes " + serverVersion);
            lines.add(namespaceExists == null ? "namespace " + namespace + ": cannot tell whether it exists (no permission to read namespaces; not needed)"
                    : namespaceExists ? "namespace " + namespace + " exists" : "! namespace " + namespace + " does not exist");
            for (PermissionResult p : permissions) {
                String verdict = p.allowed() == null ? "unknown" : p.allowed() ? "allowed" : "DENIED";
                lines.add((Boolean.TRUE.equals(p.allowed()) ? "" : "! ") + verdict + ": " + p.permission().verb() + " "
                        + p.permission().resource() + " (to " + p.permission().why() + ")" + (p.detail() == null ? "" : " - " + p.detail()));
            }
            if (constraints.isEmpty()) {
                lines.add("no ResourceQuota or LimitRange constrains pods in " + namespace);
            }
            constraints.forEach(c -> lines.add("constraint: " + c));
            return lines;
        }

        /** Whether the plugin can work here: connected, namespace not known missing, every permission allowed. */
        public boolean ok() {
            return connected() && !Boolean.FALSE.equals(namespaceExists) && denied().isEmpty();
        }
    }

    private ClusterCheck() {}

    public static Report run(KubernetesClient client, String namespace) {
        String server = String.valueOf(client.getMasterUrl());
        String version;
        try {
            VersionInfo info = client.getKubernetesVersion();
            version = info.getGitVersion() != null ? info.getGitVersion() : info.getMajor() + "." + info.getMinor();
        } catch (KubernetesClientException e) {
            return new Report(server, null, namespace, null, List.of(), List.of(), describe(e));
        }
        return new Report(server, version, namespace, namespaceExists(client, namespace), permissions(client, namespace),
                constraints(client, namespace), null);
    }

    private static Boolean namespaceExists(KubernetesClient client, String namespace) {
        try {
            Namespace ns = client.namespaces().withName(namespace).get();
            return ns != null;
        } catch (KubernetesClientException e) {
            return null;
        }
    }

    private static List<PermissionResult> permissions(KubernetesClient client, String namespace) {
        List<PermissionResult> results = new ArrayList<>();
        for (RequiredPermission p : RequiredPermission.ALL) {
            SelfSubjectAccessReview review = new SelfSubjectAccessReviewBuilder().withNewSpec().withNewResourceAttributes()
                    .withNamespace(namespace).withVerb(p.verb()).withResource(p.baseResource()).withSubresource(p.subresource()).endResourceAttributes()
                    .endSpec().build();
            try {
                SelfSubjectAccessReview answer = client.authorization().v1().selfSubjectAccessReview().create(review);
                boolean allowed = answer.getStatus() != null && Boolean.TRUE.equals(answer.getStatus().getAllowed());
                String reason = answer.getStatus() == null ? null : answer.getStatus().getReason();
                results.add(new PermissionResult(p, allowed, reason == null || reason.isEmpty() ? null : reason));
            } catch (KubernetesClientException e) {
                results.add(new PermissionResult(p, null, describe(e)));
            }
        }
        return results;
    }

    private static List<String> constraints(KubernetesClient client, String namespace) {
        List<String> lines = new ArrayList<>();
        try {
            for (ResourceQuota quota : client.resourceQuotas().inNamespace(namespace).list().getItems()) {
                lines.add("ResourceQuota " + quota.getMetadata().getName() + ": " + quantities(quota.getSpec().getHard())
                        + (quota.getStatus() == null ? "" : " (used " + quantities(quota.getStatus().getUsed()) + ")"));
            }
            for (LimitRange range : client.limitRanges().inNamespace(namespace).list().getItems()) {
                range.getSpec().getLimits().forEach(l -> lines.add("LimitRange " + range.getMetadata().getName() + " ("
                        + l.getType() + "): default " + quantities(l.getDefault()) + ", default request "
                        + quantities(l.getDefaultRequest()) + ", max " + quantities(l.getMax()) + ", min " + quantities(l.getMin())));
            }
        } catch (KubernetesClientException e) {
            lines.add("could not read ResourceQuotas and LimitRanges (" + describe(e) + "); the plugin does not need to");
        }
        return lines;
    }

    private static String quantities(Map<String, Quantity> values) {
        return values == null || values.isEmpty() ? "none" : new TreeMap<>(values).toString();
    }

    private static String describe(KubernetesClientException e) {
        if (e.getCode() > 0) {
            String message = e.getStatus() != null && e.getStatus().getMessage() != null ? e.getStatus().getMessage() : e.getMessage();
            return "HTTP " + e.getCode() + ": " + message;
        }
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return "cannot reach the API server: " + (root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName());
    }
}
