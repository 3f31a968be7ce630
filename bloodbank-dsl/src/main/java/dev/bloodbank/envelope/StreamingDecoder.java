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
        try (JsonParser p = treeReader.createParser(body)) {
            return p.nextToken() == JsonToken.START_OBJECT ? envelope(p) : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private Envelope envelope(JsonParser p) throws IOException {
        UUID eventId = null;
        String eventType = null;
        Instant timestamp = null;
        String version = null;
        Source source = null;
        List<UUID> correlationIds = List.of();
        JsonNode agentContext = null;
        JsonNode payload = null;
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
                case EnvelopeCodec.PAYLOAD -> payload = tree(p, value);
                default -> {
                    if (extensions == null) extensions = new LinkedHashMap<>();
                    extensions.put(name, tree(p, value));
                }
            }
        }
        // the tree reading's own rules: it finds nothing wrong with these exactly when all are set
        if (eventId == null || eventType == null || eventType.isBlank() || timestamp == null || version == null
                || source == null || payload == null)
            return null;
        return new Envelope(eventId, eventType, timestamp, version, source, correlationIds, agentContext, payload,
                extensions == null ? Map.of() : extensions);
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
