package io.jenkins.plugins.kubeagents.engine.merge;

/** One template's raw pod YAML and where it came from ({@code templates[base].yaml}), for error messages. */
public record YamlDocument(String source, String yaml) {}
