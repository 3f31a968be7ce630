package dev.bloodbank.engine;

import dev.bloodbank.envelope.Envelope;

/** A message a handler published, to be sent once the handler has returned. */
public record Outgoing(String exchange, String routingKey, Envelope envelope) {}
