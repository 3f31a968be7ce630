package dev.bloodbank.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonRawValue;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.bloodbank.envelope.Envelope;
import dev.bloodbank.envelope.EnvelopeCodec;
import dev.bloodbank.envelope.EnvelopeDecodingException;
import dev.bloodbank.envelope.Envelopes;
import dev.bloodbank.envelope.Source;
import dev.bloodbank.schema.CheckingGenerator;
import dev.bloodbank.schema.InvalidPayloadException;
import dev.bloodbank.schema.MessageSchema;
import dev.bloodbank.topology.CommandDefinition;
import dev.bloodbank.topology.Defaults;
import dev.bloodbank.topology.EventDefinition;
import dev.bloodbank.topology.Exchanges;
import dev.bloodbank.topology.Topology;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A record published goes straight to bytes, checked on the way: the body is the one the tree's
 * way writes, a payload that breaks its schema is refused with every violation as before, and
 * what the check does not follow takes the tree's way.
 */
@DisplayName("outgoing messages written straight from records")
class OutgoingMessagesTest {

    private static final EnvelopeCodec CODEC = EnvelopeCodec.standard();
    private static final String ANY = "test.anything.happened";
    private static final String STRICT = "test.item.listed";
    private static final Source SOURCE = Source.service("outgoing-test");

    enum Priority { LOW, HIGH }

    record Speaker(String name, double talkTimeSeconds) {}

    record Everything(String text, String absent, int small, long big, short shortValue, byte byteValue, float ratio,
            double score, boolean flag, char letter, BigInteger huge, Priority priority, List<Speaker> speakers,
            Map<String, Object> extra, int[] counts, long[] longs, double[] doubles, String[] tags, Instant at,
            LocalDate day, UUID id, URI link, JsonNode tree, List<List<Integer>> grid) {}

    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
    @JsonSubTypes({@JsonSubTypes.Type(value = Audio.class, name = "audio"), @JsonSubTypes.Type(value = Video.class, name = "video")})
    sealed interface Media permits Audio, Video {}

    record Audio(int seconds) implements Media {}

    record Video(int width, int height) implements Media {}

    record Name(String first, String last) {}

    record Annotated(@JsonProperty("renamed_field") String original, @JsonUnwrapped Name name, Media media, List<Media> playlist) {}

    record Wrapped(@JsonValue String value) {}

    record Raw(@JsonRawValue String json, String plain) {}

    record Decimals(BigDecimal amount, Duration took) {}

    record Blob(byte[] data) {}

    record WithOptional(Optional<String> maybe) {}

    record Item(String name, List<String> tags, Integer count) {}

    private static Topology topology() {
        MessageSchema any = MessageSchema.compile(JsonNodeFactory.instance.objectNode());
        MessageSchema strict = MessageSchema.compile(TestTopologies.json("""
                {"type":"object","additionalProperties":false,"required":["name","tags"],
                 "properties":{"name":{"type":"string","minLength":1},
                               "tags":{"type":"array","items":{"type":"string"},"uniqueItems":true},
                               "count":{"type":"integer","minimum":0}}}"""));
        return new Topology(Topology.API_VERSION, Exchanges.DEFAULT, Defaults.DEFAULT,
                Map.of(ANY, new EventDefinition(ANY, "anything", any, List.of(), TestTopologies.HERE),
                        STRICT, new EventDefinition(STRICT, "listed", strict, List.of(), TestTopologies.HERE)),
                Map.<String, CommandDefinition>of(), Map.of(), Path.of("topology.yaml"));
    }

    private static final Topology TOPOLOGY = topology();

    private static Everything everything() {
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("nested", Map.of("deep", List.of(1, 2L, 3.5, "x")));
        extra.put("nothing", null);
        return new Everything("hé \"quoted\" \n", null, 7, 12_345_678_901L, (short) 3, (byte) -1, 1.5f, 0.1, true, 'z',
                new BigInteger("123456789012345678901234567890"), Priority.HIGH,
                List.of(new Speaker("Jarad", 811.5), new Speaker("Mira", 640.0)), extra, new int[] {1, 2, 3},
                new long[] {4L}, new double[] {0.5}, new String[] {"a", null}, Instant.parse("2026-11-27T10:15:30.123Z"),
                LocalDate.of(2026, 12, 7), UUID.randomUUID(), URI.create("https://example.com/a?b=c"),
                JsonNodeFactory.instance.objectNode().put("k", 1), List.of(List.of(1, 2), List.of()));
    }

