package dev.bloodbank.engine;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The headers of a message moved to a retry queue or the dead-letter queue: its own headers, the
 * attempt count, the failure, and where it came from. The origin is written once, on the first
 * move: after a retry the message arrives from the default exchange, which says nothing useful.
 * The RabbitMQ runtime and the in-memory test driver both write exactly these.
 */
public final class FailureHeaders {

    /** The broker's own dead-lettering record; ours is the attempt header, so these are dropped. */
    private static final List<String> BROKER_DEATH_HEADERS = List.of(
            "x-death", "x-first-death-exchange", "x-first-death-queue", "x-first-death-reason",
            "x-last-death-exchange", "x-last-death-queue", "x-last-death-reason");

    private FailureHeaders() {}

    /** Headers for the copy sent to a retry queue: no stack trace, the retry is not the end. */
    public static Map<String, Object> forRetry(Map<String, Object> original, String exchange, String routingKey,
            String queue, String service, int nextAttempt, Failure failure) {
        Map<String, Object> headers = copy(original);
        headers.put(Headers.ATTEMPT, nextAttempt);
        putFailure(headers, failure, false);
        putOrigin(headers, exchange, routingKey, queue, service);
        return headers;
    }

    /** Headers for the copy sent to the dead-letter queue, with the bounded stack trace and the time of failure. */
    public static Map<String, Object> forDeadLetter(Map<String, Object> original, String exchange, String routingKey,
            String queue, String service, int attempts, Failure failure, Instant failedAt) {
        Map<String, Object> headers = copy(original);
        headers.put(Headers.ATTEMPT, attempts);
        putFailure(headers, failure, true);
        putOrigin(headers, exchange, routingKey, queue, service);
        headers.put(Headers.FAILED_AT, failedAt.truncatedTo(ChronoUnit.MILLIS).toString());
        return headers;
    }

    private static Map<String, Object> copy(Map<String, Object> original) {
        Map<String, Object> headers = original == null ? new HashMap<>() : new HashMap<>(original);
        BROKER_DEATH_HEADERS.forEach(headers::remove);
        return headers;
    }

    private static void putFailure(Map<String, Object> headers, Failure failure, boolean withStackTrace) {
        headers.put(Headers.REASON, failure.reason().wire());
        put(headers, Headers.ERROR_CLASS, failure.errorClass());
        put(headers, Headers.ERROR_MESSAGE, failure.message());
        put(headers, Headers.STACK_TRACE, withStackTrace ? failure.stackTrace() : null);
    }

    private static void putOrigin(Map<String, Object> headers, String exchange, String routingKey, String queue, String service) {
        headers.put(Headers.ORIGINAL_QUEUE, queue);
        headers.put(Headers.SERVICE, service);
        headers.putIfAbsent(Headers.ORIGINAL_EXCHANGE, exchange);
        headers.putIfAbsent(Headers.ORIGINAL_ROUTING_KEY, routingKey);
    }

    private static void put(Map<String, Object> headers, String name, String value) {
        if (value == null) headers.remove(name);
        else headers.put(name, value);
    }
}
