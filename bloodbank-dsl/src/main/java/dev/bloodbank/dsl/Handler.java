package dev.bloodbank.dsl;

import dev.bloodbank.engine.MessageContext;

/**
 * The code that handles one message: its typed payload and the context to publish and send with.
 * Throwing fails the message: it is retried with back-off, or dead-lettered at once when the
 * exception is non-retryable.
 */
@FunctionalInterface
public interface Handler<T> {

    void handle(T payload, MessageContext context) throws Exception;
}
