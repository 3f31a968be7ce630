package dev.bloodbank.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bloodbank.topology.LargeTopologyTest;
import dev.bloodbank.topology.MessageDefinition;
import dev.bloodbank.topology.Topology;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The compiled check and networknt must give the same verdict, and so must they and everit: on
 * every schema of the sample topology and of the generated 600-event one, for each example and
 * for variants of it made by replacing
 * each value (at every depth) with probes of every JSON type, formats right and wrong, lengths and
 * numbers around the usual bounds, by dropping each field and by adding an unknown one. The one
 * known difference (a number with a zero fraction where an integer is required) has its own test.
 */
@DisplayName("the compiled check, networknt and everit agree")
class FastCheckAgreementTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<JsonNode> PROBES = probes();

    @TempDir
    Path dir;

    @Test
    void onEverySchemaOfTheSampleTopology() {
        Topology sample = Topology.load(Path.of("..", "topology.yaml").toAbsolutePath().normalize());
        int checked = agreeOn(sample);
        assertTrue(sample.messages().size() >= 10, "the sample topology has its messages");
        assertTrue(checked > 1_000, "checked " + checked + " payloads");
    }

    @Test
    void onEverySchemaOfTheGeneratedLargeTopology() throws IOException {
        Path file = dir.resolve("topology.yaml");
        Files.writeString(file, LargeTopologyTest.generate());
        Topology large = Topology.load(file);
        assertEquals(720, large.messages().size());
        assertTrue(agreeOn(large) > 50_000);
    }

    @Test
    void invalidPayloadsStillGetEveritsLocatedViolations() throws IOException {
        MessageSchema schema = MessageSchema.compile(JSON.readTree(
                "{\"type\":\"object\",\"required\":[\"url\"],\"properties\":{\"url\":{\"type\":\"string\",\"format\":\"uri\"}}}"));
        assertTrue(schema.hasFastCheck());
        List<SchemaViolation> violations = schema.validate(JSON.readTree("{\"url\":\"not a uri\"}"));
        assertEquals(1, violations.size(), violations::toString);
        assertEquals("#/url", violations.get(0).pointer());
        assertTrue(schema.validate(JSON.readTree("{\"url\":\"https://example.com/a\"}")).isEmpty());
    }

    @Test
    void schemasOfOtherDraftsAreJudgedByEveritAlone() throws IOException {
        MessageSchema draft4 = MessageSchema.compile(JSON.readTree(
                "{\"$schema\":\"http://json-schema.org/draft-04/schema#\",\"type\":\"number\",\"minimum\":1,\"exclusiveMinimum\":true}"));
        assertTrue(!draft4.hasFastCheck());
        assertTrue(!draft4.isValid(JSON.readTree("1")));
        assertTrue(draft4.isValid(JSON.readTree("2")));
    }

    private static int agreeOn(Topology topology) {
        int checked = 0;
        for (MessageDefinition message : topology.messages()) {
            MessageSchema schema = message.schema();
            assertTrue(schema.hasFastCheck(), message.key() + " has a fast check");
            assertTrue(schema.hasCompiledCheck(), message.key() + " has a compiled check");
            List<JsonNode> bases = new ArrayList<>(message.examples());
            if (bases.isEmpty()) bases.add(JSON.createObjectNode());
            for (JsonNode example : bases) {
                for (JsonNode payload : variants(example)) {
                    Boolean networknt = schema.networkntAccepts(payload);
                    assertEquals(networknt, schema.compiledAccepts(payload),
                            () -> message.key() + ": networknt says " + networknt + " for " + payload);
                    if (hasIntegralFloat(payload)) {
                        // the one difference, where the fast check follows draft 6+: judged by it, consistently
                        assertEquals(schema.isValid(payload), schema.validate(payload).isEmpty(), payload::toString);
                        continue;
                    }
                    boolean everit = schema.everitAccepts(payload);
                    assertEquals(everit, schema.isValid(payload), () -> message.key() + ": everit says " + everit + " for " + payload);
                    // validate() is isValid() plus everit's pointers: checked on a sample, not on all
                    if (checked % 7 == 0)
                        assertEquals(everit, schema.validate(payload).isEmpty(), () -> message.key() + ": " + payload);
                    checked++;
                }
            }
        }
        return checked;
    }

    @Test
    void aNumberWithAZeroFractionIsAnIntegerAsDraft7Says() throws IOException {
        MessageSchema schema = MessageSchema.compile(JSON.readTree("{\"type\":\"object\",\"properties\":{\"n\":{\"type\":\"integer\"}}}"));
        assertTrue(schema.isValid(JSON.readTree("{\"n\": 1000.0}")));
        assertTrue(schema.validate(JSON.readTree("{\"n\": 1000.0}")).isEmpty());
        assertTrue(!schema.everitAccepts(JSON.readTree("{\"n\": 1000.0}")), "everit alone rejects it");
        assertEquals("#/n", schema.validate(JSON.readTree("{\"n\": 1000.5}")).get(0).pointer());
    }

    private static boolean hasIntegralFloat(JsonNode node) {
        if (node.isContainerNode()) {
            for (JsonNode child : node) if (hasIntegralFloat(child)) return true;
            return false;
        }
        return node.isFloatingPointNumber() && node.canConvertToExactIntegral();
    }

    /** The example itself, and every variant made by one change at one place. */
    static List<JsonNode> variants(JsonNode example) {
        List<JsonNode> out = new ArrayList<>();
        out.add(example);
        mutate(example, example, out);
        for (JsonNode probe : PROBES) out.add(probe);
        return out;
    }

    private static void mutate(JsonNode root, JsonNode node, List<JsonNode> out) {
        if (node.isObject()) {
            ObjectNode object = (ObjectNode) node;
            List<String> names = new ArrayList<>();
            object.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                JsonNode original = object.get(name);
                object.remove(name);
                out.add(root.deepCopy());
                for (JsonNode probe : PROBES) {
                    object.set(name, probe);
                    out.add(root.deepCopy());
                }
                object.set(name, original);
                mutate(root, original, out);
            }
            object.put("unexpected_field", 1);
            out.add(root.deepCopy());
            object.remove("unexpected_field");
            reorder(object, names);
        } else if (node.isArray()) {
            ArrayNode array = (ArrayNode) node;
            for (int i = 0; i < array.size(); i++) {
                JsonNode original = array.get(i);
                for (JsonNode probe : PROBES) {
                    array.set(i, probe);
                    out.add(root.deepCopy());
                }
                array.set(i, original);
                mutate(root, original, out);
            }
            array.add(array.isEmpty() ? JSON.getNodeFactory().textNode("x") : array.get(0).deepCopy());
            out.add(root.deepCopy());
            array.remove(array.size() - 1);
        }
    }

    /** Puts the fields back in their first order (removing and setting moved them to the end). */
    private static void reorder(ObjectNode object, List<String> names) {
        List<JsonNode> values = new ArrayList<>();
        for (String name : names) values.add(object.get(name));
        object.removeAll();
        Iterator<JsonNode> v = values.iterator();
        for (String name : names) object.set(name, v.next());
    }

    private static List<JsonNode> probes() {
        String[] json = {
            "null", "true", "false", "0", "-1", "1", "1.5", "-0.5", "100000000000", "1e3",
            "\"\"", "\"x\"", "\"" + "a".repeat(300) + "\"", "\"" + "a".repeat(1200) + "\"",
            "\"https://example.com/a?b=c\"", "\"not a uri\"", "\"/relative/path\"", "\"s3://bucket/key\"",
            "\"2026-11-27T10:15:30Z\"", "\"2026-11-27T10:15:30.123+02:00\"", "\"2026-13-45T99:00:00Z\"", "\"2026-11-27\"",
            "\"someone@example.com\"", "\"not-an-email\"", "\"3fa85f64-5717-4562-b3fc-2c963f66afa6\"", "\"tr-01JDX3K5\"",
            "\"en\"", "\"EN-us\"", "[]", "[1, 2]", "[\"a\", \"a\"]", "{}", "{\"a\": 1}"
        };
        List<JsonNode> probes = new ArrayList<>();
        for (String s : json) {
            try {
                probes.add(JSON.readTree(s));
            } catch (IOException e) {
                throw new IllegalStateException(s, e);
            }
        }
        return List.copyOf(probes);
    }
}
