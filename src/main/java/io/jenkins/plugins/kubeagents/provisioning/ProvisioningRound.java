package io.jenkins.plugins.kubeagents.provisioning;

import java.util.List;

/**
 * One review of the no-delay strategy, kept apart from Jenkins' types so that a model of Jenkins' provisioner can
 * run it: plans the unmet demand on the first clouds that can take the label, and asks for the next review as
 * soon as it planned anything. Jenkins adds a planned node only on its provisioner's next {@code update()}, which
 * would otherwise be the periodic one: 100 s after a controller start, then every 10 s.
 */
final class ProvisioningRound {
    /** One kube-agents cloud, as the strategy asks it. */
    interface Cloud {
        boolean canTake();

        /** Plans up to {@code demand} executors and records them with Jenkins; returns how many it planned. */
        int plan(int demand);
    }

    private ProvisioningRound() {}

    /**
     * @param unmetDemand executors the label's queue still lacks (see
     *     {@link io.jenkins.plugins.kubeagents.engine.capacity.CapacityPlanner#unmetDemand})
     * @param reviewSoon asks the label's provisioner for its next review
     * @return whether a kube-agents cloud took the label and the demand is met, so no other strategy need plan
     */
    static boolean run(int unmetDemand, List<? extends Cloud> clouds, Runnable reviewSoon) {
        int demand = unmetDemand;
        boolean ours = false;
        boolean planned = false;
        for (Cloud cloud : clouds) {
            if (!cloud.canTake()) {
                continue;
            }
            ours = true;
            if (demand <= 0) {
                break;
            }
            int executors = cloud.plan(demand);
            planned |= executors > 0;
            demand -= executors;
        }
        if (planned) {
            reviewSoon.run();
        }
        return ours && demand <= 0;
    }
}
