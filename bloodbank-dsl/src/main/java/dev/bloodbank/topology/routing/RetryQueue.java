package dev.bloodbank.topology.routing;

import java.time.Duration;

/**
 * Where a failed message waits out one back-off delay: the queue's TTL is {@code delay}, after
 * which the broker dead-letters the message through the default exchange back to {@code workQueue}.
 */
public record RetryQueue(String queue, Duration delay, String workQueue) {}
