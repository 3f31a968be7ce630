package dev.bloodbank.testing;

import dev.bloodbank.engine.Outcome;

/** One delivery the application took, in order: from which queue, which attempt, and what was decided. */
public record Processed(String queue, String routingKey, int attempt, Outcome outcome) {}
