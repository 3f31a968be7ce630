package dev.bloodbank.topology;

import java.time.Duration;

/**
 * The effective settings of one consuming queue (a command's worker queue or a subscription's
 * queue), the topology defaults already applied. The names of its retry and dead-letter queues
 * are derived here, once, so that the reconciler, the runtime and the CLI agree on them.
 */
public record QueueSettings(String queue, int prefetch, QueueType queueType, RetryPolicy retry, int replicas) {

    /** {@link #replicas()} when the topology leaves the replication factor to the broker. */
    public static final int BROKER_DEFAULT_REPLICAS = 0;

    public QueueSettings {
        if (queue == null || queue.isBlank()) throw new IllegalArgumentException("queue name is empty");
        if (prefetch < 1) throw new IllegalArgumentException("prefetch must be at least 1, was " + prefetch);
        if (replicas < 0) throw new IllegalArgumentException("replicas must be at least 1 (or 0 for the broker's default), was " + replicas);
    }

    /** With the broker's default replication factor. */
    public QueueSettings(String queue, int prefetch, QueueType queueType, RetryPolicy retry) {
        this(queue, prefetch, queueType, retry, BROKER_DEFAULT_REPLICAS);
    }

    /** Where messages wait out a back-off of {@code delay} before returning to {@link #queue()}. */
    public String retryQueue(Duration delay) {
        return queue + ".retry." + Durations.format(delay);
    }

    /** Where messages go that failed for good, with the reason in their headers. */
    public String deadLetterQueue() {
        return queue + ".dlq";
    }
}
