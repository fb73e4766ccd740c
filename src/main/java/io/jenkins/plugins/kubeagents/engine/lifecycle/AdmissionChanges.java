package io.jenkins.plugins.kubeagents.engine.lifecycle;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What the API server's admission changed in a pod the engine sent, where it decides how the pod runs: a namespace's
 * LimitRange fills in requests and limits the template left out. Said in the launch's timeline, since the template
 * does not show them and they decide where the pod fits and when it is OOM-killed.
 */
final class AdmissionChanges {
    private AdmissionChanges() {}

    /** One line for each container whose requests or limits the server set or changed. */
    static List<String> resources(Pod sent, Pod created) {
        List<String> lines = new ArrayList<>();
        if (created == null || created.getSpec() == null) {
            return lines;
        }
        for (Container c : created.getSpec().getContainers()) {
            Container mine = sent.getSpec().getContainers().stream().filter(s -> s.getName().equals(c.getName())).findFirst()
                    .orElse(null);
            if (mine == null) {
                continue;
            }
            List<String> set = new ArrayList<>();
            changed("requests", requests(mine.getResources()), requests(c.getResources()), set);
            changed("limits", limits(mine.getResources()), limits(c.getResources()), set);
            if (!set.isEmpty()) {
                lines.add("the namespace's defaults (LimitRange) set container " + c.getName() + ": " + String.join(", ", set));
            }
        }
        return lines;
    }

    private static void changed(String kind, Map<String, Quantity> sent, Map<String, Quantity> created, List<String> out) {
        new TreeMap<>(created).forEach((resource, quantity) -> {
            if (!Objects.equals(amount(sent.get(resource)), amount(quantity))) {
                out.add(kind + " " + resource + " " + quantity);
            }
        });
    }

    /** The quantity's amount, so that 1Gi and 1024Mi are equal; its text when it is none the client can read. */
    private static Object amount(Quantity q) {
        if (q == null) {
            return null;
        }
        try {
            return Quantity.getAmountInBytes(q).stripTrailingZeros();
        } catch (RuntimeException unreadable) {
            return q.toString();
        }
    }

    private static Map<String, Quantity> requests(ResourceRequirements r) {
        return r == null || r.getRequests() == null ? Map.of() : r.getRequests();
    }

    private static Map<String, Quantity> limits(ResourceRequirements r) {
        return r == null || r.getLimits() == null ? Map.of() : r.getLimits();
    }
}
