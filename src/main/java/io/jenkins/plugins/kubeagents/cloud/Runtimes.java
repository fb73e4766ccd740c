package io.jenkins.plugins.kubeagents.cloud;

import hudson.init.Terminator;
import io.jenkins.plugins.kubeagents.engine.runtime.CloudRuntimes;

/** The engine runtimes of every kube-agents cloud of this controller, built on first use, closed on shutdown. */
public final class Runtimes {
    public static final CloudRuntimes ALL = new CloudRuntimes(JenkinsControllerLink::new);

    private Runtimes() {}

    @Terminator
    public static void closeAll() {
        ALL.close();
    }
}
