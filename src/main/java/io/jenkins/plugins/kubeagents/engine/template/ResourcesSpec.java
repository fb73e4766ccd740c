package io.jenkins.plugins.kubeagents.engine.template;

/** Resource requests and limits as Kubernetes quantities ("500m", "1Gi"); null means not set. */
public record ResourcesSpec(String requestCpu, String requestMemory, String limitCpu, String limitMemory) {
    public static final ResourcesSpec NONE = new ResourcesSpec(null, null, null, null);

    /** This, with every field that is not set here taken from {@code inherited}. */
    public ResourcesSpec over(ResourcesSpec inherited) {
        return new ResourcesSpec(
                Specs.firstSet(requestCpu, inherited.requestCpu),
                Specs.firstSet(requestMemory, inherited.requestMemory),
                Specs.firstSet(limitCpu, inherited.limitCpu),
                Specs.firstSet(limitMemory, inherited.limitMemory));
    }
}
