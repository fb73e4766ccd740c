package io.jenkins.plugins.kubeagents;

import hudson.init.InitMilestone;
import hudson.init.Initializer;
import hudson.model.Run;
import io.jenkins.plugins.kubeagents.agents.KubeAgentsAgent;
import io.jenkins.plugins.kubeagents.agents.KubeAgentsLauncher;
import io.jenkins.plugins.kubeagents.agents.OneShotRetention;
import io.jenkins.plugins.kubeagents.agents.PodLostInterruption;
import io.jenkins.plugins.kubeagents.agents.ReuseRetention;
import io.jenkins.plugins.kubeagents.cloud.ContainerConfig;
import io.jenkins.plugins.kubeagents.cloud.KubeAgentsCloud;
import io.jenkins.plugins.kubeagents.cloud.KubeAgentsTemplate;
import io.jenkins.plugins.kubeagents.cloud.VolumeConfig;
import io.jenkins.plugins.kubeagents.cloud.WorkspaceVolumeConfig;
import java.util.Map;
import jenkins.model.Jenkins;

/**
 * The names under which version 0.1 saved its classes: the cloud and its describables in {@code config.xml}, agents
 * with their retention and launcher in {@code nodes/<name>/config.xml}, and in a build's {@code build.xml} the
 * cause of an interruption by a lost pod. Jenkins reads those files with XStream, which finds a class by the name
 * written in the file, so each former name stays an alias of its class, on the XStream that reads that file.
 * Registered before plugins start, so before Jenkins loads its configuration, nodes and builds; Jenkins writes the
 * new names on the next save.
 */
public final class FormerClassNames {
    private static final String ROOT = "io.jenkins.plugins.kubeagents.";

    /** Former name → the class now, for {@code config.xml} and the nodes' files. */
    public static final Map<String, Class<?>> CONFIGURATION = Map.of(
            ROOT + "KubeAgentsCloud", KubeAgentsCloud.class,
            ROOT + "KubeAgentsTemplate", KubeAgentsTemplate.class,
            ROOT + "ContainerConfig", ContainerConfig.class,
            ROOT + "VolumeConfig", VolumeConfig.class,
            ROOT + "WorkspaceVolumeConfig", WorkspaceVolumeConfig.class,
            ROOT + "KubeAgentsAgent", KubeAgentsAgent.class,
            ROOT + "KubeAgentsLauncher", KubeAgentsLauncher.class,
            ROOT + "OneShotRetention", OneShotRetention.class,
            ROOT + "ReuseRetention", ReuseRetention.class);

    /** Former name → the class now, for the builds' {@code build.xml}. */
    public static final Map<String, Class<?>> BUILD_RECORDS = Map.of(ROOT + "PodLostInterruption", PodLostInterruption.class);

    private FormerClassNames() {}

    @Initializer(before = InitMilestone.PLUGINS_STARTED)
    public static void register() {
        CONFIGURATION.forEach(Jenkins.XSTREAM2::addCompatibilityAlias);
        BUILD_RECORDS.forEach(Run.XSTREAM2::addCompatibilityAlias);
    }
}
