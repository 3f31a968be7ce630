package dev.bloodbank.engine;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalInt;

/**
 * The failure headers of a message, written and read in one place. A message moved to a retry
 * queue or the dead-letter queue keeps its own headers and gains the attempt count, the failure and
 * where it came from. The origin is written once, on the first move: after a retry the message
 * arrives from the default exchange, which says nothing useful. The RabbitMQ runtime and the
 * in-memory test driver both write exactly these, {@link DeadLetter} reads them, and a replay
 * removes them again.
 */
public final class FailureHeaders {

    /** Every header of ours starts with this. */
    private static final String OURS = "x-bloodbank-";

    private FailureHeaders() {}

    /** Headers for the copy sent to a retry queue: no stack trace, the retry is not the end. */
    public static Map<String, Object> forRetry(Map<String, Object> original, String exchange, String routingKey,
            String queue, String service, int nextAttempt, Failure failure) {
        Map<String, Object> headers = withoutBrokerDeath(original);
        headers.put(Headers.ATTEMPT, nextAttempt);
        putFailure(headers, failure, false);
        putOrigin(headers, exchange, routingKey, queue, service);
        return headers;
    }

    /** Headers for the copy sent to the dead-letter queue, with the bounded stack trace and the time of failure. */
    public static Map<String, Object> forDeadLetter(Map<String, Object> original, String exchange, String routingKey,
            String queue, String service, int attempts, Failure failure, Instant failedAt) {
        Map<String, Object> headers = withoutBrokerDeath(original);
        headers.put(Headers.ATTEMPT, attempts);
        putFailure(headers, failure, true);
        putOrigin(headers, exchange, routingKey, queue, service);
        headers.put(Headers.FAILED_AT, failedAt.truncatedTo(ChronoUnit.MILLIS).toString());
        return headers;
    }

    /**
     * Headers for a dead letter sent back to work: a fresh start, without the failure, the attempt
     * count or the broker's record. Where it first came from stays, so that a second failure still
     * reports the real origin.
     */
    public static Map<String, Object> forReplay(Map<String, Object> deadLettered) {
        Map<String, Object> headers = withoutBrokerDeath(deadLettered);
        headers.keySet().removeIf(name -> name.startsWith(OURS)
                && !name.equals(Headers.ORIGINAL_EXCHANGE) && !name.equals(Headers.ORIGINAL_ROUTING_KEY));
        headers.replaceAll((name, value) -> name.startsWith(OURS) && value != null ? value.toString() : value);
        return headers;
    }

    /**
     * The attempt count our header carries, when it carries one: a positive whole number, as a
     * number or as text. Empty when the header is missing or holds anything else (a message moved
     * by hand or by another application), and never an exception: each reader decides what an
     * unknown count means.
     */
    public static OptionalInt attempt(Map<String, ?> headers) {
        Object value = headers == null ? null : headers.get(Headers.ATTEMPT);
        long count;
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            count = ((Number) value).longValue();
        } else if (value != null) {
            try {
                count = Long.parseLong(value.toString().trim());
            } catch (NumberFormatException notACount) {
                return OptionalInt.empty();
            }
        } else {
            return OptionalInt.empty();
        }
        return count >= 1 && count <= Integer.MAX_VALUE ? OptionalInt.of((int) count) : OptionalInt.empty();
    }

    /**
     * Whether the broker wrote this header when it dead-lettered a message itself ({@code x-death},
     * {@code x-first-death-*}, {@code x-last-death-*}). Ours is the attempt header, so these are
     * dropped on every move: {@code x-death} counts per queue and reason and would only mislead.
     */
    static boolean isBrokerDeath(String name) {
        return name.equals("x-death") || name.startsWith("x-first-death-") || name.startsWith("x-last-death-");
    }

    private static Map<String, Object> withoutBrokerDeath(Map<String, Object> original) {
        Map<String, Object> headers = original == null ? new HashMap<>() : new HashMap<>(original);
        headers.keySet().removeIf(FailureHeaders::isBrokerDeath);
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
