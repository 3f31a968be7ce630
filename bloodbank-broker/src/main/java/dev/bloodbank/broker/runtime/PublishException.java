package dev.bloodbank.broker.runtime;

/**
 * A publish the broker did not take responsibility for. Every reason but {@link Reason#CLOSED}
 * and {@link Reason#WINDOW_FULL} may be retried; for {@link Reason#CONNECTION_LOST} and
 * {@link Reason#CONFIRM_TIMEOUT} the message may nevertheless have arrived (at-least-once:
 * publishing it again can make a duplicate, which consumers suppress by event id).
 */
public final class PublishException extends RuntimeException {

    /** Why a publish failed. */
    public enum Reason {
        /** No queue is bound for the routing key: the broker returned the message. */
        UNROUTABLE,
        /** The broker refused the message (a nack: a queue limit, a broker error). */
        NACKED,
        /** No confirm came within the confirm timeout. */
        CONFIRM_TIMEOUT,
        /** The connection or channel closed before the confirm came. */
        CONNECTION_LOST,
        /** The window of unconfirmed publishes stayed full for the whole window timeout. */
        WINDOW_FULL,
        /** The publisher is closed. */
        CLOSED
    }

    private final Reason reason;

    PublishException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    PublishException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
