package io.jenkins.plugins.kubeagents.engine.render;

import java.security.SecureRandom;
import java.util.Locale;
import java.util.Objects;

/**
 * Who an agent is: its name (which is also its pod's and its Secret's name), where its pod runs, and whose it is.
 * Names are never reused: Jenkins derives the agent's secret from the name alone.
 *
 * @param controllerId this Jenkins controller's instance id, so two controllers sharing a namespace never touch
 *     each other's pods
 */
public record AgentIdentity(String agentName, String namespace, String cloudName, String templateName,
        String controllerId) {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";
    private static final int SUFFIX_LENGTH = 8;

    public AgentIdentity {
        Objects.requireNonNull(agentName, "agentName");
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(cloudName, "cloudName");
        Objects.requireNonNull(templateName, "templateName");
        Objects.requireNonNull(controllerId, "controllerId");
    }

    /**
     * A fresh agent name for a template: {@code <template>-<8 random [a-z0-9]>}, a DNS-1123 label of at most 63
     * characters and a valid Jenkins node name. 36^8 suffixes make a collision a 409 we retry, not a risk.
     */
    public static String newAgentName(String templateName) {
        String prefix = templateName.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]", "-").replaceAll("^-+", "");
        prefix = prefix.substring(0, Math.min(prefix.length(), 63 - SUFFIX_LENGTH - 1)).replaceAll("-+$", "");
        StringBuilder name = new StringBuilder(prefix.isEmpty() ? "agent" : prefix).append('-');
        for (int i = 0; i < SUFFIX_LENGTH; i++) {
            name.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return name.toString();
    }
}
