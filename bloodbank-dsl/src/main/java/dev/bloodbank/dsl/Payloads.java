package dev.bloodbank.dsl;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.bloodbank.envelope.EnvelopeCodec;
import java.io.IOException;
import java.util.Objects;

/**
 * How payloads turn into Java values and back, for one application. The default follows the wire
 * format of the ecosystem: snake_case property names ({@code media_file} binds to a record
 * component {@code mediaFile}), ISO-8601 times, null fields left out, and unknown properties
 * ignored when reading, so that a producer adding a field never breaks a consumer.
 */
public final class Payloads {

    // A copy of the codec's mapper: one definition of the wire format for the DSL and the Publisher
    // alike. Payloads never hands its mapper out, so every application can share this one.
    private static final Payloads DEFAULTS = new Payloads(EnvelopeCodec.standard().newMapper());

    private final ObjectMapper mapper;

    private Payloads(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** The ecosystem's defaults (see the class comment). */
    public static Payloads defaults() {
        return DEFAULTS;
    }

    /** Payloads read and written with the caller's mapper, as configured. */
    public static Payloads with(ObjectMapper mapper) {
        return new Payloads(Objects.requireNonNull(mapper, "mapper").copy());
    }

    /** A reader for one type, made once and reused for every message. */
    ObjectReader readerFor(Class<?> type) {
        return mapper.readerFor(type);
    }

    /** Binds a payload to a type; for tests and tools, not the per-message path (which keeps its reader). */
    public <T> T read(JsonNode payload, Class<T> type) {
        try {
            return mapper.readerFor(type).readValue(payload);
        } catch (IOException e) {
            throw new IllegalArgumentException("payload does not bind to " + type.getName() + ": " + reason(e), e);
        }
    }

    /** Jackson's own words, without the source excerpt it appends. */
    static String reason(IOException e) {
        return e instanceof JsonProcessingException j ? j.getOriginalMessage() : String.valueOf(e.getMessage());
    }

    /** The JSON form of a payload (a record, a map, or a JsonNode as it is). */
    public JsonNode tree(Object payload) {
        if (payload instanceof JsonNode node) return node;
        // the defaults are the codec's mapper, whose one-pass tree writing gives what valueToTree gives;
        // a mapper of the caller's may read trees its own way (big decimals for floats, say)
        if (this == DEFAULTS) return EnvelopeCodec.standard().payloadTree(payload);
        return mapper.valueToTree(payload);
    }
}
