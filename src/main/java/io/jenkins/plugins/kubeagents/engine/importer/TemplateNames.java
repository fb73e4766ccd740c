package io.jenkins.plugins.kubeagents.engine.importer;

import java.util.Arrays;
import java.util.Locale;
import java.util.Set;

/**
 * Names for the Kubernetes plugin's templates that have none (that plugin allows it): from the template's label, as
 * a DNS-1123 label short enough for the agent names made from it, unique within the cloud.
 */
final class TemplateNames {
    /** An agent is named {@code <template>-<8 characters>}, at most 63 characters in all. */
    private static final int MAX = 63 - 9;
    private static final String NO_LABEL = "agent";

    private TemplateNames() {}

    /** The first word of the label expression, lowercase, with what a DNS label cannot hold turned into dashes. */
    static String fromLabel(String label) {
        String first = label == null ? NO_LABEL : Arrays.stream(label.split("[\\s&|!()]+")).filter(w -> !w.isEmpty())
                .findFirst().orElse(NO_LABEL);
        String name = first.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]+", "-").replaceAll("^-+|-+$", "");
        name = name.length() > MAX ? name.substring(0, MAX).replaceAll("-+$", "") : name;
        return name.isEmpty() ? NO_LABEL : name;
    }

    /** The name, or the name with the first free number {@code -2}, {@code -3}, ... after it; the name is then taken. */
    static String unique(String name, Set<String> taken) {
        String candidate = name;
        for (int n = 2; taken.contains(candidate); n++) {
            String suffix = "-" + n;
            candidate = (name.length() + suffix.length() > MAX ? name.substring(0, MAX - suffix.length()) : name) + suffix;
        }
        taken.add(candidate);
        return candidate;
    }
}