    /**
     * The payload as the tree's way writes it, and as the direct way wrote it: the same bytes on the
     * wire, the same tree from the envelope, the envelope's fields as given.
     */
    private static void writtenAsTheTreeWayWritesIt(String key, Object value) throws EnvelopeDecodingException {
        Envelope direct = OutgoingMessages.envelope(TOPOLOGY, key, value, SOURCE, List.of());
        Envelope viaTree = OutgoingMessages.envelope(TOPOLOGY, key, CODEC.payloadTree(value), SOURCE, List.of());
        Envelope decoded = CODEC.decode(CODEC.encode(direct));
        assertEquals(viaTree.payload().toString(), decoded.payload().toString(), () -> "for " + value);
        assertEquals(viaTree.payload().toString(), direct.payload().toString());
        if (direct(key, value) != null) {
            // the tree an envelope written from a record makes is the one a consumer reads (a float is a double there)
            assertEquals(decoded.payload(), direct.payload());
            assertEquals(decoded, direct);
        }
        assertEquals(key, decoded.eventType());
        assertEquals(SOURCE, decoded.source());
    }

    /** The value written the direct way under the schema of {@code key}, or null: the tree's way. */
    private static Envelope direct(String key, Object value) {
        MessageSchema schema = OutgoingMessages.definition(TOPOLOGY, key).schema();
        Envelope head = Envelopes.create(key, MissingNode.getInstance(), SOURCE);
        CheckingGenerator[] made = new CheckingGenerator[1];
        return CODEC.write(head, value, new EnvelopeCodec.PayloadCheck() {
            @Override
            public com.fasterxml.jackson.core.JsonGenerator watch(com.fasterxml.jackson.core.JsonGenerator g) {
                made[0] = schema.checking(g);
                return made[0];
            }

            @Override
            public boolean passed() {
                return made[0].accepted();
            }
        });
    }

    @Test
    void everyKindOfValueIsWrittenAsTheTreeWayWritesIt() throws EnvelopeDecodingException {
        List<Object> values = List.of(everything(),
                new Annotated("o", new Name("Ada", "Lovelace"), new Video(1920, 1080), List.of(new Audio(3), new Video(1, 2))),
                Map.of("a", 1), new Speaker(null, Double.NaN), new Item("a", List.of("x"), 2));
        for (Object value : values) {
            assertNotNull(direct(ANY, value), () -> "went the direct way: " + value);
            writtenAsTheTreeWayWritesIt(ANY, value);
        }
        // not objects, still payloads a schema of {} takes
        for (Object value : List.<Object>of(new Wrapped("just a string"), List.of(1, "two", 3.0), Arrays.asList(null, "x"), 42))
            writtenAsTheTreeWayWritesIt(ANY, value);
    }

    @Test
    void whatTheCheckDoesNotFollowTakesTheTreeWay() throws EnvelopeDecodingException {
        for (Object value : List.of(new Raw("{\"already\":\"json\"}", "text"), new Decimals(new BigDecimal("1.10"),
                Duration.ofMillis(1500)), new Blob(new byte[] {1, 2, 3}))) {
            assertNull(direct(ANY, value), () -> "left to the tree's way: " + value);
            writtenAsTheTreeWayWritesIt(ANY, value);
        }
        Envelope decimals = CODEC.decode(CODEC.encode(OutgoingMessages.envelope(TOPOLOGY, ANY,
                new Decimals(new BigDecimal("1.10"), Duration.ofMillis(1500)), SOURCE, List.of())));
        assertEquals("{\"amount\":1.1,\"took\":1.5}", decimals.payload().toString(), "normalised as the tree's way has it");
    }

