package dev.bloodbank.testing;

import dev.bloodbank.engine.Headers;
import java.time.Duration;
import java.time.Instant;

/**
 * A failed message waiting out its back-off in a retry queue; when the driver's clock reaches
 * {@code dueAt} it goes back to {@code workQueue} as delivery number {@code attempt}.
 *
 * <p>The message is filed as the runtime sends it: through the topology's retry exchange, routed
 * by the retry queue's name; the key it was first published with travels in a header.
 */
public record PendingRetry(QueuedMessage message, String workQueue, Duration delay, Instant dueAt, int attempt) {

    public String retryQueue() {
        return message.queue();
    }

    /** The routing key the message was first published with: its event or command key. */
    public String routingKey() {
        Object original = message.headers().get(Headers.ORIGINAL_ROUTING_KEY);
        return original != null ? original.toString() : message.routingKey();
    }
}
