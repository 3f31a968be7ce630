package dev.bloodbank.engine;

import dev.bloodbank.envelope.Envelope;

/** User code for one event or command key; the DSL builds these from its fluent chains. */
@FunctionalInterface
public interface MessageHandler {

    /** Handles one message. Throwing means failure: the message is retried or dead-lettered. */
    void handle(Envelope envelope, MessageContext context) throws Exception;
}
