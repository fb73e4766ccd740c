package io.jenkins.plugins.kubeagents.engine.template;

import java.util.List;
import java.util.Objects;

/**
 * One container of a pod template. A null or empty field is "not set": an inheriting template's container of
 * the same name takes it from the parent, and rendering leaves it to the raw YAML or to Kubernetes.
 * The container named {@value #AGENT} is the agent container; it may be listed to change its image or resources.
 */
public record ContainerSpec(
        String name,
        String image,
        List<String> command,
        List<String> args,
        String workingDir,
        List<EnvVarSpec> envVars,
        ResourcesSpec resources,
        List<PortSpec> ports,
        Boolean ttyEnabled,
        Boolean privileged) {

    /** The name of the container that runs the Jenkins inbound agent. */
    public static final String AGENT = "jnlp";

    public ContainerSpec {
        Objects.requireNonNull(name, "name");
        command = Specs.copy(command);
        args = Specs.copy(args);
        envVars = Specs.copy(envVars);
        resources = resources == null ? ResourcesSpec.NONE : resources;
        ports = Specs.copy(ports);
    }

    /** A container with only a name and an image. */
    public static ContainerSpec of(String name, String image) {
        return new ContainerSpec(name, image, null, null, null, null, null, null, null, null);
    }

    /** This container, with what it does not set taken from the inherited container of the same name. */
    public ContainerSpec over(ContainerSpec inherited) {
        return new ContainerSpec(
                name,
                Specs.firstSet(image, inherited.image),
                Specs.firstNonEmpty(command, inherited.command),
                Specs.firstNonEmpty(args, inherited.args),
                Specs.firstSet(workingDir, inherited.workingDir),
                Specs.mergeByKey(inherited.envVars, envVars, EnvVarSpec::name, (mine, old) -> mine),
                resources.over(inherited.resources),
                Specs.firstNonEmpty(ports, inherited.ports),
                Specs.firstSet(ttyEnabled, inherited.ttyEnabled),
                Specs.firstSet(privileged, inherited.privileged));
    }

    public ContainerSpec withCommand(List<String> newCommand, List<String> newArgs) {
        return new ContainerSpec(name, image, newCommand, newArgs, workingDir, envVars, resources, ports, ttyEnabled, privileged);
    }

}
