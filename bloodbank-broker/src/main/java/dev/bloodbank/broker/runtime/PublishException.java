package dev.bloodbank.broker.runtime;

/**
 * A publish the broker did not take responsibility for. The publisher itself sends a message again
 * after {@link Reason#NACKED}, {@link Reason#CONFIRM_TIMEOUT} and {@link Reason#CONNECTION_LOST}: a
 * future fails with one of those only when its attempts ran out, and the message may nevertheless
 * have arrived (at-least-once: publishing it again can make a duplicate, which consumers suppress
 * by event id). {@link Reason#WINDOW_FULL} and {@link Reason#BLOCKED} say the message was not
 * written: a caller may try again later. {@link Reason#UNROUTABLE} needs the topology applied;
 * {@link Reason#CLOSED} is final.
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
        /**
         * The connection took nothing for the whole window timeout: the broker blocked publishing
         * (a memory or disk alarm), or another publish was stuck writing to it. This message was
         * not written.
         */
        BLOCKED,
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
