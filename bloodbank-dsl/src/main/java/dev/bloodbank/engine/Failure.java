package dev.bloodbank.engine;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Why a message could not be handled, in the form it travels in dead-letter headers. */
public record Failure(Reason reason, String errorClass, String message, String stackTrace) {

    /** The closed set of reasons a message leaves its work queue unhandled. */
    public enum Reason {
        HANDLER_FAILED("handler-failed"),
        INVALID_JSON("invalid-json"),
        INVALID_ENVELOPE("invalid-envelope"),
        SCHEMA_VIOLATION("schema-violation"),
        UNKNOWN_TYPE("unknown-type");

        private final String wire;

        Reason(String wire) {
            this.wire = wire;
        }

        public String wire() {
            return wire;
        }
    }

    public static Failure of(Reason reason, Throwable error) {
        return new Failure(reason, error.getClass().getName(), String.valueOf(error.getMessage()), boundedStackTrace(error));
    }

    public static Failure of(Reason reason, String message) {
        return new Failure(reason, null, message, null);
    }

    static String boundedStackTrace(Throwable error) {
        StringWriter text = new StringWriter();
        error.printStackTrace(new PrintWriter(text));
        String trace = text.toString();
        return trace.length() <= Headers.STACK_TRACE_LIMIT ? trace : trace.substring(0, Headers.STACK_TRACE_LIMIT);
    }
}
