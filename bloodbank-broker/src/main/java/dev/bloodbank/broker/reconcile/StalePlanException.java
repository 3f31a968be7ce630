package dev.bloodbank.broker.reconcile;

/**
 * A saved plan that no longer fits the broker: made for another vhost, or computed on objects
 * that have changed since. Its message is one line that says what to do.
 */
public final class StalePlanException extends RuntimeException {

    StalePlanException(String message) {
        super(message);
    }
}
