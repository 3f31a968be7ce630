package dev.bloodbank.broker.reconcile;

/**
 * One property that differs: its current and desired value (null when absent on that side) and,
 * for a property RabbitMQ cannot change in place, why not.
 */
public record FieldChange(String field, Object current, Object desired, String whyImmutable) {
}
