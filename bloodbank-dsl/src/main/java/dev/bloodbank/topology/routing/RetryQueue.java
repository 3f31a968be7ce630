package dev.bloodbank.topology.routing;

import java.time.Duration;

/**
 * Where a failed message waits out one back-off delay. It reaches the queue through the retry
 * {@code exchange}, routed by the retry queue's own name; the queue's TTL is {@code delay}, after
 * which the broker dead-letters the message through the default exchange back to {@code workQueue}.
 */
public record RetryQueue(String queue, Duration delay, String workQueue, String exchange) {

    /** The routing key that takes a message here through the retry exchange (and through the default exchange). */
    public String routingKey() {
        return queue;
    }
}
