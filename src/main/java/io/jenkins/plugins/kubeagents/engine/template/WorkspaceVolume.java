package io.jenkins.plugins.kubeagents.engine.template;

import java.util.Objects;

/** What backs the agent's workspace, mounted at the agent work directory in every container. */
public record WorkspaceVolume(Type type, String source) {
    public enum Type {
        EMPTY_DIR, PERSISTENT_VOLUME_CLAIM, HOST_PATH
    }

    public static final WorkspaceVolume EMPTY_DIR = new WorkspaceVolume(Type.EMPTY_DIR, null);

    public WorkspaceVolume {
        Objects.requireNonNull(type, "type");
    }
}
