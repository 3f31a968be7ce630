package dev.bloodbank.testing;

import dev.bloodbank.envelope.Envelope;
import dev.bloodbank.envelope.EnvelopeCodec;
import dev.bloodbank.envelope.EnvelopeDecodingException;
import dev.bloodbank.engine.Headers;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * A message as it sits in a queue of the driver: the exchange and routing key it was published
 * with, its body exactly as sent, and its AMQP headers (the same names the runtime uses, {@link Headers}).
 */
public record QueuedMessage(String queue, String exchange, String routingKey, byte[] body, Map<String, Object> headers) {

    public QueuedMessage {
        headers = Map.copyOf(headers);
    }

    /** The body decoded as an envelope. */
    public Envelope envelope() {
        try {
            return EnvelopeCodec.standard().decode(body);
        } catch (EnvelopeDecodingException e) {
            throw new IllegalStateException("the message in " + queue + " is not an envelope: " + e.getMessage(), e);
        }
    }

    /** The body as UTF-8 text, for messages that are not envelopes. */
    public String text() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** A header as text, or null when absent. */
    public String header(String name) {
        Object value = headers.get(name);
        return value == null ? null : value.toString();
    }
}
