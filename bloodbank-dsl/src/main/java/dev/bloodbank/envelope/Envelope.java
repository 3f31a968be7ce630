package dev.bloodbank.envelope;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One event or command on the wire, field for field the envelope the ecosystem's Python producers
 * publish. {@code extensions} keeps the top-level fields this version does not know (a newer
 * producer's {@code trace_parent}, say), so reading and re-publishing an envelope loses nothing.
 */
public record Envelope(
        UUID eventId,
        String eventType,
        Instant timestamp,
        String version,
        Source source,
        List<UUID> correlationIds,
        JsonNode agentContext,
        JsonNode payload,
        Map<String, JsonNode> extensions) {

    public Envelope {
        if (eventId == null) throw new IllegalArgumentException("event_id is null");
        if (eventType == null) throw new IllegalArgumentException("event_type is null");
        if (timestamp == null) throw new IllegalArgumentException("timestamp is null");
        if (source == null) throw new IllegalArgumentException("source is null");
        if (payload == null) throw new IllegalArgumentException("payload is null");
        correlationIds = correlationIds == null ? List.of() : List.copyOf(correlationIds);
        // Insertion order is kept so that re-publishing writes unknown fields where they were.
        extensions = extensions == null || extensions.isEmpty()
                ? Map.of()
                : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(extensions));
    }
}
