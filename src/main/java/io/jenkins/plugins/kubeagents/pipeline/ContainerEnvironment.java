package io.jenkins.plugins.kubeagents.pipeline;

import io.jenkins.plugins.kubeagents.engine.exec.ContainerCommand;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What of a launch's environment goes to the container: the build's variables ({@code withEnv},
 * {@code withCredentials}, {@code env.X}, the build's own), without those the agent's process has with the same value
 * (the {@code jnlp} container's {@code PATH}, {@code HOME}, {@code JAVA_HOME}), which would replace the container's
 * own so its tools would not be found; plus the marker that finds the command's processes again. A {@code PATH}
 * the build extended in front ({@code withEnv(['PATH+MAVEN=/tools/bin'])} gives {@code /tools/bin:<agent's PATH>})
 * goes as those directories only, put before the container's {@code PATH}.
 */
final class ContainerEnvironment {
    private ContainerEnvironment() {}

    /**
     * @param envs the launch's {@code NAME=value} entries: the whole environment of the build
     * @param agentOwn the environment of the agent's own process
     */
    static Map<String, String> of(String[] envs, Map<String, String> agentOwn, String marker) {
        Map<String, String> env = new LinkedHashMap<>();
        for (String entry : envs) {
            int eq = entry.indexOf('=');
            if (eq <= 0) {
                continue;
            }
            String name = entry.substring(0, eq);
            String value = entry.substring(eq + 1);
            String own = agentOwn.get(name);
            if (name.equals("PATH") && own != null && !own.isEmpty() && value.endsWith(":" + own)) {
                env.put(ContainerCommand.PATH_PREFIX, value.substring(0, value.length() - own.length() - 1));
            } else if (!value.equals(own)) {
                env.put(name, value);
            }
        }
        env.put(ContainerCommand.MARKER, marker);
        return env;
    }
}
