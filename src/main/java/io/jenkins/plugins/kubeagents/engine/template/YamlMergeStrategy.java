package io.jenkins.plugins.kubeagents.engine.template;

/** How a template's raw pod YAML combines with the raw YAML it inherits. */
public enum YamlMergeStrategy {
    /** The template's own YAML replaces the inherited YAML; inherited YAML applies only when it has none. */
    OVERRIDE,
    /** The inherited YAML applies first and the template's own YAML is merged over it. */
    MERGE
}
