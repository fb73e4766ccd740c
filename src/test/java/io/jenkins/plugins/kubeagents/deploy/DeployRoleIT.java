package io.jenkins.plugins.kubeagents.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.jenkins.plugins.kubeagents.engine.cluster.RequiredPermission;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.Test;

/**
 * Least privilege, proven: the deployment kit's Role grants every (verb, resource) the engine's tests were
 * recorded sending to the mock API server (written by MockCluster to target/api-requests/ during the unit
 * tests), and nothing else; and the plugin's own list of required permissions says the same.
 */
public class DeployRoleIT {
    private static final Pattern NAMESPACED = Pattern.compile("(\\w+) /api/v1/namespaces/[^/]+/([a-z]+)(/[^/]+)?(/[a-z]+)?");
    private static final Pattern ENGINE_TEST = Pattern.compile("io\\.jenkins\\.plugins\\.kubeagents\\.engine\\.(lifecycle|sweep|runtime|capacity|exec)\\..*");

    @Test
    public void theRoleGrantsExactlyWhatTheEngineWasSeenDoing() throws IOException {
        Map<String, Set<String>> used = recordedPermissions();
        Set<String> granted = granted();
        Set<String> recorded = used.keySet();

        assertThat(recorded).as("recorded requests of the engine's tests").hasSizeGreaterThanOrEqualTo(10);
        assertThat(granted).as("permissions the Role lacks").containsAll(recorded);
        assertThat(recorded).as("permissions the Role grants that no test used").containsAll(granted);
        assertThat(RequiredPermission.ALL.stream().map(RequiredPermission::toString).collect(Collectors.toSet()))
                .isEqualTo(granted);
        // for the closing note: which tests justify each rule
        used.forEach((permission, tests) -> System.out.println(permission + " <- " + tests.size() + " tests, e.g. " + tests.iterator().next()));
    }

    private static Set<String> granted() throws IOException {
        Role role = new KubernetesSerialization().unmarshal(Files.readString(Path.of("deploy/role.yaml")), Role.class);
        Set<String> granted = new TreeSet<>();
        role.getRules().forEach(rule -> {
            assertThat(rule.getApiGroups()).containsExactly("");
            rule.getResources().forEach(resource -> rule.getVerbs().forEach(verb -> granted.add(verb + " " + resource)));
        });
        return granted;
    }

    /** "verb resource" -> the tests that sent it, from every engine test's recording. */
    private static Map<String, Set<String>> recordedPermissions() throws IOException {
        Map<String, Set<String>> used = new TreeMap<>();
        try (Stream<Path> files = Files.list(Path.of("target/api-requests"))) {
            for (Path file : files.sorted().toList()) {
                String test = file.getFileName().toString().replaceFirst("\\.txt$", "");
                if (!ENGINE_TEST.matcher(test).matches()) {
                    continue;
                }
                for (String line : Files.readAllLines(file)) {
                    Matcher m = NAMESPACED.matcher(line);
                    if (m.matches()) {
                        String resource = m.group(2) + (m.group(4) == null ? "" : m.group(4));
                        used.computeIfAbsent(verb(m.group(1), m.group(3) != null) + " " + resource, k -> new TreeSet<>()).add(test);
                        if (resource.equals("pods/exec")) { // a WebSocket upgrade (GET), authorized as create as well
                            used.computeIfAbsent("create " + resource, k -> new TreeSet<>()).add(test);
                        }
                    }
                }
            }
        }
        return used;
    }

    private static String verb(String recorded, boolean oneObject) {
        return switch (recorded) {
            case "POST" -> "create";
            case "GET" -> oneObject ? "get" : "list";
            case "LIST" -> "list";
            case "WATCH" -> "watch";
            case "PATCH" -> "patch";
            case "PUT" -> "update";
            case "DELETE" -> oneObject ? "delete" : "deletecollection";
            default -> recorded.toLowerCase();
        };
    }
}
