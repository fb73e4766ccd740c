package io.jenkins.plugins.kubeagents.engine.metrics;

/** The steps from an agent planned to an agent connected, whose durations the status page shows. */
public enum Phase {
    PLANNED_TO_CREATED("planned → pod created"),
    CREATED_TO_SCHEDULED("pod created → scheduled"),
    SCHEDULED_TO_RUNNING("scheduled → containers running"),
    RUNNING_TO_CONNECTED("containers running → agent connected"),
    TOTAL("planned → agent connected");

    private final String description;

    Phase(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }
}
