package io.jenkins.plugins.kubeagents.template;

/** A container port; the name is optional. */
public record PortSpec(String name, int containerPort) {}
