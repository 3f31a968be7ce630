package dev.bloodbank.broker.runtime;

import com.rabbitmq.client.AMQP;
import dev.bloodbank.engine.Failure;
import dev.bloodbank.engine.Headers;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * The headers of a message moved to a retry queue or the dead-letter queue: its own headers, the
 * attempt count, the failure, and where it came from. The origin is written once, on the first
 * move: after a retry the message arrives from the default exchange, which says nothing useful.
 */
final class FailureHeaders {

    private FailureHeaders() {}

    static AMQP.BasicProperties forRetry(AMQP.BasicProperties original, com.rabbitmq.client.Envelope delivered,
            String queue, String service, int nextAttempt, Failure failure) {
        Map<String, Object> headers = copy(original);
        headers.put(Headers.ATTEMPT, nextAttempt);
        putFailure(headers, failure, false);
        putOrigin(headers, delivered, queue, service);
        return original.builder().headers(headers).expiration(null).build();
    }

    static AMQP.BasicProperties forDeadLetter(AMQP.BasicProperties original, com.rabbitmq.client.Envelope delivered,
            String queue, String service, int attempts, Failure failure) {
        Map<String, Object> headers = copy(original);
        headers.put(Headers.ATTEMPT, attempts);
        putFailure(headers, failure, true);
        putOrigin(headers, delivered, queue, service);
        headers.put(Headers.FAILED_AT, Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS).toString());
        // Persist even when a producer sent it transient: a dead letter is kept for a human.
        return original.builder().headers(headers).expiration(null).deliveryMode(AmqpMessages.PERSISTENT).build();
    }

    private static Map<String, Object> copy(AMQP.BasicProperties original) {
        Map<String, Object> headers = new HashMap<>();
        if (original.getHeaders() != null) headers.putAll(original.getHeaders());
        // x-death describes the broker's view of the retry hops; ours is the attempt header.
        headers.remove("x-death");
        headers.remove("x-first-death-exchange");
        headers.remove("x-first-death-queue");
        headers.remove("x-first-death-reason");
        headers.remove("x-last-death-exchange");
        headers.remove("x-last-death-queue");
        headers.remove("x-last-death-reason");
        return headers;
    }

    private static void putFailure(Map<String, Object> headers, Failure failure, boolean withStackTrace) {
        headers.put(Headers.REASON, failure.reason().wire());
        put(headers, Headers.ERROR_CLASS, failure.errorClass());
        put(headers, Headers.ERROR_MESSAGE, failure.message());
        if (withStackTrace) put(headers, Headers.STACK_TRACE, failure.stackTrace());
        else headers.remove(Headers.STACK_TRACE);
    }

    private static void putOrigin(Map<String, Object> headers, com.rabbitmq.client.Envelope delivered, String queue, String service) {
        headers.put(Headers.ORIGINAL_QUEUE, queue);
        headers.put(Headers.SERVICE, service);
        headers.putIfAbsent(Headers.ORIGINAL_EXCHANGE, delivered.getExchange());
        headers.putIfAbsent(Headers.ORIGINAL_ROUTING_KEY, delivered.getRoutingKey());
    }

    private static void put(Map<String, Object> headers, String name, String value) {
        if (value == null) headers.remove(name);
        else headers.put(name, value);
    }
}
