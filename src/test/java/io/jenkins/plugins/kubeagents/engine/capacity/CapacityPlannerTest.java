package io.jenkins.plugins.kubeagents.engine.capacity;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.jenkins.plugins.kubeagents.engine.render.OwnLabels;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.Test;

public class CapacityPlannerTest {
    private final List<Pod> cache = new CopyOnWriteArrayList<>();
    private final CapacityPlanner planner = new CapacityPlanner(() -> List.copyOf(cache));

    @Test
    public void twentyConcurrentPlannersNeverExceedACapOfTen() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(20);
        CountDownLatch go = new CountDownLatch(1);
        List<Callable<Integer>> planners = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            planners.add(() -> {
                go.await();
                return planner.plan("k8s", "maven", 3, 10, 0).agentNames().size();
            });
        }
        List<Future<Integer>> granted = new ArrayList<>();
        planners.forEach(p -> granted.add(threads.submit(p)));
        go.countDown();
        int total = 0;
        for (Future<Integer> g : granted) {
            total += g.get();
        }
        threads.shutdown();
        assertThat(total).isEqualTo(10);
    }

    @Test
    public void aPodInTheCacheAndItsReservationCountOnce() {
        List<String> names = planner.plan("k8s", "maven", 2, 3, 0).agentNames();
        cache.add(pod(names.get(0), "k8s", "maven", false));
        assertThat(planner.plan("k8s", "maven", 5, 3, 0).agentNames()).hasSize(1);
    }

    @Test
    public void theTemplateCapLimitsItsOwnTemplateOnly() {
        cache.add(pod("maven-1", "k8s", "maven", false));
        CapacityPlanner.Plan maven = planner.plan("k8s", "maven", 4, 0, 2);
        assertThat(maven.agentNames()).hasSize(1);
        assertThat(maven.limitedBy()).isEqualTo("template maven's instance cap of 2 is reached");
        assertThat(planner.plan("k8s", "node", 4, 0, 2).agentNames()).hasSize(2);
    }

    @Test
    public void retainedPodsAndOtherCloudsDoNotCount() {
        cache.add(pod("maven-1", "k8s", "maven", true));
        cache.add(pod("maven-2", "other", "maven", false));
        assertThat(planner.plan("k8s", "maven", 3, 2, 0).limitedBy()).isEqualTo("the cloud's container cap of 2 is reached");
    }

    @Test
    public void aReleasedReservationFreesItsPlace() {
        String name = planner.plan("k8s", "maven", 1, 1, 0).agentNames().get(0);
        assertThat(planner.plan("k8s", "maven", 1, 1, 0).agentNames()).isEmpty();
        planner.release(name);
        assertThat(planner.plan("k8s", "maven", 1, 1, 0).agentNames()).hasSize(1);
    }

    private static Pod pod(String name, String cloud, String template, boolean retained) {
        PodBuilder b = new PodBuilder().withNewMetadata().withName(name).addToLabels(OwnLabels.CLOUD, cloud)
                .addToLabels(OwnLabels.TEMPLATE, template).endMetadata();
        if (retained) {
            b.editMetadata().addToLabels(OwnLabels.RETAINED, "true").endMetadata();
        }
        return b.build();
    }

    @Test
    public void unmetDemandCountsEveryExecutorThatWillSoonTakeWork() {
        assertThat(CapacityPlanner.unmetDemand(5, 1, 1, 1, 1)).isEqualTo(1);
        assertThat(CapacityPlanner.unmetDemand(3, 0, 2, 2, 0)).isZero();
        assertThat(CapacityPlanner.unmetDemand(4, 0, 0, 0, 0)).isEqualTo(4);
    }
}
