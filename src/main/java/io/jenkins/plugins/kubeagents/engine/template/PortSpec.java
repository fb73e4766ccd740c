package io.jenkins.plugins.kubeagents.engine.template;

/** A container port; the name is optional. */
public record PortSpec(String name, int containerPort) {}
