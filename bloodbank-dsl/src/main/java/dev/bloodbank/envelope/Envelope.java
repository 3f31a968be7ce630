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
        correlationIds = List.copyOf(correlationIds);
        extensions = Map.copyOf(extensions);
    }
}
