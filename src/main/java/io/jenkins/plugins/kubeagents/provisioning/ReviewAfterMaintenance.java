package io.jenkins.plugins.kubeagents.provisioning;

import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * Runs a provisioning review for a new queue item once the queue's snapshot holds the item.
 * {@code QueueListener#onEnterBuildable} fires inside {@code Queue#maintain()}, before maintain() publishes the
 * snapshot that the load statistics read, so a review started right there can see no demand and leave the build to
 * the next periodic review. maintain() holds the queue's lock until it has published the snapshot: waiting for that
 * lock on another thread waits exactly long enough.
 */
final class ReviewAfterMaintenance {
    private final Executor pool;
    private final Consumer<Runnable> underQueueLock;

    /** @param underQueueLock runs its argument holding the queue's lock ({@code Queue::withLock}) */
    ReviewAfterMaintenance(Executor pool, Consumer<Runnable> underQueueLock) {
        this.pool = pool;
        this.underQueueLock = underQueueLock;
    }

    void request(Runnable review) {
        pool.execute(() -> underQueueLock.accept(review));
    }
}
