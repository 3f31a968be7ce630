package dev.bloodbank.envelope;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * One event or command on the wire, field for field the envelope the ecosystem's Python producers
 * publish. {@code extensions} keeps the top-level fields this version does not know (a newer
 * producer's {@code trace_parent}, say), so reading and re-publishing an envelope loses nothing.
 *
 * <p>A value, compared field by field. It is a class rather than a record for one reason: its
 * payload may be held as bytes, with {@link #payload()} making the tree only when something asks
 * for it. An envelope the runtime reads for a handler that takes a record holds the bytes it came
 * in ({@link EnvelopeCodec#decodeForBinding}), bound and checked in one pass over them; one written
 * from a record ({@link EnvelopeCodec#write}) holds the bytes written, and encoding it again costs
 * a copy of them.
 */
public final class Envelope {

    private final UUID eventId;
    private final String eventType;
    private final Instant timestamp;
    private final String version;
    private final Source source;
    private final List<UUID> correlationIds;
    private final JsonNode agentContext;
    private final Map<String, JsonNode> extensions;
    /** The payload's tree; null while it is held only as {@link #payloadBytes}. */
    private volatile JsonNode payload;
    /** The payload as it came in, for an envelope read for binding; null otherwise. */
    private final PayloadBytes payloadBytes;
    /** The whole envelope's bytes, for one the codec wrote itself ({@link EnvelopeCodec#write}); null otherwise. */
    private final byte[] wire;

    /** The payload's JSON as it came in: a slice of the message body, and the reader that makes its tree. */
    record PayloadBytes(byte[] body, int offset, int length, com.fasterxml.jackson.databind.ObjectReader treeReader) {}

    public Envelope(UUID eventId, String eventType, Instant timestamp, String version, Source source,
            List<UUID> correlationIds, JsonNode agentContext, JsonNode payload, Map<String, JsonNode> extensions) {
        this(eventId, eventType, timestamp, version, source, correlationIds, agentContext, payload, null, extensions);
    }

    Envelope(UUID eventId, String eventType, Instant timestamp, String version, Source source,
            List<UUID> correlationIds, JsonNode agentContext, JsonNode payload, PayloadBytes payloadBytes,
            Map<String, JsonNode> extensions) {
        this(eventId, eventType, timestamp, version, source, correlationIds, agentContext, payload, payloadBytes, extensions,
                null);
    }

    private Envelope(UUID eventId, String eventType, Instant timestamp, String version, Source source,
            List<UUID> correlationIds, JsonNode agentContext, JsonNode payload, PayloadBytes payloadBytes,
            Map<String, JsonNode> extensions, byte[] wire) {
        if (eventId == null) throw new IllegalArgumentException("event_id is null");
        if (eventType == null) throw new IllegalArgumentException("event_type is null");
        if (timestamp == null) throw new IllegalArgumentException("timestamp is null");
        if (source == null) throw new IllegalArgumentException("source is null");
        if (payload == null && payloadBytes == null) throw new IllegalArgumentException("payload is null");
        this.eventId = eventId;
        this.eventType = eventType;
        this.timestamp = timestamp;
        this.version = version;
        this.source = source;
        this.correlationIds = correlationIds == null ? List.of() : List.copyOf(correlationIds);
        this.agentContext = agentContext;
        this.payload = payload;
        this.payloadBytes = payloadBytes;
        this.wire = wire;
        // Insertion order is kept so that re-publishing writes unknown fields where they were.
        this.extensions = extensions == null || extensions.isEmpty()
                ? Map.of()
                : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(extensions));
    }

    public UUID eventId() {
        return eventId;
    }

    public String eventType() {
        return eventType;
    }

    public Instant timestamp() {
        return timestamp;
    }

    public String version() {
        return version;
    }

    public Source source() {
        return source;
    }

    public List<UUID> correlationIds() {
        return correlationIds;
    }

    public JsonNode agentContext() {
        return agentContext;
    }

    /** The payload as a tree, made from the bytes it came in on first call when the envelope holds them. */
    public JsonNode payload() {
        JsonNode tree = payload;
        if (tree != null) return tree;
        synchronized (this) {
            if (payload == null) {
                try {
                    payload = payloadBytes.treeReader().readTree(payloadBytes.body(), payloadBytes.offset(), payloadBytes.length());
                } catch (IOException e) {
                    // the bytes were read whole when the envelope was decoded: they parse
                    throw new UncheckedIOException("the payload of " + eventId + " no longer parses", e);
                }
            }
            return payload;
        }
    }

    /** This envelope with its fields as they are, as written: its payload a slice of {@code wire}, the whole. */
    Envelope written(PayloadBytes payload, byte[] wire) {
        return new Envelope(eventId, eventType, timestamp, version, source, correlationIds, agentContext, null, payload,
                extensions, wire);
    }

    /** The bytes the codec wrote this envelope as, or null when it did not write it (do not modify them). */
    byte[] wire() {
        return wire;
    }

    /** The payload's bytes as they came in, or null when the envelope holds it as a tree only. */
    PayloadBytes payloadBytes() {
        return payloadBytes;
    }

    public Map<String, JsonNode> extensions() {
        return extensions;
    }

    @Override
    public boolean equals(Object o) {
        return o == this || o instanceof Envelope e
                && eventId.equals(e.eventId) && eventType.equals(e.eventType) && timestamp.equals(e.timestamp)
                && Objects.equals(version, e.version) && source.equals(e.source) && correlationIds.equals(e.correlationIds)
                && Objects.equals(agentContext, e.agentContext) && payload().equals(e.payload())
                && extensions.equals(e.extensions);
    }

    @Override
    public int hashCode() {
        return Objects.hash(eventId, eventType, timestamp, version, source, correlationIds, agentContext, payload(), extensions);
    }

    @Override
    public String toString() {
        return "Envelope[eventId=" + eventId + ", eventType=" + eventType + ", timestamp=" + timestamp + ", version="
                + version + ", source=" + source + ", correlationIds=" + correlationIds + ", agentContext=" + agentContext
                + ", payload=" + payload() + ", extensions=" + extensions + "]";
    }
}
