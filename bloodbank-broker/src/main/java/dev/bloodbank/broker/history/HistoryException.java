package dev.bloodbank.broker.history;

/** A history request that cannot be served, with a message fit to show a user as it is. */
public final class HistoryException extends RuntimeException {

    private final boolean anotherNodeMayServe;

    public HistoryException(String message) {
        this(message, null, false);
    }

    public HistoryException(String message, Throwable cause) {
        this(message, cause, false);
    }

    HistoryException(String message, Throwable cause, boolean anotherNodeMayServe) {
        super(message, cause);
        this.anotherNodeMayServe = anotherNodeMayServe;
    }

    /**
     * Whether the same request may succeed on a connection to another node of the cluster: the
     * broker closed this connection, or this node has no running member of the stream.
     */
    public boolean anotherNodeMayServe() {
        return anotherNodeMayServe;
    }
}
