package io.jenkins.plugins.kubeagents.engine.render;

import io.fabric8.kubernetes.api.model.Capabilities;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.SeccompProfile;
import io.fabric8.kubernetes.api.model.SeccompProfileBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.jenkins.plugins.kubeagents.engine.validation.Problem;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The restricted Pod Security Standard for the whole pod, as a template's {@code restrictedSecurity} promises it:
 * a namespace that enforces the standard admits the pod. Every container (init containers too) gets the standard's
 * security context. What the template (its fields or raw YAML, at the container or the pod level) states
 * explicitly wins where it meets the standard, and the standard's values fill only what nobody set: a pod-level
 * {@code runAsUser: 2000} is kept rather than overridden by uid 1000. What contradicts the standard (a privileged
 * container, root, an added capability, a hostPath volume, the node's network) is a problem naming the setting,
 * never silently reversed: such a pod needs {@code restrictedSecurity: false}, said in so many words.
 */
final class RestrictedSecurity {
    /** The volume types the standard allows. */
    private static final Set<String> ALLOWED_VOLUMES = Set.of("configMap", "csi", "downwardAPI", "emptyDir", "ephemeral",
            "persistentVolumeClaim", "projected", "secret");
    /** The only capability the standard allows a container to add back. */
    private static final String NET_BIND_SERVICE = "NET_BIND_SERVICE";
    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
    private static final String FIX = "; set restrictedSecurity: false on the template for a pod that needs it";

    private final long defaultUserId;

    RestrictedSecurity(long defaultUserId) {
        this.defaultUserId = defaultUserId;
    }

    /**
     * Fills every container's security context with the standard's values where nothing is set.
     *
     * @return what contradicts the standard; the pod is changed only when there is nothing
     */
    List<Problem> apply(Pod pod, String templateName) {
        PodSpec spec = pod.getSpec();
        List<Problem> problems = new ArrayList<>();
        String podPath = "templates[" + templateName + "].yaml.spec";
        for (String hostNamespace : List.of("hostNetwork", "hostPID", "hostIPC")) {
            if (Boolean.TRUE.equals(hostField(spec, hostNamespace))) {
                problems.add(new Problem(podPath + "." + hostNamespace, "true", "shares the node's namespaces, which the "
                        + "restricted security of the template forbids" + FIX));
            }
        }
        for (Volume v : spec.getVolumes()) {
            String type = volumeType(v);
            if (type != null && !ALLOWED_VOLUMES.contains(type)) {
                problems.add(new Problem("templates[" + templateName + "].volumes[" + v.getName() + "]." + type, null,
                        "is a volume type the restricted security of the template forbids (allowed: " + new TreeSet<>(ALLOWED_VOLUMES)
                        + ")" + FIX));
            }
        }
        List<Container> containers = new ArrayList<>(spec.getInitContainers());
        containers.addAll(spec.getContainers());
        for (Container c : containers) {
            c.getPorts().stream().filter(port -> port.getHostPort() != null && port.getHostPort() != 0).findFirst()
                    .ifPresent(port -> problems.add(new Problem("templates[" + templateName + "].containers[" + c.getName()
                            + "].ports.hostPort", String.valueOf(port.getHostPort()), "opens a port on the node, which the "
                            + "restricted security of the template forbids" + FIX)));
            problems.addAll(apply(c, spec.getSecurityContext(), templateName));
        }
        return problems;
    }

    /**
     * Fills one container's security context with the standard's values where nothing is set.
     *
     * @param pod the pod's own security context, which the container inherits; null when it has none
     * @return what contradicts the standard; the container is changed only when there is nothing
     */
    private List<Problem> apply(Container container, PodSecurityContext pod, String templateName) {
        SecurityContext own = container.getSecurityContext() == null ? new SecurityContext() : container.getSecurityContext();
        PodSecurityContext podLevel = pod == null ? new PodSecurityContext() : pod;
        String path = "templates[" + templateName + "].containers[" + container.getName() + "].securityContext";
        String podPath = "templates[" + templateName + "].yaml.spec.securityContext";
        List<Problem> problems = new ArrayList<>();
        if (Boolean.TRUE.equals(own.getPrivileged())) {
            problems.add(new Problem(path + ".privileged", "true", "runs the container privileged, which the restricted "
                    + "security of the template forbids" + FIX));
        }
        if (Boolean.TRUE.equals(own.getAllowPrivilegeEscalation())) {
            problems.add(new Problem(path + ".allowPrivilegeEscalation", "true", "lets the container escalate its privileges, which "
                    + "the restricted security of the template forbids" + FIX));
        }
        if (Boolean.FALSE.equals(effective(own.getRunAsNonRoot(), podLevel.getRunAsNonRoot()))) {
            problems.add(new Problem(where(own.getRunAsNonRoot(), path, podPath) + ".runAsNonRoot", "false", "lets the container run as "
                    + "root, which the restricted security of the template forbids" + FIX));
        }
        if (Long.valueOf(0).equals(effective(own.getRunAsUser(), podLevel.getRunAsUser()))) {
            problems.add(new Problem(where(own.getRunAsUser(), path, podPath) + ".runAsUser", "0", "runs the container as root, which "
                    + "the restricted security of the template forbids" + FIX));
        }
        List<String> added = own.getCapabilities() == null ? List.of() : own.getCapabilities().getAdd();
        List<String> forbidden = added.stream().filter(c -> !NET_BIND_SERVICE.equals(c)).toList();
        if (!forbidden.isEmpty()) {
            problems.add(new Problem(path + ".capabilities.add", String.join(", ", forbidden), "adds capabilities the restricted "
                    + "security of the template forbids (only NET_BIND_SERVICE may be added)" + FIX));
        }
        SeccompProfile seccomp = effective(own.getSeccompProfile(), podLevel.getSeccompProfile());
        if (seccomp != null && "Unconfined".equals(seccomp.getType())) {
            problems.add(new Problem(where(own.getSeccompProfile(), path, podPath) + ".seccompProfile.type", "Unconfined",
                    "turns seccomp off, which the restricted security of the template forbids" + FIX));
        }
        if (!problems.isEmpty()) {
            return problems;
        }
        if (own.getRunAsUser() == null && podLevel.getRunAsUser() == null) {
            own.setRunAsUser(defaultUserId);
        }
        if (own.getRunAsNonRoot() == null && podLevel.getRunAsNonRoot() == null) {
            own.setRunAsNonRoot(true);
        }
        if (own.getPrivileged() == null) {
            own.setPrivileged(false);
        }
        own.setAllowPrivilegeEscalation(false);
        own.setCapabilities(dropAll(own.getCapabilities()));
        if (seccomp == null) {
            own.setSeccompProfile(new SeccompProfileBuilder().withType("RuntimeDefault").build());
        }
        container.setSecurityContext(own);
        return problems;
    }

    private static Object hostField(PodSpec spec, String name) {
        return switch (name) {
            case "hostNetwork" -> spec.getHostNetwork();
            case "hostPID" -> spec.getHostPID();
            default -> spec.getHostIPC();
        };
    }

    /** The volume's source, as its field is named in a pod ({@code hostPath}, {@code emptyDir}, ...). */
    private static String volumeType(Volume v) {
        Map<String, Object> fields = SERIALIZATION.convertValue(v, Map.class);
        return fields.keySet().stream().filter(k -> !k.equals("name")).findFirst().orElse(null);
    }

    private static <T> T effective(T container, T pod) {
        return container != null ? container : pod;
    }

    /** The container's setting if it has one, else the pod's that it inherits. */
    private static String where(Object containerValue, String containerPath, String podPath) {
        return containerValue != null ? containerPath : podPath;
    }

    private static Capabilities dropAll(Capabilities capabilities) {
        List<String> drop = new ArrayList<>(capabilities == null ? List.of() : capabilities.getDrop());
        if (!drop.contains("ALL")) {
            drop.add("ALL");
        }
        List<String> add = new ArrayList<>(capabilities == null ? List.of() : capabilities.getAdd());
        return new Capabilities(add, drop);
    }
}
