package io.jenkins.plugins.kubeagents.render;

import io.fabric8.kubernetes.api.model.Capabilities;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.SeccompProfile;
import io.fabric8.kubernetes.api.model.SeccompProfileBuilder;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.jenkins.plugins.kubeagents.validation.Problem;
import java.util.ArrayList;
import java.util.List;

/**
 * The restricted Pod Security Standard for the agent container, as a template's {@code restrictedSecurity}
 * promises it. What the template (its fields or raw YAML, at the container or the pod level) states explicitly
 * wins where it meets the standard, and the standard's values fill only what nobody set: a pod-level
 * {@code runAsUser: 2000} is kept rather than overridden by uid 1000. What contradicts the standard is a problem
 * naming the setting, never silently reversed: an agent container that must run privileged or as root needs
 * {@code restrictedSecurity: false}, said in so many words.
 */
final class RestrictedSecurity {
    /** The only capability the standard allows a container to add back. */
    private static final String NET_BIND_SERVICE = "NET_BIND_SERVICE";
    private static final String FIX = "; set restrictedSecurity: false on the template for an agent container that needs it";

    private final long defaultUserId;

    RestrictedSecurity(long defaultUserId) {
        this.defaultUserId = defaultUserId;
    }

    /**
     * Fills the agent container's security context with the standard's values where nothing is set.
     *
     * @param pod the pod's own security context, which the container inherits; null when it has none
     * @return what contradicts the standard; the container is changed only when there is nothing
     */
    List<Problem> apply(Container jnlp, PodSecurityContext pod, String templateName) {
        SecurityContext own = jnlp.getSecurityContext() == null ? new SecurityContext() : jnlp.getSecurityContext();
        PodSecurityContext podLevel = pod == null ? new PodSecurityContext() : pod;
        String path = "templates[" + templateName + "].containers[" + jnlp.getName() + "].securityContext";
        String podPath = "templates[" + templateName + "].yaml.spec.securityContext";
        List<Problem> problems = new ArrayList<>();
        if (Boolean.TRUE.equals(own.getPrivileged())) {
            problems.add(new Problem(path + ".privileged", "true", "runs the agent container privileged, which the restricted "
                    + "security of the template forbids" + FIX));
        }
        if (Boolean.TRUE.equals(own.getAllowPrivilegeEscalation())) {
            problems.add(new Problem(path + ".allowPrivilegeEscalation", "true", "lets the agent escalate its privileges, which "
                    + "the restricted security of the template forbids" + FIX));
        }
        if (Boolean.FALSE.equals(effective(own.getRunAsNonRoot(), podLevel.getRunAsNonRoot()))) {
            problems.add(new Problem(where(own.getRunAsNonRoot(), path, podPath) + ".runAsNonRoot", "false", "lets the agent run as "
                    + "root, which the restricted security of the template forbids" + FIX));
        }
        if (Long.valueOf(0).equals(effective(own.getRunAsUser(), podLevel.getRunAsUser()))) {
            problems.add(new Problem(where(own.getRunAsUser(), path, podPath) + ".runAsUser", "0", "runs the agent as root, which "
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
        jnlp.setSecurityContext(own);
        return problems;
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
