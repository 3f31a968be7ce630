package dev.bloodbank.envelope;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonRawValue;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Writing a payload's tree in one pass gives exactly the nodes {@code valueToTree} gives, node types included. */
@DisplayName("payload trees written in one pass")
class TreeGeneratorTest {

    private static final ObjectMapper MAPPER = EnvelopeCodec.standard().newMapper();

    enum Priority { LOW, HIGH }

    record Speaker(String name, double talkTimeSeconds) {}

    record Everything(String text, String absent, int small, long big, short shortValue, byte byteValue, float ratio,
            double score, boolean flag, char letter, BigInteger huge, Priority priority,
            List<Speaker> speakers, Map<String, Object> extra, int[] counts, String[] tags, byte[] blob,
            Instant at, LocalDate day, OffsetDateTime offset, UUID id, URI link,
            JsonNode raw, List<List<Integer>> grid) {}

    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
    @JsonSubTypes({@JsonSubTypes.Type(value = Audio.class, name = "audio"), @JsonSubTypes.Type(value = Video.class, name = "video")})
    sealed interface Media permits Audio, Video {}

    record Audio(int seconds) implements Media {}

    record Video(int width, int height) implements Media {}

    record Name(String first, String last) {}

    record Annotated(@JsonProperty("renamed_field") String original, @JsonUnwrapped Name name, Media media,
            List<Media> playlist) {}

    record Wrapped(@JsonValue String value) {}

    record Raw(@JsonRawValue String json, String plain) {}

    @Test
    void givesWhatValueToTreeGivesForEveryKindOfValue() {
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("nested", Map.of("deep", List.of(1, 2L, 3.5, "x")));
        extra.put("nothing", null);
        extra.put("number", 42);
        Everything value = new Everything("hé \"quoted\" \n", null, 7, 12_345_678_901L, (short) 3, (byte) -1, 1.5f,
                0.1, true, 'z', new BigInteger("123456789012345678901234567890"), Priority.HIGH,
                List.of(new Speaker("Jarad", 811.5), new Speaker("Mira", 640.0)), extra, new int[] {1, 2, 3},
                new String[] {"a", "b"}, new byte[] {1, 2, 3, 4, 5}, Instant.parse("2026-11-27T10:15:30.123Z"),
                LocalDate.of(2026, 12, 7),
                OffsetDateTime.of(2026, 12, 7, 3, 0, 0, 0, ZoneOffset.ofHours(2)), UUID.randomUUID(),
                URI.create("https://example.com/a?b=c"), JsonNodeFactory.instance.objectNode().put("k", 1),
                List.of(List.of(1, 2), List.of()));
        same(value);
        same(new Annotated("o", new Name("Ada", "Lovelace"), new Video(1920, 1080), List.of(new Audio(3), new Video(1, 2))));
        same(new Wrapped("just a string"));
        same(Map.of("a", 1));
        same(List.of(1, "two", 3.0));
        same(Arrays.asList(null, "x"));
        same(new Speaker(null, Double.NaN));
        same(42);
    }

    @Test
    void whatATreeCannotHoldPlainlyTakesValueToTree() {
        Raw raw = new Raw("{\"already\":\"json\"}", "text");
        TreeGenerator generator = new TreeGenerator(MAPPER, MAPPER.getNodeFactory());
        Exception e = assertThrows(Exception.class, () -> MAPPER.writer().writeValue(generator, raw));
        assertTrue(e instanceof TreeGenerator.Unsupported || e.getCause() instanceof TreeGenerator.Unsupported, e::toString);
        assertEquals(MAPPER.valueToTree(raw), EnvelopeCodec.valueToTree(MAPPER.writer(), MAPPER, raw));
    }

    record WithOptional(Optional<String> maybe) {}

    @Test
    void aValueJacksonCannotWriteIsRefusedAsValueToTreeRefusesIt() {
        WithOptional value = new WithOptional(Optional.of("x")); // no jdk8 module: Jackson refuses Optional
        IllegalArgumentException expected = assertThrows(IllegalArgumentException.class, () -> MAPPER.valueToTree(value));
        IllegalArgumentException actual = assertThrows(IllegalArgumentException.class,
                () -> EnvelopeCodec.valueToTree(MAPPER.writer(), MAPPER, value));
        assertEquals(expected.getMessage(), actual.getMessage());
    }

    @Test
    void aPayloadAlreadyATreeIsUsedAsItIs() {
        ObjectNode tree = JsonNodeFactory.instance.objectNode().put("a", 1);
        assertSame(tree, EnvelopeCodec.standard().payloadTree(tree));
    }

    record Decimals(BigDecimal amount, Duration took) {}

    @Test
    void decimalsTakeValueToTreeWhichNormalisesThem() {
        Decimals value = new Decimals(new BigDecimal("1.10"), Duration.ofMillis(1500));
        assertThrows(Exception.class, () -> MAPPER.writer().writeValue(new TreeGenerator(MAPPER, MAPPER.getNodeFactory()), value));
        assertEquals(MAPPER.valueToTree(value), EnvelopeCodec.valueToTree(MAPPER.writer(), MAPPER, value));
        assertEquals("{\"amount\":1.1,\"took\":1.5}", EnvelopeCodec.valueToTree(MAPPER.writer(), MAPPER, value).toString());
    }

    /** The generator itself (no fallback) writes exactly valueToTree's tree. */
    private static void same(Object value) {
        JsonNode expected = MAPPER.valueToTree(value);
        TreeGenerator generator = new TreeGenerator(MAPPER, MAPPER.getNodeFactory());
        try {
            MAPPER.writer().writeValue(generator, value);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
        JsonNode actual = generator.root();
        assertEquals(expected, actual, () -> "for " + value);
        assertEquals(expected.toString(), actual.toString());
        sameNodeTypes(expected, actual);
    }

    /** JsonNode.equals already tells an IntNode from a LongNode; this also walks the containers' node classes. */
    private static void sameNodeTypes(JsonNode expected, JsonNode actual) {
        assertEquals(expected.getClass(), actual.getClass(), () -> expected + " against " + actual);
        if (expected.isObject()) expected.fieldNames().forEachRemaining(n -> sameNodeTypes(expected.get(n), actual.get(n)));
        if (expected.isArray()) for (int i = 0; i < expected.size(); i++) sameNodeTypes(expected.get(i), actual.get(i));
    }
}
