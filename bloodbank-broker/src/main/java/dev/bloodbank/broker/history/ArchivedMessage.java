package dev.bloodbank.broker.history;

import com.rabbitmq.client.AMQP;
import dev.bloodbank.envelope.Envelope;
import java.util.Optional;

/**
 * One message as the archive holds it: where it sits in the stream, how it was routed, its raw
 * body and properties (a replay resends them unchanged) and the envelope when the body is one.
 */
public record ArchivedMessage(long offset, String exchange, String routingKey, AMQP.BasicProperties properties, byte[] body,
        Optional<Envelope> envelope) {}
