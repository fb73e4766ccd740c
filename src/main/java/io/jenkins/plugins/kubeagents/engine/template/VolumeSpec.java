package io.jenkins.plugins.kubeagents.engine.template;

import java.util.Objects;

/**
 * A volume mounted into every container of the pod.
 *
 * @param type what backs the volume
 * @param source the ConfigMap, Secret or claim name, or the host path; unused for emptyDir
 * @param mountPath where it is mounted in each container; also the key by which an inheriting template replaces it
 * @param readOnly whether containers mount it read-only
 */
public record VolumeSpec(Type type, String source, String mountPath, boolean readOnly) {
    public enum Type {
        EMPTY_DIR, CONFIG_MAP, SECRET, HOST_PATH, PERSISTENT_VOLUME_CLAIM
    }

    public VolumeSpec {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(mountPath, "mountPath");
    }
}
