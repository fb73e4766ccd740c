package io.jenkins.plugins.kubeagents;

import hudson.init.InitMilestone;
import hudson.init.Initializer;
import io.jenkins.plugins.kubeagents.agents.KubeAgentsAgent;
import io.jenkins.plugins.kubeagents.agents.KubeAgentsLauncher;
import io.jenkins.plugins.kubeagents.agents.OneShotRetention;
import io.jenkins.plugins.kubeagents.agents.ReuseRetention;
import io.jenkins.plugins.kubeagents.cloud.ContainerConfig;
import io.jenkins.plugins.kubeagents.cloud.KubeAgentsCloud;
import io.jenkins.plugins.kubeagents.cloud.KubeAgentsTemplate;
import io.jenkins.plugins.kubeagents.cloud.VolumeConfig;
import io.jenkins.plugins.kubeagents.cloud.WorkspaceVolumeConfig;
import java.util.Map;
import java.util.function.BiConsumer;
import jenkins.model.Jenkins;

/**
 * The names under which version 0.1 saved its classes: the cloud and its describables in {@code config.xml}, agents
 * with their retention and launcher in {@code nodes/<name>/config.xml}. Jenkins reads those files with XStream,
 * which finds a class by the name written in the file, so each former name stays an alias of its class. Registered
 * before plugins start, so before Jenkins loads its configuration and nodes; Jenkins writes the new names on the
 * next save.
 */
public final class FormerClassNames {
    private static final String ROOT = "io.jenkins.plugins.kubeagents.";

    /** Former name → the class now. */
    public static final Map<String, Class<?>> ALIASES = Map.of(
            ROOT + "KubeAgentsCloud", KubeAgentsCloud.class,
            ROOT + "KubeAgentsTemplate", KubeAgentsTemplate.class,
            ROOT + "ContainerConfig", ContainerConfig.class,
            ROOT + "VolumeConfig", VolumeConfig.class,
            ROOT + "WorkspaceVolumeConfig", WorkspaceVolumeConfig.class,
            ROOT + "KubeAgentsAgent", KubeAgentsAgent.class,
            ROOT + "KubeAgentsLauncher", KubeAgentsLauncher.class,
            ROOT + "OneShotRetention", OneShotRetention.class,
            ROOT + "ReuseRetention", ReuseRetention.class);

    private FormerClassNames() {}

    @Initializer(before = InitMilestone.PLUGINS_STARTED)
    public static void register() {
        registerWith(Jenkins.XSTREAM2::addCompatibilityAlias);
    }

    public static void registerWith(BiConsumer<String, Class<?>> alias) {
        ALIASES.forEach(alias);
    }
}
