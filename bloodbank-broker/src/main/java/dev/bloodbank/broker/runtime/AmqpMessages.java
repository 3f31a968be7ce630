package dev.bloodbank.broker.runtime;

import com.rabbitmq.client.AMQP;
import dev.bloodbank.envelope.Envelope;
import java.util.Date;
import java.util.Map;

/**
 * The AMQP properties of an envelope. They mirror its fields so that tools which never parse the
 * body (the management UI, shovels, plain clients) still see what a message is and who sent it.
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
}
