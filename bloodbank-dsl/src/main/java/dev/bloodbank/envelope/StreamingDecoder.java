package dev.bloodbank.envelope;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.NullNode;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Reads a well-formed envelope in one pass over the parser's tokens: the envelope's own fields
 * straight to values, only the payload (and agent context, source meta, extensions) into trees.
 * The codec's tree reading would first build a tree of the whole body and then look each field up
 * in it; on a delivery that is a fifth of the decoding.
 *
 * <p>It gives the same envelope as reading the tree, or nothing: anything irregular (a field of
 * the wrong type, a missing one, a bad UUID or timestamp, broken JSON) returns null, and the codec
 * reads the body again as a tree to say exactly what is wrong. So errors cost a second parse, and
 * their messages stay the tree reading's.
 */
final class StreamingDecoder {

    private final ObjectReader treeReader;

    StreamingDecoder(ObjectReader treeReader) {
        this.treeReader = treeReader;
    }

    /** The envelope, or null when the body is not a regular envelope (the tree reading says why). */
    Envelope decode(byte[] body) {
        return decode(body, false);
    }

    /**
     * As {@link #decode(byte[])}; with {@code payloadAsBytes}, a payload that is an object is only
     * skipped over and held as the bytes it came in, for a reader that binds and checks it in one
     * pass: its tree is made when someone asks for it. Skipping still reads every token, so broken
     * JSON there is found here as it would be by the tree reading.
     */
    Envelope decode(byte[] body, boolean payloadAsBytes) {
        return decode(body, payloadAsBytes, null, null);
    }

    /**
     * As {@link #decode(byte[], boolean)} with the payload held as bytes; when the body names its
     * event type before its payload, {@code binder} is given the parser at the payload's start,
     * and what it binds goes into {@code bound[0]}.
     */
    Envelope decode(byte[] body, boolean payloadAsBytes, EnvelopeCodec.PayloadBinder binder, Object[] bound) {
        try (JsonParser p = treeReader.createParser(body)) {
            return p.nextToken() == JsonToken.START_OBJECT ? envelope(p, payloadAsBytes ? body : null, binder, bound) : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private Envelope envelope(JsonParser p, byte[] keepPayloadOf, EnvelopeCodec.PayloadBinder binder, Object[] bound)
            throws IOException {
        UUID eventId = null;
        String eventType = null;
        Instant timestamp = null;
        String version = null;
        Source source = null;
        List<UUID> correlationIds = List.of();
        JsonNode agentContext = null;
        JsonNode payload = null;
        Envelope.PayloadBytes payloadBytes = null;
        Map<String, JsonNode> extensions = null;
        for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
            JsonToken value = p.nextToken();
            switch (name) {
                case EnvelopeCodec.EVENT_ID -> eventId = UUID.fromString(text(p, value));
                case EnvelopeCodec.EVENT_TYPE -> eventType = text(p, value);
                case EnvelopeCodec.TIMESTAMP -> timestamp = EnvelopeCodec.parseTimestamp(text(p, value));
                case EnvelopeCodec.VERSION -> version = text(p, value);
                case EnvelopeCodec.SOURCE -> source = source(p, value);
                case EnvelopeCodec.CORRELATION_IDS -> correlationIds = correlationIds(p, value);
                case EnvelopeCodec.AGENT_CONTEXT -> agentContext = value == JsonToken.VALUE_NULL ? null : tree(p, value);
                case EnvelopeCodec.PAYLOAD -> {
                    if (keepPayloadOf != null && value == JsonToken.START_OBJECT) {
                        payload = null;
                        payloadBytes = bytes(p, keepPayloadOf, binder == null ? null : eventType, binder, bound);
                    } else {
                        payload = tree(p, value);
                        payloadBytes = null;
                    }
                }
                default -> {
                    if (extensions == null) extensions = new LinkedHashMap<>();
                    extensions.put(name, tree(p, value));
                }
            }
        }
        // the tree reading's own rules: it finds nothing wrong with these exactly when all are set
        if (eventId == null || eventType == null || eventType.isBlank() || timestamp == null || version == null
                || source == null || (payload == null && payloadBytes == null))
            return null;
        return new Envelope(eventId, eventType, timestamp, version, source, correlationIds, agentContext, payload,
                payloadBytes, extensions == null ? Map.of() : extensions);
    }

    /**
     * The object at the parser, read by the binder when it binds this event type, else skipped
     * over: where it lies in the body.
     */
    private Envelope.PayloadBytes bytes(JsonParser p, byte[] body, String eventType, EnvelopeCodec.PayloadBinder binder,
            Object[] bound) throws IOException {
        long start = p.currentTokenLocation().getByteOffset();
        if (eventType != null) bound[0] = binder.bind(eventType, p);
        // a binder that did not take the payload left the parser at its start; one that did, past its end
        if (p.currentToken() == JsonToken.START_OBJECT && p.getParsingContext().getParent().getParent().inRoot())
            p.skipChildren();
        if (!p.getParsingContext().getParent().inRoot()) throw new Irregular(); // stopped inside it
        long end = p.currentLocation().getByteOffset();
        if (start < 0 || end <= start || end > body.length) throw new Irregular();
        return new Envelope.PayloadBytes(body, (int) start, (int) (end - start), treeReader);
    }

    /** A string value; anything else is irregular. */
    private static String text(JsonParser p, JsonToken value) throws IOException {
        if (value != JsonToken.VALUE_STRING) throw new Irregular();
        return p.getText();
    }

    private Source source(JsonParser p, JsonToken value) throws IOException {
        if (value != JsonToken.START_OBJECT) throw new Irregular();
        String host = null, type = null, app = null;
        JsonNode meta = null;
        for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
            JsonToken field = p.nextToken();
            switch (name) {
                case "host" -> host = optionalText(p, field);
                case "type" -> type = optionalText(p, field);
                case "app" -> app = optionalText(p, field);
                case "meta" -> meta = field == JsonToken.VALUE_NULL ? null : tree(p, field);
                default -> p.skipChildren();
            }
        }
        return new Source(host, type, app, meta);
    }

    private static String optionalText(JsonParser p, JsonToken value) throws IOException {
        return value == JsonToken.VALUE_NULL ? null : text(p, value);
    }

    private static List<UUID> correlationIds(JsonParser p, JsonToken value) throws IOException {
        if (value == JsonToken.VALUE_NULL) return List.of();
        if (value != JsonToken.START_ARRAY) throw new Irregular();
        List<UUID> ids = new ArrayList<>(2);
        for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) ids.add(UUID.fromString(text(p, t)));
        return ids;
    }

    /** The value at the parser as the tree reading would hold it. */
    private JsonNode tree(JsonParser p, JsonToken value) throws IOException {
        if (value == JsonToken.VALUE_NULL) return NullNode.getInstance();
        JsonNode node = treeReader.readTree(p);
        if (node == null) throw new Irregular();
        return node;
    }

    /** Not a regular envelope: the tree reading takes over. No stack trace: it only steers. */
    private static final class Irregular extends IOException {
        Irregular() {
            super(null, null);
        }

        @Override
        public synchronized Throwable fillInStackTrace() {
            return this;
        }
    }
}
