package io.jenkins.plugins.kubeagents.engine.template;

import java.util.Objects;

/** One environment variable with a literal value. */
public record EnvVarSpec(String name, String value) {
    public EnvVarSpec {
        Objects.requireNonNull(name, "name");
        value = value == null ? "" : value;
    }
}
