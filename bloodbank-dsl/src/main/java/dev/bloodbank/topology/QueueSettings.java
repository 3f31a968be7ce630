package dev.bloodbank.topology;

import java.time.Duration;

/**
 * The effective settings of one consuming queue (a command's worker queue or a subscription's
 * queue), the topology defaults already applied. The names of its retry and dead-letter queues
 * are derived here, once, so that the reconciler, the runtime and the CLI agree on them.
 */
public record QueueSettings(String queue, int prefetch, QueueType queueType, RetryPolicy retry) {

    public QueueSettings {
        if (queue == null || queue.isBlank()) throw new IllegalArgumentException("queue name is empty");
        if (prefetch < 1) throw new IllegalArgumentException("prefetch must be at least 1, was " + prefetch);
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
