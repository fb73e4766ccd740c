package io.jenkins.plugins.kubeagents.engine.validation;

import java.util.Objects;

/**
 * One thing wrong with the configuration: where, what was given, and what is allowed.
 *
 * @param path the field, e.g. {@code templates[maven].containers[jnlp].image}
 * @param value the offending value as given (null when the field is missing)
 * @param message what is wrong and what is allowed, phrased to follow the path
 */
public record Problem(String path, String value, String message) {
    public Problem {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(message, "message");
    }

    /** {@code path: message (got 'value')}: one line a user can act on. */
    @Override
    public String toString() {
        return path + ": " + message + (value == null ? "" : " (got '" + value + "')");
    }
}
