package dev.bloodbank.examples.transcripts;

import java.util.UUID;

/** A dead-lettered message as both transports report it: why, after how many attempts, from where. */
record Failed(String reason, int attempts, String errorClass, String errorMessage, String originalQueue,
              String originalRoutingKey, UUID eventId) {}
