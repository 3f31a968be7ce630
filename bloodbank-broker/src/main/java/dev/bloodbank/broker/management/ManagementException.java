package dev.bloodbank.broker.management;

/**
 * The broker could not be reached or refused a request. The message is one line for people:
 * what failed, against which (redacted) address, and what to check; it never carries credentials.
 */
public final class ManagementException extends RuntimeException {

    /** Why a request failed, so that callers can react (a refused delete is not an outage). */
    public enum Reason {
        /** No answer: connection refused, timeout, DNS. */
        UNREACHABLE,
        /** 401/403: the credentials or their permissions were refused. */
        UNAUTHORIZED,
        /** 404: the vhost or object does not exist. */
        NOT_FOUND,
        /** The broker refused because of a precondition: a queue not empty or in use. */
        PRECONDITION_FAILED,
        /** Any other refusal (400, 5xx). */
        REJECTED
    }

    private final Reason reason;
    private final int status;

    public ManagementException(Reason reason, int status, String message) {
        super(message);
        this.reason = reason;
        this.status = status;
    }

    public ManagementException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
        this.status = 0;
    }

    public Reason reason() {
        return reason;
    }

    /** The HTTP status, 0 when there was no answer. */
    public int status() {
        return status;
    }
}
