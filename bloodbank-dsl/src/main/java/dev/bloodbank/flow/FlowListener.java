package dev.bloodbank.flow;

/**
 * Called at each step of a message's life. Implementations must be cheap and must not throw:
 * they run on the publishing and consuming threads. Arguments are plain values so that a call
 * allocates nothing. Durations are in nanoseconds.
 */
public interface FlowListener {

    FlowListener NO_OP = new FlowListener() {};

    /** A message was handed to the broker. */
    default void published(String key) {}

    /** The broker confirmed a publish, {@code nanos} after it was sent. */
    default void confirmed(String key, long nanos) {}

    /** The broker refused a publish (a nack, or a timeout waiting for the confirm). */
    default void nacked(String key) {}

    /** The broker returned a publish: no queue is bound for its routing key. */
    default void returned(String key) {}

    /** A message was delivered to {@code service}; {@code latencyNanos} since its envelope timestamp. */
    default void consumed(String service, String key, long latencyNanos) {}

    /** A handler finished successfully in {@code nanos}. */
    default void handled(String service, String key, long nanos) {}

    /** A handler failed and the message was scheduled for attempt {@code nextAttempt}. */
    default void retried(String service, String key, int nextAttempt) {}

    /** A message went to the dead-letter queue after {@code attempts} attempts. */
    default void deadLettered(String service, String key, int attempts) {}

    /** A redelivered message was already handled and was acknowledged without handling. */
    default void duplicate(String service, String key) {}

    /** A message could not be read or failed its schema; {@code key} is "unknown" when unreadable. */
    default void invalid(String service, String key) {}

    /** The number of publishes awaiting a confirm changed. */
    default void inFlight(int publishes) {}
}
