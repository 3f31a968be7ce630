package dev.bloodbank.broker.runtime;

import java.time.Duration;
import java.util.UUID;

/** The broker's confirm of one publish: the message is in every queue it was routed to. */
public record PublishReceipt(UUID eventId, String key, String exchange, Duration confirmedAfter) {}
