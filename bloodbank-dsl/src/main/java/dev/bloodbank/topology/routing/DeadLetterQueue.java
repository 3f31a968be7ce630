package dev.bloodbank.topology.routing;

/**
 * Where messages of one work queue end that failed for good. They reach it through the
 * dead-letter {@code exchange}, routed by {@code routingKey} (the work queue's name), so that the
 * broker's own dead-lettering and the runtime's land in the same place.
 */
public record DeadLetterQueue(String queue, String exchange, String routingKey) {}
