package io.jenkins.plugins.kubeagents.engine.exec;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The command lines the exec endpoint runs in a build's container, and the environment file they read. The
 * environment is never on a command line: the API server records every exec request's URL, arguments included,
 * in its audit log, and a build's environment holds its credentials. It travels in a file on the workspace volume,
 * which every container of the pod mounts at the same path; the shell reads it, removes it, and replaces itself
 * with the command, so the command keeps the container's own environment (its {@code PATH}, its tools) with the
 * build's on top.
 */
public final class ContainerCommand {
    /** Set in every command's environment, so that it and every process it starts can be found and stopped. */
    public static final String MARKER = "KUBE_AGENTS_EXEC";
    /** Directories the build put before the {@code PATH} ({@code PATH+X=…}): put before the container's own. */
    public static final String PATH_PREFIX = "KUBE_AGENTS_PATH_PREFIX";

    private static final Pattern SHELL_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final String RUN = "set -a; . \"$1\"; set +a; rm -f \"$1\"; "
            + "if [ -n \"$" + PATH_PREFIX + "\" ]; then PATH=\"$" + PATH_PREFIX + ":$PATH\"; fi; unset " + PATH_PREFIX + "; "
            + "cd \"$2\" && shift 2 && exec \"$@\"";
    private static final String KILL = """
            [ $# -gt 0 ] || exit 2
            for p in /proc/[0-9]*; do
              all=1
              for v in "$@"; do tr '\\0' '\\n' < "$p/environ" 2>/dev/null | grep -qxF -- "$v" || { all=0; break; }; done
              if [ $all = 1 ]; then kill -TERM "${p#/proc/}" 2>/dev/null; fi
            done
            exit 0""";

    private ContainerCommand() {}

    /** Runs {@code command} in {@code workDir} (null: where the container starts) with the environment in {@code envFile}. */
    public static List<String> run(List<String> command, String workDir, String envFile) {
        List<String> argv = new ArrayList<>(List.of("sh", "-c", RUN, "kube-agents", envFile, workDir == null ? "." : workDir));
        argv.addAll(command);
        return argv;
    }

    /**
     * Stops (SIGTERM) every process of the container whose environment holds all of {@code vars}, as Jenkins'
     * {@code Launcher#kill} does on an agent: a command started by {@link #run} with its {@link #MARKER} and
     * everything it started, or the processes of a Pipeline {@code sh} step, found by its cookie.
     */
    public static List<String> kill(Map<String, String> vars) {
        List<String> argv = new ArrayList<>(List.of("sh", "-c", KILL, "kube-agents"));
        vars.forEach((name, value) -> argv.add(name + "=" + value));
        return argv;
    }

    /**
     * The environment file: one {@code NAME='value'} line a variable, quoted for the shell. Names the shell cannot
     * set (Jenkins allows {@code a.b}) are left out, as a shell would drop them.
     */
    public static String environmentFile(Map<String, String> env) {
        StringBuilder text = new StringBuilder();
        env.forEach((name, value) -> {
            if (SHELL_NAME.matcher(name).matches()) {
                text.append(name).append("='").append(value.replace("'", "'\\''")).append("'\n");
            }
        });
        return text.toString();
    }
}
