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
 *
 * <p>"No replica on the local node" comes as a 406 in RabbitMQ 3.10 and as a 506 elsewhere: the
 * connection's node has no running member of the stream (it stopped with a node that died and was
 * not started again yet). Waiting may bring it back; a connection to another node serves at once.
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

    /** The connection's node has no running member of the stream. */
    boolean noLocalMember() {
        return reason != null && reason.contains("replica on the local node");
    }

    /** Worth trying again on a new channel of the same connection. */
    boolean transientOnStream() {
        if (connectionGone) return false;
        return noLocalMember() || (replyCode != NOT_FOUND && replyCode != ACCESS_REFUSED && replyCode != PRECONDITION_FAILED);
    }

    /** Worth trying on a connection to another node: this one is gone, or its node holds no member. */
    boolean anotherNodeMayServe() {
        return connectionGone || noLocalMember();
    }

    @Override
    public String toString() {
        return replyCode == 0 ? reason : reason + " (" + replyCode + ")";
    }
}
