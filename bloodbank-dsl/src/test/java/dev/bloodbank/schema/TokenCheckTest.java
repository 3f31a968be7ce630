package dev.bloodbank.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bloodbank.topology.LargeTopologyTest;
import dev.bloodbank.topology.MessageDefinition;
import dev.bloodbank.topology.Topology;
import java.io.IOException;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The token check gives the compiled check's verdict on every value written or read through it, and
 * the generator writes (the parser reads) exactly what it is given: on the official draft-7 suite, on random schemas and
 * values, and on the variants of every example of the sample and the generated topologies.
 */
@DisplayName("the token check, writing and reading, value for value the compiled check")
class TokenCheckTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    /** Writes the value through a checking generator: the verdict, and the text must be plain Jackson's. */
    private static boolean walk(TokenCheck check, JsonNode value) throws IOException {
        StringWriter out = new StringWriter();
        CheckingGenerator g;
        try (JsonGenerator real = JSON.createGenerator(out)) {
            g = new CheckingGenerator(real, check.walk());
            JSON.writeTree(g, value);
        }
        assertEquals(JSON.writeValueAsString(value), out.toString(), "what went through the generator");
        return g.accepted();
    }

    /**
     * Reads the value's JSON text through a checking parser: its verdict must be the compiled
     * check's on the tree read from the same text, and the tree read through it that tree.
     */
    private static void readsAlike(TokenCheck check, CompiledCheck compiled, JsonNode value, List<String> differences)
            throws IOException {
        byte[] text = JSON.writeValueAsBytes(value);
        JsonNode expected = JSON.readTree(text);
        CheckingParser parser = new CheckingParser(JSON.createParser(text), check.walk());
        JsonNode read = JSON.readTree(parser);
        assertEquals(expected, read);
        if (parser.accepted() != compiled.accepts(expected) && differences.size() < 10)
            differences.add("read " + value + ": tokens " + parser.accepted());
    }

    @Test
    void agreesOnTheOfficialSuite() throws IOException {
        List<String> differences = new ArrayList<>();
        int run = 0;
        for (String suite : List.of("draft7", "draft7/optional/format")) {
            for (Path file : CompiledCheckSuiteTest.files(suite)) {
                for (JsonNode group : JSON.readTree(file.toFile())) {
                    CompiledCheck compiled = CompiledCheck.forDocument(group.get("schema"));
                    TokenCheck tokens = TokenCheck.forDocument(group.get("schema"));
                    assertEquals(compiled == null, tokens == null, () -> "covered alike: " + group.get("schema"));
                    if (compiled == null) continue;
                    for (JsonNode test : group.get("tests")) {
                        run++;
                        JsonNode data = test.get("data");
                        if (walk(tokens, data) != compiled.accepts(data))
                            differences.add(file.getFileName() + ": " + group.get("description").asText() + " / "
                                    + test.get("description").asText());
                        readsAlike(tokens, compiled, data, differences);
                    }
                }
            }
        }
        assertEquals(List.of(), differences);
        assertTrue(run > 1_500, "ran " + run);
    }

    @Test
    void agreesOnRandomSchemasAndValues() throws IOException {
        SplittableRandom random = new SplittableRandom(11);
        List<String> differences = new ArrayList<>();
        int compared = 0, accepted = 0;
        for (int s = 0; s < 3_000; s++) {
            ObjectNode schema = CompiledCheckDifferentialTest.schema(random, 0);
            if (random.nextInt(4) == 0) {
                schema.putObject("definitions").set("d", CompiledCheckDifferentialTest.schema(random, 2));
                schema.putObject("properties").putObject("a").put("$ref", "#/definitions/d");
            }
            CompiledCheck compiled = CompiledCheck.forDocument(schema);
            if (compiled == null) continue;
            TokenCheck tokens = TokenCheck.forDocument(schema);
            assertNotNull(tokens, schema::toString);
            for (int v = 0; v < 40; v++) {
                JsonNode value = CompiledCheckDifferentialTest.value(random, 0);
                boolean ours = walk(tokens, value);
                compared++;
                if (ours) accepted++;
                if (ours != compiled.accepts(value) && differences.size() < 10)
                    differences.add("schema " + schema + " value " + value + ": tokens " + ours);
                readsAlike(tokens, compiled, value, differences);
            }
        }
        assertEquals(List.of(), differences);
        assertTrue(compared > 100_000 && accepted > compared / 10, accepted + " of " + compared + " accepted");
    }

    @Test
    void agreesOnEverySchemaOfTheSampleAndTheGeneratedTopologies() throws IOException {
        Path file = dir.resolve("topology.yaml");
        Files.writeString(file, LargeTopologyTest.generate());
        int checked = 0, accepted = 0;
        for (Topology topology : List.of(Topology.load(Path.of("..", "topology.yaml").toAbsolutePath().normalize()),
                Topology.load(file))) {
            for (MessageDefinition message : topology.messages()) {
                MessageSchema schema = message.schema();
                assertTrue(schema.hasCompiledCheck(), message.key());
                TokenCheck tokens = TokenCheck.forDocument(schema.document());
                assertNotNull(tokens, message.key());
                List<JsonNode> bases = new ArrayList<>(message.examples());
                if (bases.isEmpty()) bases.add(JSON.createObjectNode());
                for (JsonNode example : bases) {
                    for (JsonNode payload : FastCheckAgreementTest.variants(example)) {
                        boolean ours = walk(tokens, payload);
                        assertEquals(schema.compiledAccepts(payload), ours, () -> message.key() + ": " + payload);
                        List<String> differences = new ArrayList<>();
                        readsAlike(tokens, CompiledCheck.forDocument(schema.document()), payload, differences);
                        assertEquals(List.of(), differences, message.key());
                        checked++;
                        if (ours) accepted++;
                    }
                }
            }
        }
        assertTrue(checked > 50_000 && accepted > 1_000, accepted + " of " + checked + " accepted");
    }

    @Test
    void aRecordIsCheckedAsItsTreeWouldBe() throws IOException {
        MessageSchema schema = MessageSchema.compile(JSON.readTree("""
                {"type":"object","additionalProperties":false,"required":["name","tags"],
                 "properties":{"name":{"type":"string","minLength":1},
                               "tags":{"type":"array","items":{"type":"string"},"uniqueItems":true},
                               "score":{"type":"number","maximum":10}}}"""));
        record Item(String name, List<String> tags, Double score) {}
        ObjectMapper mapper = new ObjectMapper().setSerializationInclusion(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL);
        for (Item item : List.of(new Item("a", List.of("x", "y"), 1.5), new Item("", List.of(), null),
                new Item("a", List.of("x", "x"), null), new Item("a", List.of(), 11.0), new Item("a", null, null))) {
            StringWriter out = new StringWriter();
            CheckingGenerator g;
            try (JsonGenerator real = mapper.createGenerator(out)) {
                g = schema.checking(real);
                mapper.writeValue(g, item);
            }
            JsonNode tree = mapper.valueToTree(item);
            assertEquals(schema.isValid(tree), g.accepted(), item::toString);
            assertEquals(mapper.writeValueAsString(item), out.toString());
        }
    }

    @Test
    void whatATreeWouldNotHoldAsWrittenIsLeftToTheTreeCheck() throws IOException {
        MessageSchema schema = MessageSchema.compile(JSON.readTree("{\"type\":\"object\"}"));
        for (Object value : List.of(Map.of("n", new BigDecimal("1.10")), Map.of("b", new byte[] {1, 2}),
                Map.of("raw", new com.fasterxml.jackson.databind.util.RawValue("{}")))) {
            StringWriter out = new StringWriter();
            CheckingGenerator g;
            try (JsonGenerator real = JSON.createGenerator(out)) {
                g = schema.checking(real);
                JSON.writeValue(g, value);
            }
            assertFalse(g.accepted(), value::toString);
            assertEquals(JSON.writeValueAsString(value), out.toString(), "still written as given");
        }
    }

    @Test
    void aPartialOrDoubledValueIsNotAccepted() throws IOException {
        MessageSchema schema = MessageSchema.compile(JSON.readTree("{}"));
        StringWriter out = new StringWriter();
        JsonGenerator real = JSON.createGenerator(out);
        CheckingGenerator g = schema.checking(real);
        assertFalse(g.accepted(), "nothing written yet");
        g.writeStartObject();
        assertFalse(g.accepted(), "an object still open");
        g.writeEndObject();
        assertTrue(g.accepted());
        g.writeRaw(' ');
        assertFalse(g.accepted(), "raw text after it");
    }

    @Test
    void aSchemaTheCompiledCheckDoesNotCoverGetsNoTokenCheck() throws IOException {
        assertNull(TokenCheck.forDocument(JSON.readTree("{\"x-vendor\":true}")));
        assertNull(MessageSchema.compile(JSON.readTree("{\"format\":\"duration\"}")).checking(JSON.createGenerator(new StringWriter())));
    }
}
