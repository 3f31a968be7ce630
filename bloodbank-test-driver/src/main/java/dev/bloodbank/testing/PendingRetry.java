package dev.bloodbank.testing;

import java.time.Duration;
import java.time.Instant;

/**
 * A failed message waiting out its back-off in a retry queue; when the driver's clock reaches
 * {@code dueAt} it goes back to {@code workQueue} as delivery number {@code attempt}.
 */
public record PendingRetry(QueuedMessage message, String workQueue, Duration delay, Instant dueAt, int attempt) {

    public String retryQueue() {
        return message.queue();
    }

    public String routingKey() {
        return message.routingKey();
    }
}
