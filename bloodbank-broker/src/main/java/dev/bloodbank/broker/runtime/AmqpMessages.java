package dev.bloodbank.broker.runtime;

import com.rabbitmq.client.AMQP;
import dev.bloodbank.envelope.Envelope;
import java.util.Date;
import java.util.Map;

/**
 * The AMQP properties of the messages the runtime sends. An envelope's mirror its fields so that
 * tools which never parse the body (the management UI, shovels, plain clients) still see what a
 * message is and who sent it; a moved message keeps the properties it arrived with.
 */
final class AmqpMessages {

    static final String CONTENT_TYPE = "application/json";
    static final int PERSISTENT = 2;

    private AmqpMessages() {}

    static AMQP.BasicProperties properties(Envelope envelope) {
        return properties(envelope, null);
    }

    static AMQP.BasicProperties properties(Envelope envelope, Map<String, Object> headers) {
        return new AMQP.BasicProperties.Builder()
                .contentType(CONTENT_TYPE)
                .contentEncoding("utf-8")
                .deliveryMode(PERSISTENT)
                .messageId(envelope.eventId().toString())
                .type(envelope.eventType())
                .timestamp(new Date(envelope.timestamp().toEpochMilli()))
                .appId(envelope.source().app())
                .headers(headers)
                .build();
    }

    /** A delivery's properties for its copy in a retry queue, with these headers ({@code FailureHeaders}). */
    static AMQP.BasicProperties retried(AMQP.BasicProperties original, Map<String, Object> headers) {
        // No per-message TTL: the retry queue's own TTL sets the delay.
        return original.builder().headers(headers).expiration(null).build();
    }

    /** A delivery's properties for its copy in the dead-letter queue, with these headers ({@code FailureHeaders}). */
    static AMQP.BasicProperties deadLettered(AMQP.BasicProperties original, Map<String, Object> headers) {
        return original.builder()
                .headers(headers)
                .expiration(null)
                // Persist even when a producer sent it transient: a dead letter is kept for a human.
                .deliveryMode(PERSISTENT)
                .build();
    }
}
