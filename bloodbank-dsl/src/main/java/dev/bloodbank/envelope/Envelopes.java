package dev.bloodbank.envelope;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Makes new envelopes for publishers: a fresh id, the current time, version {@value #VERSION}. */
public final class Envelopes {

    /** The envelope version this library writes. */
    public static final String VERSION = "1.0.0";

    private Envelopes() {}

    /** A new envelope with no correlation. */
    public static Envelope create(String key, JsonNode payload, Source source) {
        return create(key, payload, source, List.of());
    }

    /**
     * A new envelope. The timestamp is cut to microseconds, the precision Python's datetime keeps,
     * so an envelope read and re-published by a Python service keeps its exact timestamp.
     */
    public static Envelope create(String key, JsonNode payload, Source source, List<UUID> correlationIds) {
        return create(key, payload, source, correlationIds, Instant.now());
    }

    /** A new envelope stamped {@code timestamp} (cut to microseconds): from a clock that is not the system's. */
    public static Envelope create(String key, JsonNode payload, Source source, List<UUID> correlationIds, Instant timestamp) {
        if (key == null || key.isBlank()) throw new IllegalArgumentException("event key is empty");
        if (payload == null) throw new IllegalArgumentException("payload of " + key + " is null");
        if (source == null) throw new IllegalArgumentException("source of " + key + " is null");
        if (timestamp == null) throw new IllegalArgumentException("timestamp of " + key + " is null");
        return new Envelope(EventIds.next(), key, timestamp.truncatedTo(ChronoUnit.MICROS), VERSION,
                source, correlationIds, null, payload, Map.of());
    }
}
