package dev.bloodbank.envelope;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Reads and writes the JSON envelope, field for field what the ecosystem's Python producers send.
 *
 * <p>Reading goes over the body's tokens once, the envelope's fields straight to values and the
 * payload into a tree, or, for a reader that binds it ({@link #decode(byte[], PayloadBinder)}),
 * into a value checked as it is bound, the tree made only when asked for; a body that is not a
 * regular envelope is read again as a whole tree, to say what is wrong with it. A record can be
 * written the same way, checked as it goes ({@link #write}). Writing streams the fields straight to a generator,
 * through an {@link ObjectWriter} so that Jackson's own buffer recycling applies as it does for
 * {@code writeValueAsBytes}. The mapper, its readers and the writer are built once, so the
 * per-message cost is parsing and printing. The mapper never leaves the codec: callers that want
 * the same payload conventions get a {@linkplain #newMapper() copy} they may configure freely.
 *
 * <p>Timestamps: both {@code 2026-11-27T10:15:30.123Z} and Python's {@code isoformat()}
 * ({@code 2026-11-27T10:15:30.123456+00:00}) are read; a timestamp without offset is taken as UTC.
 * Writing always produces UTC with {@code Z} and as many fraction digits as the instant needs
 * (0, 3, 6 or 9), so microseconds from Python survive a round trip.
 */
public final class EnvelopeCodec {

    static final String EVENT_ID = "event_id";
    static final String EVENT_TYPE = "event_type";
    static final String TIMESTAMP = "timestamp";
    static final String VERSION = "version";
    static final String SOURCE = "source";
    static final String CORRELATION_IDS = "correlation_ids";
    static final String AGENT_CONTEXT = "agent_context";
    static final String PAYLOAD = "payload";
    private static final Set<String> KNOWN = Set.of(
            EVENT_ID, EVENT_TYPE, TIMESTAMP, VERSION, SOURCE, CORRELATION_IDS, AGENT_CONTEXT, PAYLOAD);

    private static final EnvelopeCodec STANDARD = new EnvelopeCodec();

    private final ObjectMapper mapper;
    private final ObjectReader treeReader;
    private final StreamingDecoder streaming;
    private final ObjectWriter envelopeWriter;
    private final ObjectWriter checkedWriter;
    private final ObjectWriter payloadWriter;
    /** One reader per payload type, built on first use: binding never looks a type up twice. */
    private final ClassValue<ObjectReader> payloadReaders = new ClassValue<>() {
        @Override
        protected ObjectReader computeValue(Class<?> type) {
            return mapper.readerFor(type);
        }
    };

    private EnvelopeCodec() {
        // Payloads follow the ecosystem's wire format, the one the Python producers' Pydantic models
        // write: snake_case names (a record component mediaFile is media_file on the wire), ISO-8601
        // times, null fields left out. The DSL binds with a copy of this mapper, so a record published
        // through the Publisher and one published from a handler look the same on the wire.
        this.mapper = JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .defaultPropertyInclusion(JsonInclude.Value.construct(JsonInclude.Include.NON_NULL, JsonInclude.Include.USE_DEFAULTS))
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                // A newer producer may add payload fields; a consumer's record must not break on them.
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .addModule(new SimpleModule("bloodbank-envelope")
                        .addSerializer(Envelope.class, new WireSerializer())
                        .addSerializer(Checked.class, new CheckedSerializer()))
                .build();
        this.treeReader = mapper.reader();
        this.streaming = new StreamingDecoder(treeReader);
        // Typed, so the writer finds the wire serializer once here rather than on every message.
        this.envelopeWriter = mapper.writerFor(Envelope.class);
        this.checkedWriter = mapper.writerFor(Checked.class);
        this.payloadWriter = mapper.writer();
    }

    /** The shared codec; it is thread-safe. */
    public static EnvelopeCodec standard() {
        return STANDARD;
    }

    /**
     * A new mapper configured as this codec's own for payloads (snake_case, java.time, nulls left
     * out, unknown properties ignored). It is the caller's to configure: changing it leaves the
     * codec untouched. Make one per component, not per message: a copy starts with cold caches.
     */
    public ObjectMapper newMapper() {
        return mapper.copy();
    }

    // ---------------------------------------------------------------- decoding

    /** Reads a message body. */
    public Envelope decode(byte[] body) throws EnvelopeDecodingException {
        Envelope envelope = streaming.decode(body);
        return envelope != null ? envelope : decodeTree(body);
    }

    /**
     * Reads a message body for a handler that binds the payload to a type: as {@link #decode(byte[])},
     * but a payload that is an object is held as the bytes it came in until its tree is asked for,
     * so that {@link #payloadParser} can bind and check it in one pass.
     */
    public Envelope decodeForBinding(byte[] body) throws EnvelopeDecodingException {
        Envelope envelope = streaming.decode(body, true);
        return envelope != null ? envelope : decodeTree(body);
    }

    /** Binds a payload while the body is read. */
    @FunctionalInterface
    public interface PayloadBinder {
        /**
         * The payload of a message of {@code eventType} bound from {@code parser}, which is at the
         * payload's start, or null when it is not bound (then the parser may be left untouched, or
         * past the payload's end; anything else makes the body read again without binding).
         */
        Object bind(String eventType, JsonParser parser) throws IOException;
    }

    /** An envelope read for binding, and its payload when it was bound as the body was read (else null). */
    public record Decoded(Envelope envelope, Object payload) {}

    /**
     * Reads a message body for binding ({@link #decodeForBinding}) and, where the body names its
     * event type before its payload, binds the payload in the same pass with {@code binder}: one
     * parse of the body for the envelope, the payload's check and its value. When the binder fails
     * the body is read again without it.
     */
    public Decoded decode(byte[] body, PayloadBinder binder) throws EnvelopeDecodingException {
        Object[] bound = new Object[1];
        Envelope envelope = streaming.decode(body, true, binder, bound);
        return envelope != null ? new Decoded(envelope, bound[0]) : new Decoded(decodeForBinding(body), null);
    }

    /**
     * A parser over the payload's bytes as they came in, made by {@code reader} (so with its
     * factory's features), or null when the envelope holds its payload as a tree only.
     */
    public JsonParser payloadParser(Envelope envelope, ObjectReader reader) throws IOException {
        Envelope.PayloadBytes bytes = envelope.payloadBytes();
        return bytes == null ? null : reader.createParser(bytes.body(), bytes.offset(), bytes.length());
    }

    /** Reads a message body through a tree of all of it: slower, and exact about what is wrong. */
    Envelope decodeTree(byte[] body) throws EnvelopeDecodingException {
        JsonNode tree;
        try {
            tree = treeReader.readTree(body);
        } catch (JsonProcessingException e) {
            throw EnvelopeDecodingException.notJson(e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw EnvelopeDecodingException.notJson(e.getMessage(), e);
        }
        if (tree == null || tree.isMissingNode()) throw EnvelopeDecodingException.notJson("the body is empty", null);
        return fromTree(tree);
    }

    /** Reads an envelope from JSON text. */
    public Envelope decode(String json) throws EnvelopeDecodingException {
        return decode(json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** Reads an envelope from an already parsed tree. */
    public Envelope fromTree(JsonNode tree) throws EnvelopeDecodingException {
        if (!tree.isObject()) throw EnvelopeDecodingException.notAnObject(tree.getNodeType().name().toLowerCase());
        UUID eventId = uuid(tree.get(EVENT_ID), EVENT_ID);
        String eventType = requiredText(tree, EVENT_TYPE);
        if (eventType.isBlank()) throw EnvelopeDecodingException.badField(EVENT_TYPE, "is empty");
        Instant timestamp = timestamp(requiredText(tree, TIMESTAMP));
        String version = requiredText(tree, VERSION);
        Source source = source(tree.get(SOURCE));
        List<UUID> correlationIds = correlationIds(tree.get(CORRELATION_IDS));
        JsonNode agentContext = nullToNull(tree.get(AGENT_CONTEXT));
        JsonNode payload = tree.get(PAYLOAD);
        if (payload == null) throw EnvelopeDecodingException.badField(PAYLOAD, "is missing");
        Map<String, JsonNode> extensions = Map.of();
        if (tree.size() > KNOWN.size() || !allKnown(tree)) {
            extensions = new LinkedHashMap<>();
            Iterator<Map.Entry<String, JsonNode>> fields = tree.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (!KNOWN.contains(field.getKey())) extensions.put(field.getKey(), field.getValue());
            }
        }
        return new Envelope(eventId, eventType, timestamp, version, source, correlationIds, agentContext, payload, extensions);
    }

    private static boolean allKnown(JsonNode tree) {
        Iterator<String> names = tree.fieldNames();
        while (names.hasNext()) if (!KNOWN.contains(names.next())) return false;
        return true;
    }

    private static String requiredText(JsonNode tree, String field) throws EnvelopeDecodingException {
        JsonNode value = tree.get(field);
        if (value == null || value.isNull()) throw EnvelopeDecodingException.badField(field, "is missing");
        if (!value.isTextual()) throw EnvelopeDecodingException.badField(field, "must be a string, was " + value);
        return value.textValue();
    }

    private static UUID uuid(JsonNode value, String field) throws EnvelopeDecodingException {
        if (value == null || value.isNull()) throw EnvelopeDecodingException.badField(field, "is missing");
        if (!value.isTextual()) throw EnvelopeDecodingException.badField(field, "must be a UUID string, was " + value);
        try {
            return UUID.fromString(value.textValue());
        } catch (IllegalArgumentException e) {
            throw EnvelopeDecodingException.badField(field, "is not a UUID: '" + value.textValue() + "'");
        }
    }

    /** Parses both ISO-8601 forms the producers write; a local time (no offset) is read as UTC. */
    static Instant parseTimestamp(String text) {
        Instant canonical = Timestamps.parseUtc(text);
        if (canonical != null) return canonical;
        if (text.endsWith("Z") || text.endsWith("z")) return Instant.parse(text.toUpperCase());
        try {
            return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
        } catch (DateTimeException withoutOffset) {
            return LocalDateTime.parse(text, DateTimeFormatter.ISO_LOCAL_DATE_TIME).toInstant(ZoneOffset.UTC);
        }
    }

    private static Instant timestamp(String text) throws EnvelopeDecodingException {
        try {
            return parseTimestamp(text);
        } catch (DateTimeException e) {
            throw EnvelopeDecodingException.badField(TIMESTAMP,
                    "is not an ISO-8601 date-time: '" + text + "' (expected e.g. 2026-11-27T10:15:30.123Z)");
        }
    }

    private static Source source(JsonNode value) throws EnvelopeDecodingException {
        if (value == null || value.isNull()) throw EnvelopeDecodingException.badField(SOURCE, "is missing");
        if (!value.isObject()) throw EnvelopeDecodingException.badField(SOURCE, "must be an object, was " + value);
        return new Source(optionalText(value, "host"), optionalText(value, "type"), optionalText(value, "app"),
                nullToNull(value.get("meta")));
    }

    private static String optionalText(JsonNode source, String field) throws EnvelopeDecodingException {
        JsonNode value = source.get(field);
        if (value == null || value.isNull()) return null;
        if (!value.isTextual())
            throw EnvelopeDecodingException.badField(SOURCE + "." + field, "must be a string, was " + value);
        return value.textValue();
    }

    private static List<UUID> correlationIds(JsonNode value) throws EnvelopeDecodingException {
        if (value == null || value.isNull()) return List.of();
        if (!value.isArray())
            throw EnvelopeDecodingException.badField(CORRELATION_IDS, "must be an array of UUIDs, was " + value);
        List<UUID> ids = new ArrayList<>(value.size());
        for (int i = 0; i < value.size(); i++) ids.add(uuid(value.get(i), CORRELATION_IDS + "[" + i + "]"));
        return ids;
    }

    private static JsonNode nullToNull(JsonNode value) {
        return value == null || value.isNull() ? null : value;
    }

    // ---------------------------------------------------------------- encoding

    /** Writes the envelope as UTF-8 JSON, known fields first in the Python order, then the extensions. */
    public byte[] encode(Envelope envelope) {
        // an envelope this codec wrote keeps its bytes: the same as writing it again, for a copy's cost
        byte[] written = envelope.wire();
        if (written != null) return written.clone();
        // writeValueAsBytes takes its output segments from Jackson's recycled buffers, so a
        // message allocates little more than its final byte array.
        try {
            return envelopeWriter.writeValueAsBytes(envelope);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot write envelope " + envelope.eventId(), e);
        }
    }

    /**
     * Checks a payload while {@link #write(Envelope, Object, PayloadCheck)} writes it: it is given
     * the generator the payload is about to be written to and returns the one to write through,
     * then says whether what went through passed. One per message.
     */
    public interface PayloadCheck {
        JsonGenerator watch(JsonGenerator payloadGenerator);

        boolean passed();
    }

    /**
     * The envelope {@code head} with {@code payload} (a record or a map) in place of its payload,
     * written straight from the value through the generator {@code check} gives: one pass, no
     * tree. The envelope returned keeps the bytes written, so {@link #encode(Envelope)} of it costs
     * a copy, and its payload as a slice of them, made into a tree only when asked for. Null when
     * the check did not pass what went through, or the value could not be written; nothing is
     * reported yet: the caller goes the tree's way ({@link #payloadTree}), which validates it
     * exactly and says where it breaks its schema. {@code head.payload()} is not written.
     */
    public Envelope write(Envelope head, Object payload, PayloadCheck check) {
        if (payload == null) throw new IllegalArgumentException("payload is null; send an empty object instead");
        Checked checked = new Checked(head, payload, check);
        byte[] body;
        try {
            body = checkedWriter.writeValueAsBytes(checked);
        } catch (JsonProcessingException e) {
            return null; // a value Jackson cannot write: the tree's way says so as it always has
        }
        if (!check.passed() || checked.start < 0 || checked.end <= checked.start || checked.end > body.length) return null;
        return head.written(new Envelope.PayloadBytes(body, checked.start, checked.end - checked.start, treeReader), body);
    }

    /** What {@link #write} writes, and where the payload landed in the bytes. */
    private static final class Checked {
        final Envelope head;
        final Object payload;
        final PayloadCheck check;
        int start = -1, end = -1;

        Checked(Envelope head, Object payload, PayloadCheck check) {
            this.head = head;
            this.payload = payload;
            this.check = check;
        }
    }

    /** How many bytes the generator has written so far, or -1 when it does not write into a byte builder. */
    private static int position(JsonGenerator g) {
        return g.getOutputTarget() instanceof com.fasterxml.jackson.core.util.ByteArrayBuilder bytes
                ? bytes.size() + g.getOutputBuffered() : -1;
    }

    /** The wire form of an envelope, for the codec's writer. */
    private final class WireSerializer extends StdSerializer<Envelope> {
        WireSerializer() {
            super(Envelope.class);
        }

        @Override
        public void serialize(Envelope envelope, JsonGenerator g, SerializerProvider provider) throws IOException {
            write(envelope, g, null, provider);
        }
    }

    /** The wire form of an envelope whose payload is written from a value, through its check. */
    private final class CheckedSerializer extends StdSerializer<Checked> {
        CheckedSerializer() {
            super(Checked.class);
        }

        @Override
        public void serialize(Checked checked, JsonGenerator g, SerializerProvider provider) throws IOException {
            write(checked.head, g, checked, provider);
        }
    }

    /** The envelope as JSON text. */
    public String toJson(Envelope envelope) {
        return new String(encode(envelope), java.nio.charset.StandardCharsets.UTF_8);
    }

    /** The envelope as a JSON tree (for printing and comparing; the wire path uses {@link #encode}). */
    public ObjectNode toTree(Envelope envelope) {
        try {
            return (ObjectNode) treeReader.readTree(encode(envelope));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void write(Envelope e, JsonGenerator g, Checked checked, SerializerProvider provider) throws IOException {
        g.writeStartObject();
        g.writeStringField(EVENT_ID, e.eventId().toString());
        g.writeStringField(EVENT_TYPE, e.eventType());
        g.writeStringField(TIMESTAMP, formatTimestamp(e.timestamp()));
        g.writeStringField(VERSION, e.version());
        g.writeObjectFieldStart(SOURCE);
        Source s = e.source();
        g.writeStringField("host", s.host());
        g.writeStringField("type", s.type());
        g.writeStringField("app", s.app());
        g.writeFieldName("meta");
        writeTree(g, s.meta());
        g.writeEndObject();
        g.writeArrayFieldStart(CORRELATION_IDS);
        for (UUID id : e.correlationIds()) g.writeString(id.toString());
        g.writeEndArray();
        g.writeFieldName(AGENT_CONTEXT);
        writeTree(g, e.agentContext());
        g.writeFieldName(PAYLOAD);
        if (checked == null) {
            writeTree(g, e.payload());
        } else {
            int afterName = position(g);
            provider.defaultSerializeValue(checked.payload, checked.check.watch(g));
            // no pretty printer: the value begins one byte (the colon) after its name
            checked.start = afterName < 0 ? -1 : afterName + 1;
            checked.end = position(g);
        }
        for (Map.Entry<String, JsonNode> extension : e.extensions().entrySet()) {
            g.writeFieldName(extension.getKey());
            writeTree(g, extension.getValue());
        }
        g.writeEndObject();
    }

    /**
     * Writes a tree straight to the generator. The mapper's {@code writeTree} would do the same
     * through a serializer provider made for each call; the payload is most of every message.
     */
    private void writeTree(JsonGenerator g, JsonNode node) throws IOException {
        if (node == null) {
            g.writeNull();
            return;
        }
        switch (node.getNodeType()) {
            case OBJECT -> {
                g.writeStartObject();
                Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
                while (fields.hasNext()) {
                    Map.Entry<String, JsonNode> field = fields.next();
                    g.writeFieldName(field.getKey());
                    writeTree(g, field.getValue());
                }
                g.writeEndObject();
            }
            case ARRAY -> {
                g.writeStartArray();
                for (int i = 0; i < node.size(); i++) writeTree(g, node.get(i));
                g.writeEndArray();
            }
            case STRING -> g.writeString(node.textValue());
            case BOOLEAN -> g.writeBoolean(node.booleanValue());
            case NULL, MISSING -> g.writeNull();
            case NUMBER -> {
                switch (node.numberType()) {
                    case INT -> g.writeNumber(node.intValue());
                    case LONG -> g.writeNumber(node.longValue());
                    case BIG_INTEGER -> g.writeNumber(node.bigIntegerValue());
                    case FLOAT -> g.writeNumber(node.floatValue());
                    case DOUBLE -> g.writeNumber(node.doubleValue());
                    default -> g.writeNumber(node.decimalValue());
                }
            }
            // Binary and POJO nodes never come from parsing JSON; Jackson knows how to write them.
            default -> mapper.writeTree(g, node);
        }
    }

    /** UTC, {@code Z}, fraction digits in groups of three as needed: the form every producer reads. */
    public static String formatTimestamp(Instant timestamp) {
        String canonical = Timestamps.formatUtc(timestamp);
        return canonical != null ? canonical : DateTimeFormatter.ISO_INSTANT.format(timestamp);
    }

    // ---------------------------------------------------------------- payloads

    /** Binds a payload to a user type (a record, usually). */
    public <T> T payloadAs(JsonNode payload, Class<T> type) {
        try {
            return payloadReaders.get(type).readValue(payload);
        } catch (IOException e) {
            throw new IllegalArgumentException("payload does not bind to " + type.getName() + ": " + e.getMessage(), e);
        }
    }

    /** Turns a payload given as a record, a map or a tree into the tree that is validated and sent. */
    public JsonNode payloadTree(Object payload) {
        if (payload == null) throw new IllegalArgumentException("payload is null; send an empty object instead");
        if (payload instanceof JsonNode node) return node;
        return valueToTree(payloadWriter, mapper, payload);
    }

    /**
     * What {@code mapper.valueToTree(value)} gives, in one pass instead of two: the value's
     * serializers write straight into a tree ({@link TreeGenerator}). A value whose serializers
     * write something a plain tree cannot hold (raw JSON, say) takes {@code valueToTree}.
     */
    static JsonNode valueToTree(ObjectWriter writer, ObjectMapper mapper, Object value) {
        TreeGenerator tree = new TreeGenerator(mapper, mapper.getNodeFactory());
        try {
            writer.writeValue(tree, value);
            return tree.root();
        } catch (TreeGenerator.Unsupported e) {
            return mapper.valueToTree(value);
        } catch (IOException e) {
            // a serializer wraps what it met below the root with the path to it
            for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause())
                if (cause instanceof TreeGenerator.Unsupported) return mapper.valueToTree(value);
            throw new IllegalArgumentException(e.getMessage(), e); // what valueToTree throws
        }
    }

    /** Reads JSON text (a payload typed by a user, say) into a tree. */
    public JsonNode readTree(String json) throws EnvelopeDecodingException {
        try {
            return treeReader.readTree(json);
        } catch (JsonProcessingException e) {
            throw EnvelopeDecodingException.notJson(e.getOriginalMessage(), e);
        }
    }
}
