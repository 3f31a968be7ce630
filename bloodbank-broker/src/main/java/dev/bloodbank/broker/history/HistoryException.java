package dev.bloodbank.broker.history;

/** A history request that cannot be served, with a message fit to show a user as it is. */
public final class HistoryException extends RuntimeException {

    public HistoryException(String message) {
        super(message);
    }

    public HistoryException(String message, Throwable cause) {
        super(message, cause);
    }
}
