package io.jenkins.plugins.kubeagents.engine.template;

/** A pod toleration; null fields are left out. */
public record TolerationSpec(String key, String operator, String value, String effect, Long tolerationSeconds) {}
