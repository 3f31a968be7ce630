package dev.bloodbank.dsl;

import dev.bloodbank.envelope.Envelope;
import java.util.UUID;

/**
 * One consumed message with its payload bound to a Java type. Operators that change the payload
 * ({@code mapValues}) keep the envelope of the consumed message, so what a chain publishes is
 * always correlated with what it consumed.
 */
public record Event<T>(Envelope envelope, T payload) {

    /** The consumed message's {@code event_id}. */
    public UUID id() {
        return envelope.eventId();
    }

    /** The consumed message's key ({@code event_type}). */
    public String key() {
        return envelope.eventType();
    }

    <R> Event<R> withPayload(R newPayload) {
        return new Event<>(envelope, newPayload);
    }
}
