package dev.bloodbank.broker.runtime;

import dev.bloodbank.engine.Headers;
import dev.bloodbank.envelope.Envelope;
import dev.bloodbank.envelope.EnvelopeCodec;
import dev.bloodbank.envelope.EnvelopeDecodingException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

/**
 * A message in a dead-letter queue as people look at it: its id and type from the AMQP
 * properties, the failure from our headers (every header kept, as text), and the body untouched.
 */
public record DeadLetter(String messageId, String type, Map<String, String> headers, byte[] body) {

    public DeadLetter {
        headers = Map.copyOf(headers);
    }

    /** handler-failed, invalid-json, invalid-envelope, schema-violation, unknown-type; "unknown" when absent. */
    public String reason() {
        return headers.getOrDefault(Headers.REASON, "unknown");
    }

    public String errorClass() {
        return headers.get(Headers.ERROR_CLASS);
    }

    public String errorMessage() {
        return headers.get(Headers.ERROR_MESSAGE);
    }

    public String stackTrace() {
        return headers.get(Headers.STACK_TRACE);
    }

    /** Deliveries made before it was dead-lettered; 0 when the header is missing. */
    public int attempts() {
        try {
            return Integer.parseInt(headers.getOrDefault(Headers.ATTEMPT, "0"));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    public String originalQueue() {
        return headers.get(Headers.ORIGINAL_QUEUE);
    }

    public String originalRoutingKey() {
        return headers.get(Headers.ORIGINAL_ROUTING_KEY);
    }

    public String failedAt() {
        return headers.get(Headers.FAILED_AT);
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** The body as an envelope, when it is one. */
    public Optional<Envelope> envelope() {
        try {
            return Optional.of(EnvelopeCodec.standard().decode(body));
        } catch (EnvelopeDecodingException e) {
            return Optional.empty();
        }
    }
}