    @Test
    void aRecordThatBreaksItsSchemaIsRefusedWithEveryViolation() {
        Item broken = new Item("", List.of("x", "x"), -1);
        assertNull(direct(STRICT, broken));
        InvalidPayloadException direct = assertThrows(InvalidPayloadException.class,
                () -> OutgoingMessages.envelope(TOPOLOGY, STRICT, broken, SOURCE, List.of()));
        InvalidPayloadException viaTree = assertThrows(InvalidPayloadException.class,
                () -> OutgoingMessages.envelope(TOPOLOGY, STRICT, CODEC.payloadTree(broken), SOURCE, List.of()));
        assertEquals(viaTree.violations(), direct.violations());
        assertEquals(3, direct.violations().size(), direct.violations()::toString);
        assertThrows(InvalidPayloadException.class,
                () -> OutgoingMessages.envelope(TOPOLOGY, STRICT, new Item("a", null, null), SOURCE, List.of()));
    }

    @Test
    void aValidRecordUnderAStrictSchemaGoesTheDirectWay() throws EnvelopeDecodingException {
        Item item = new Item("a", List.of("x", "y"), null);
        assertNotNull(direct(STRICT, item));
        writtenAsTheTreeWayWritesIt(STRICT, item);
    }

    @Test
    void aValueJacksonCannotWriteIsRefusedAsTheTreeWayRefusesIt() {
        WithOptional value = new WithOptional(Optional.of("x")); // no jdk8 module: Jackson refuses Optional
        IllegalArgumentException viaTree = assertThrows(IllegalArgumentException.class, () -> CODEC.payloadTree(value));
        IllegalArgumentException direct = assertThrows(IllegalArgumentException.class,
                () -> OutgoingMessages.envelope(TOPOLOGY, ANY, value, SOURCE, List.of()));
        assertEquals(viaTree.getMessage(), direct.getMessage());
        assertThrows(IllegalArgumentException.class, () -> OutgoingMessages.envelope(TOPOLOGY, ANY, null, SOURCE, List.of()));
        assertThrows(IllegalArgumentException.class, () -> OutgoingMessages.envelope(TOPOLOGY, "no.such.key", Map.of(), SOURCE, List.of()));
    }

    @Test
    void aPayloadGivenAsATreeAndTheCorrelationsAreKept() throws EnvelopeDecodingException {
        UUID cause = UUID.randomUUID();
        Instant at = Instant.parse("2026-12-07T10:15:30.123456789Z");
        Envelope m = OutgoingMessages.envelope(TOPOLOGY, STRICT, new Item("a", List.of(), 1), SOURCE, List.of(cause), at);
        assertEquals(List.of(cause), CODEC.decode(CODEC.encode(m)).correlationIds());
        assertEquals(at.truncatedTo(ChronoUnit.MICROS), m.timestamp(), "stamped by the clock given, cut to microseconds");
        JsonNode tree = TestTopologies.json("{\"name\":\"a\",\"tags\":[]}");
        assertEquals(tree, CODEC.decode(CODEC.encode(OutgoingMessages.envelope(TOPOLOGY, STRICT, tree, SOURCE, List.of()))).payload());
    }

    @Test
    void anEnvelopeWrittenFromARecordKeepsItsBytesAndGivesACopyOfThem() {
        Envelope written = OutgoingMessages.envelope(TOPOLOGY, STRICT, new Item("a", List.of("x"), 1), SOURCE, List.of());
        byte[] first = CODEC.encode(written);
        byte[] second = CODEC.encode(written);
        assertTrue(first != second && Arrays.equals(first, second), "a copy each time");
        first[first.length - 1] = 'x';
        assertEquals(TestTopologies.json("{\"name\":\"a\",\"tags\":[\"x\"],\"count\":1}"), written.payload(),
                "what a caller does to its copy does not reach the envelope");
        // the same fields as a tree-made envelope with the same values: equal, and the same text
        Envelope rebuilt = new Envelope(written.eventId(), written.eventType(), written.timestamp(), written.version(),
                written.source(), written.correlationIds(), written.agentContext(), written.payload(), written.extensions());
        assertEquals(rebuilt, written);
        assertEquals(rebuilt.hashCode(), written.hashCode());
        assertEquals(new String(CODEC.encode(rebuilt), java.nio.charset.StandardCharsets.UTF_8),
                new String(second, java.nio.charset.StandardCharsets.UTF_8));
    }
}
