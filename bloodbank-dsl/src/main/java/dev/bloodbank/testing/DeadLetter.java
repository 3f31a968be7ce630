package dev.bloodbank.testing;

import dev.bloodbank.engine.Headers;
import dev.bloodbank.envelope.Envelope;

/** A message in a dead-letter queue, with why it is there, read from its headers. */
public record DeadLetter(QueuedMessage message) {

    public String queue() {
        return message.queue();
    }

    /** The key the message was first published with (in the queue it is routed by its work queue's name). */
    public String originalRoutingKey() {
        return message.header(Headers.ORIGINAL_ROUTING_KEY);
    }

    /** The work queue it failed on. */
    public String originalQueue() {
        return message.header(Headers.ORIGINAL_QUEUE);
    }

    /** {@code handler-failed}, {@code invalid-json}, {@code invalid-envelope}, {@code schema-violation} or {@code unknown-type}. */
    public String reason() {
        return message.header(Headers.REASON);
    }

    /** How many deliveries were tried. */
    public int attempts() {
        return Integer.parseInt(message.header(Headers.ATTEMPT));
    }

    public String errorClass() {
        return message.header(Headers.ERROR_CLASS);
    }

    public String errorMessage() {
        return message.header(Headers.ERROR_MESSAGE);
    }

    public Envelope envelope() {
        return message.envelope();
    }
}
