package dev.bloodbank.testing;

import java.time.Instant;

/**
 * A failed message of a typed key waiting out its back-off: its payload bound to the key's type,
 * and the retry (when it falls due, which delivery it will be).
 */
public record Retrying<T>(T value, PendingRetry retry) {

    public Instant dueAt() {
        return retry.dueAt();
    }

    /** The delivery number it will be when it returns to its work queue. */
    public int attempt() {
        return retry.attempt();
    }
}
