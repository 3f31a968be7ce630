package dev.bloodbank.broker.history;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.ShutdownSignalException;

/**
 * What a failed channel operation on a stream means. The client reports a channel the broker
 * closed as an {@code IOException} whose message is null and whose cause holds the broker's
 * reason; this reads that reason.
 *
 * <p>A stream is briefly unreadable while its members elect a new leader after a node died: the
 * broker then closes the consuming channel (no running replica on the connection's node, or an
 * internal error while the member restarts). Those closes are transient and worth a retry; a
 * missing stream (404), a refused permission (403) or a bad argument (406) are not.
 */
record ChannelFailure(int replyCode, String reason, boolean connectionGone) {

    private static final int ACCESS_REFUSED = 403;
    private static final int NOT_FOUND = 404;
    private static final int PRECONDITION_FAILED = 406;

    /** Reads the broker's reply code and text out of whatever the client threw. */
    static ChannelFailure of(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ShutdownSignalException s) {
                if (s.getReason() instanceof AMQP.Channel.Close close)
                    return new ChannelFailure(close.getReplyCode(), close.getReplyText(), false);
                if (s.getReason() instanceof AMQP.Connection.Close close)
                    return new ChannelFailure(close.getReplyCode(), "connection closed: " + close.getReplyText(), true);
                return new ChannelFailure(0, s.isHardError() ? "connection lost" : "channel closed", s.isHardError());
            }
        }
        String message = failure.getMessage();
        // an I/O error without a broker's reason: the socket itself failed
        return new ChannelFailure(0, message == null ? failure.getClass().getSimpleName() : message, true);
    }

    boolean notFound() {
        return replyCode == NOT_FOUND;
    }

    /** Worth trying again on a new channel of the same connection. */
    boolean transientOnStream() {
        return !connectionGone && replyCode != NOT_FOUND && replyCode != ACCESS_REFUSED && replyCode != PRECONDITION_FAILED;
    }

    @Override
    public String toString() {
        return replyCode == 0 ? reason : reason + " (" + replyCode + ")";
    }
}
