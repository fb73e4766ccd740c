package io.jenkins.plugins.kubeagents.engine.validation;

import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.utils.KubernetesResourceUtil;
import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks of single values, each returning the problem or nothing. Both the template validator and the
 * Jenkins forms call these, so a form and a running cloud never disagree. Kubernetes' own rules come from
 * fabric8's model where it has them.
 */
public final class FieldChecks {
    /** Kubernetes' rule for environment variable names (IsEnvVarName). */
    /** Printable ASCII but '=': Kubernetes' environment variable names since its relaxed validation went GA. */
    private static final Pattern ENV_NAME = Pattern.compile("[\\x20-\\x3C\\x3E-\\x7E]+");
    private static final Pattern LABEL_VALUE = Pattern.compile("(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?");
    /** The name part of a qualified name (label and annotation keys): mixed case, unlike the DNS prefix before it. */
    private static final Pattern QUALIFIED_NAME = Pattern.compile("([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]");
    /** An IANA service name, as Kubernetes takes port names: lowercase, a letter at least, no '--'. */
    private static final Pattern PORT_NAME = Pattern.compile("[a-z0-9](-?[a-z0-9])*");
    private static final Pattern TUNNEL = Pattern.compile("[^\\s:/]*:\\d{0,5}");
    private static final Set<String> TOLERATION_OPERATORS = Set.of("Exists", "Equal");
    private static final Set<String> TOLERATION_EFFECTS = Set.of("NoSchedule", "PreferNoSchedule", "NoExecute");

    private FieldChecks() {}

    /** A required DNS-1123 label: pod, container, namespace and template names. */
    public static Optional<Problem> dnsLabel(String path, String value) {
        if (value == null || value.isEmpty()) {
            return problem(path, value, "is required");
        }
        if (!KubernetesResourceUtil.isValidName(value)) {
            return problem(path, value, "must be a DNS-1123 label: at most 63 lowercase letters, digits and '-',"
                    + " starting and ending with a letter or digit, e.g. 'maven'");
        }
        return Optional.empty();
    }

    /** An optional DNS-1123 subdomain: service account and Secret names. */
    public static Optional<Problem> dnsSubdomain(String path, String value) {
        if (value == null || value.isEmpty() || KubernetesResourceUtil.isValidSubdomainName(value)) {
            return Optional.empty();
        }
        return problem(path, value, "must be a DNS-1123 subdomain: at most 253 lowercase letters, digits, '-' and '.',"
                + " starting and ending with a letter or digit");
    }

    /**
     * A label or annotation key: an optional DNS subdomain prefix (lowercase) and '/', then a name of at most 63
     * letters of either case, digits, '-', '_' or '.'. fabric8's own check refuses uppercase names, which Kubernetes
     * accepts.
     */
    public static Optional<Problem> labelKey(String path, String key) {
        if (key == null || !isQualifiedName(key)) {
            return problem(path, key, "is not a valid key: [prefix/]name, where name has at most 63 letters, digits,"
                    + " '-', '_' or '.', starting and ending with a letter or digit, e.g. 'team' or 'example.com/team'");
        }
        return Optional.empty();
    }

    private static boolean isQualifiedName(String key) {
        int slash = key.lastIndexOf('/');
        String prefix = slash < 0 ? null : key.substring(0, slash);
        String name = key.substring(slash + 1);
        return (prefix == null || (!prefix.isEmpty() && KubernetesResourceUtil.isValidSubdomainName(prefix)))
                && name.length() <= 63 && QUALIFIED_NAME.matcher(name).matches();
    }

    /** A port's name: at most 15 lowercase letters, digits and single '-', with a letter, as Kubernetes requires. */
    public static Optional<Problem> portName(String path, String name) {
        if (name == null || (name.length() <= 15 && PORT_NAME.matcher(name).matches() && name.chars().anyMatch(Character::isLetter))) {
            return Optional.empty();
        }
        return problem(path, name, "is not a valid port name: at most 15 lowercase letters, digits and '-' (not two in a"
                + " row, not first or last), with at least one letter, e.g. 'http' or 'debug-5005'");
    }

    /** A label value: empty, or at most 63 letters, digits, '-', '_' or '.', starting and ending alphanumeric. */
    public static Optional<Problem> labelValue(String path, String value) {
        if (value == null || (value.length() <= 63 && LABEL_VALUE.matcher(value).matches())) {
            return Optional.empty();
        }
        return problem(path, value, "is not a valid label value: at most 63 letters, digits, '-', '_' or '.',"
                + " starting and ending with a letter or digit (or empty)");
    }

    /** Every key and value of a label map; keys under our own prefixes are reserved. */
    public static java.util.List<Problem> labels(String path, Map<String, String> labels, Set<String> reservedPrefixes) {
        java.util.List<Problem> problems = new java.util.ArrayList<>();
        labels.forEach((k, v) -> {
            labelKey(path, k).ifPresent(problems::add);
            labelValue(path + "[" + k + "]", v).ifPresent(problems::add);
            if (reservedPrefixes.stream().anyMatch(k::startsWith)) {
                problems.add(new Problem(path, k, "is reserved: kube-agents sets labels under this prefix itself"));
            }
        });
        return problems;
    }

