package dev.bloodbank.dsl;

import dev.bloodbank.engine.MessageContext;

/**
 * The function of {@link EventStream#processValues}: one payload and the per-message context in,
 * zero or more payloads out (an empty list, or null, forwards nothing).
 */
@FunctionalInterface
public interface ValueProcessor<T, R> {

    Iterable<? extends R> process(T payload, MessageContext context) throws Exception;
}
