package dev.bloodbank.engine;

/**
 * Marks a failure that no retry can fix (bad data, a refused business rule): a handler throwing
 * it, or an exception type registered as non-retryable, sends the message to the dead-letter queue at once.
 */
public class NonRetryable extends RuntimeException {

    public NonRetryable(String message) {
        super(message);
    }

    public NonRetryable(String message, Throwable cause) {
        super(message, cause);
    }
}
