package dev.bloodbank.engine;

import dev.bloodbank.envelope.Envelope;
import dev.bloodbank.envelope.EnvelopeCodec;
import dev.bloodbank.envelope.EnvelopeDecodingException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A message in a dead-letter queue, with why it is there. The one reading of the failure headers
 * ({@link FailureHeaders}): the RabbitMQ runtime's {@code DeadLetterQueue}, {@code bloodbank dlq}
 * and the test driver all report dead letters with it.
 *
 * <p>A dead-letter queue may hold messages that Bloodbank did not put there (moved by hand, by a
 * shovel, by another application), so nothing here throws on a missing or malformed header:
 * <ul>
 *   <li>{@link #reason()} is {@value #UNKNOWN_REASON} when the reason header is missing or blank;</li>
 *   <li>{@link #attempts()} is 0 when the attempt header is missing or not a positive whole number:
 *       every real delivery counts at least 1, so 0 can only mean "not counted";</li>
 *   <li>every other failure header reads as null when missing;</li>
 *   <li>{@link #envelope()} is empty when the body is not an envelope.</li>
 * </ul>
 *
 * @param queue     the dead-letter queue it sits in
 * @param messageId the AMQP {@code message_id}, else the envelope's {@code event_id}; null when neither is there
 * @param type      the AMQP {@code type}, else the envelope's {@code event_type}; null when neither is there
 * @param headers   every header as text, sorted by name, without the broker's structured {@code x-death} record
 * @param body      the body exactly as it was dead-lettered
 */
public record DeadLetter(String queue, String messageId, String type, Map<String, String> headers, byte[] body) {

    /** The reason of a dead letter whose reason header is missing. */
    public static final String UNKNOWN_REASON = "unknown";

    public DeadLetter {
        headers = headers == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(headers));
        body = body == null ? new byte[0] : body;
    }

    /**
     * Reads a dead letter from what a transport holds: the AMQP message id and type (null when the
     * message had none), its headers as they arrived (values of any type) and its body.
     */
    public static DeadLetter read(String queue, String messageId, String type, Map<String, ?> headers, byte[] body) {
        Map<String, String> text = new TreeMap<>();
        if (headers != null) {
            headers.forEach((name, value) -> {
                if (value != null && !name.equals("x-death")) text.put(name, value.toString());
            });
        }
        byte[] bytes = body == null ? new byte[0] : body;
        Optional<Envelope> envelope = decode(bytes);
        return new DeadLetter(queue,
                messageId != null ? messageId : envelope.map(e -> e.eventId().toString()).orElse(null),
                type != null ? type : envelope.map(Envelope::eventType).orElse(null),
                text, bytes);
    }

    /** A header as text, or null when absent. */
    public String header(String name) {
        return headers.get(name);
    }

    /** {@code handler-failed}, {@code invalid-json}, {@code invalid-envelope}, {@code schema-violation}, {@code unknown-type}; {@value #UNKNOWN_REASON} when absent. */
    public String reason() {
        String reason = headers.get(Headers.REASON);
        return reason == null || reason.isBlank() ? UNKNOWN_REASON : reason;
    }

    /** How many deliveries were tried before it was dead-lettered; 0 when not counted (see above). */
    public int attempts() {
        return FailureHeaders.attempt(headers).orElse(0);
    }

    public String errorClass() {
        return headers.get(Headers.ERROR_CLASS);
    }

    public String errorMessage() {
        return headers.get(Headers.ERROR_MESSAGE);
    }

    /** The stack trace of the last failure, bounded to {@value Headers#STACK_TRACE_LIMIT} characters. */
    public String stackTrace() {
        return headers.get(Headers.STACK_TRACE);
    }

    /** The work queue it failed on, where a replay sends it. */
    public String originalQueue() {
        return headers.get(Headers.ORIGINAL_QUEUE);
    }

    /** The exchange it was first published to. */
    public String originalExchange() {
        return headers.get(Headers.ORIGINAL_EXCHANGE);
    }

    /** The key it was first published with (in the dead-letter queue it is routed by its work queue's name). */
    public String originalRoutingKey() {
        return headers.get(Headers.ORIGINAL_ROUTING_KEY);
    }

    /** The service that failed to handle it. */
    public String service() {
        return headers.get(Headers.SERVICE);
    }

    /** When it was dead-lettered, as the ISO-8601 text of the header. */
    public String failedAt() {
        return headers.get(Headers.FAILED_AT);
    }

    /** The body as UTF-8 text, for messages that are not envelopes. */
    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** The body as an envelope, when it is one. */
    public Optional<Envelope> envelope() {
        return decode(body);
    }

    private static Optional<Envelope> decode(byte[] body) {
        try {
            return Optional.of(EnvelopeCodec.standard().decode(body));
        } catch (EnvelopeDecodingException notAnEnvelope) {
            return Optional.empty();
        }
    }
}
