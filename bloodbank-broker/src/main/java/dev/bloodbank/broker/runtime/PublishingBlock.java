package dev.bloodbank.broker.runtime;

import com.rabbitmq.client.BlockedListener;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * Whether the broker has blocked publishing on a connection. A node low on memory or disk stops
 * reading from every connection that publishes, and says so with {@code connection.blocked} (after
 * the first publish it does not read) and {@code connection.unblocked} once its alarms clear. A
 * publish written into a blocked connection waits in socket buffers for as long as the alarm lasts;
 * one held back here waits at most until its deadline and fails saying why.
 */
final class PublishingBlock implements BlockedListener {

    /** The broker's reason ("low on memory"), or null while publishing is open. */
    private volatile String reason;
    private volatile Instant since;

    @Override
    public synchronized void handleBlocked(String reason) {
        this.since = Instant.now();
        this.reason = reason == null || reason.isBlank() ? "a resource alarm" : reason;
    }

    @Override
    public synchronized void handleUnblocked() {
        reason = null;
        notifyAll();
    }

    /** The connection is gone: the one recovery opens starts unblocked until the broker says otherwise. */
    void connectionLost() {
        handleUnblocked();
    }

    boolean blocked() {
        return reason != null;
    }

    /**
     * Waits until publishing is open or {@code deadlineNanos} ({@link System#nanoTime}) passes.
     * Costs one volatile read when open, which it nearly always is.
     *
     * @return whether publishing is open
     */
    boolean awaitOpen(long deadlineNanos) throws InterruptedException {
        if (reason == null) return true;
        synchronized (this) {
            while (reason != null) {
                long left = deadlineNanos - System.nanoTime();
                if (left <= 0) return false;
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
            return true;
        }
    }

    /** What blocks publishing, for a failure message; only meaningful while {@link #blocked()}. */
    String describe() {
        String why = reason;
        Instant from = since;
        if (why == null) return "the broker no longer blocks publishing";
        return "the broker has blocked publishing on this connection (" + why + ") for "
                + Duration.between(from, Instant.now()).toMillis() + " ms; it takes messages again once its "
                + "memory or disk alarm clears (rabbitmq-diagnostics alarms)";
    }
}