    /** An optional, non-negative resource quantity such as {@code 500m}, {@code 2}, {@code 1Gi}. */
    public static Optional<Problem> quantity(String path, String value) {
        if (value == null || value.isEmpty()) {
            return Optional.empty();
        }
        BigDecimal amount;
        try {
            amount = Quantity.getAmountInBytes(Quantity.parse(value));
        } catch (RuntimeException e) {
            return problem(path, value, "is not a Kubernetes quantity: a number with an optional suffix,"
                    + " e.g. '500m' or '2' for CPU, '512Mi' or '2Gi' for memory");
        }
        if (amount.signum() < 0) {
            return problem(path, value, "must not be negative");
        }
        return Optional.empty();
    }

    /** An optional image reference: when given, not blank and without whitespace. */
    public static Optional<Problem> image(String path, String value) {
        if (value == null) {
            return Optional.empty();
        }
        if (value.isBlank()) {
            return problem(path, value, "must not be empty; e.g. 'maven:3.9-eclipse-temurin-17'");
        }
        if (value.chars().anyMatch(Character::isWhitespace)) {
            return problem(path, value, "must not contain whitespace; e.g. 'maven:3.9-eclipse-temurin-17'");
        }
        return Optional.empty();
    }

    public static Optional<Problem> envName(String path, String name) {
        if (name == null || !ENV_NAME.matcher(name).matches()) {
            return problem(path, name, "is not a valid environment variable name: printable ASCII characters except '='");
        }
        return Optional.empty();
    }

    public static Optional<Problem> notNegative(String path, Number value) {
        if (value != null && value.longValue() < 0) {
            return problem(path, String.valueOf(value), "must be 0 or more");
        }
        return Optional.empty();
    }

    public static Optional<Problem> positive(String path, Number value) {
        if (value != null && value.longValue() <= 0) {
            return problem(path, String.valueOf(value), "must be 1 or more");
        }
        return Optional.empty();
    }

    public static Optional<Problem> port(String path, int port) {
        if (port < 1 || port > 65535) {
            return problem(path, String.valueOf(port), "must be a port number from 1 to 65535");
        }
        return Optional.empty();
    }

    public static Optional<Problem> absolutePath(String path, String value) {
        if (value == null || !value.startsWith("/")) {
            return problem(path, value, "must be an absolute path, e.g. '/var/run/docker.sock'");
        }
        return Optional.empty();
    }

    public static Optional<Problem> tolerationOperator(String path, String operator) {
        if (operator == null || TOLERATION_OPERATORS.contains(operator)) {
            return Optional.empty();
        }
        return problem(path, operator, "must be 'Exists' or 'Equal'");
    }

    public static Optional<Problem> tolerationEffect(String path, String effect) {
        if (effect == null || effect.isEmpty() || TOLERATION_EFFECTS.contains(effect)) {
            return Optional.empty();
        }
        return problem(path, effect, "must be 'NoSchedule', 'PreferNoSchedule' or 'NoExecute' (or empty for all)");
    }

    /** The inbound agent's tunnel: {@code host:port}, {@code host:} or {@code :port}; empty means none. */
    public static Optional<Problem> tunnel(String path, String value) {
        if (value == null || value.isEmpty()) {
            return Optional.empty();
        }
        if (!TUNNEL.matcher(value).matches() || value.equals(":")) {
            return problem(path, value, "must be host:port, host: or :port, e.g. 'jenkins-agent.kube-ops.svc:50000'");
        }
        String port = value.substring(value.indexOf(':') + 1);
        return port.isEmpty() ? Optional.empty() : port(path, Integer.parseInt(port));
    }

    /** The controller URL agents connect to: required, absolute http(s). */
    public static Optional<Problem> jenkinsUrl(String path, String value) {
        if (value == null || value.isEmpty()) {
            return problem(path, value, "is required: the URL agents use to reach Jenkins,"
                    + " e.g. 'http://jenkins.kube-ops.svc:8080/'");
        }
        return httpUrl(path, value, "http://jenkins.kube-ops.svc:8080/");
    }

    /** An optional absolute http or https URL with a host; {@code example} shows a good one in the message. */
    public static Optional<Problem> httpUrl(String path, String value, String example) {
        if (value == null || value.isEmpty()) {
            return Optional.empty();
        }
        try {
            java.net.URI uri = new java.net.URI(value);
            if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
                return Optional.empty();
            }
        } catch (java.net.URISyntaxException e) {
            // reported below
        }
        return problem(path, value, "must be an absolute http or https URL, e.g. '" + example + "'");
    }

    private static Optional<Problem> problem(String path, String value, String message) {
        return Optional.of(new Problem(path, value, message));
    }
}
