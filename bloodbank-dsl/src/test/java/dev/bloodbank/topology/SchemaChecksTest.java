package dev.bloodbank.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bloodbank.schema.SchemaViolation;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A topology loaded with its schemas compiled on first use reads the same, and fails at the same place. */
class SchemaChecksTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private Topology deferred(String yaml) {
        return Topology.load(TopologySource.file(TopologyFiles.write(dir, "topology.yaml", yaml)), SchemaChecks.ON_FIRST_USE);
    }

    @Test
    void aSchemaThatDoesNotCompileIsReportedOnFirstUseWhereValidateReportsIt() {
        String yaml = """
                apiVersion: bloodbank/v1
                events:
                  a.b.created:
                    description: x
                    schema: {type: object, properties: {n: {type: integr}}}
                  a.b.deleted:
                    description: y
                    schema: {type: object}
                """;
        Topology topology = deferred(yaml);
        List<String> atLoad = TopologyFiles.headlines(TopologyFiles.validate(dir, yaml));
        assertEquals(List.of("5:44: error: the schema of event 'a.b.created' is not a valid JSON Schema at /properties/n:"
                + " unknown type: [integr]"), atLoad);

        JsonNode payload = JSON.createObjectNode().put("n", 1);
        TopologyException first = assertThrows(TopologyException.class,
                () -> topology.event("a.b.created").orElseThrow().schema().validate(payload));
        assertEquals(atLoad, first.problems().stream().map(TopologyFiles::headline).toList());
        // it stays unusable: the second use fails the same way instead of judging with half a schema
        TopologyException second = assertThrows(TopologyException.class,
                () -> topology.event("a.b.created").orElseThrow().schema().isValid(payload));
        assertEquals(first.problems(), second.problems());
        // the other messages are unaffected
        assertEquals(List.of(), topology.event("a.b.deleted").orElseThrow().schema().validate(payload));
    }

    @Test
    void examplesAreLeftToValidate() {
        String yaml = """
                apiVersion: bloodbank/v1
                events:
                  a.b.created:
                    description: x
                    schema: {type: object, required: [n]}
                    examples: [{m: 1}]
                """;
        assertEquals(List.of("6:16: error: example 1 of event 'a.b.created' does not match its schema at the top level:"
                + " required key [n] not found"), TopologyFiles.headlines(TopologyFiles.validate(dir, yaml)));
        Topology topology = deferred(yaml);
        assertEquals(1, topology.event("a.b.created").orElseThrow().examples().size());
    }

    @Test
    void payloadsAreJudgedAsWhenCompiledAtLoad() throws Exception {
        String yaml = """
                apiVersion: bloodbank/v1
                events:
                  a.b.created:
                    description: x
                    schema:
                      type: object
                      required: [id]
                      additionalProperties: false
                      properties:
                        id: {type: string, pattern: "^[a-z]+$"}
                        at: {type: string, format: date-time}
                """;
        Topology eager = TopologyFiles.validate(dir, yaml).orThrow();
        Topology lazy = deferred(yaml);
        for (String payload : List.of("{\"id\": \"abc\"}", "{\"id\": \"ABC\", \"at\": \"yesterday\"}", "{\"x\": 1}", "[]",
                "{\"id\": \"abc\", \"at\": \"2026-12-01T07:00:00Z\"}")) {
            JsonNode tree = JSON.readTree(payload);
            List<SchemaViolation> expected = eager.event("a.b.created").orElseThrow().schema().validate(tree);
            assertEquals(expected, lazy.event("a.b.created").orElseThrow().schema().validate(tree), payload);
            assertEquals(expected.isEmpty(), lazy.event("a.b.created").orElseThrow().schema().isValid(tree), payload);
        }
    }

    @Test
    void equalSchemasShareOneCompilation() {
        Topology topology = deferred("""
                apiVersion: bloodbank/v1
                events:
                  a.b.created: {description: x, schema: {type: object, required: [id]}}
                  a.b.updated: {description: y, schema: {type: object, required: [id]}}
                  a.b.deleted: {description: z, schema: {type: object}}
                """);
        assertSame(topology.event("a.b.created").orElseThrow().schema(), topology.event("a.b.updated").orElseThrow().schema());
        assertTrue(topology.event("a.b.deleted").orElseThrow().schema() != topology.event("a.b.created").orElseThrow().schema());
    }

    @Test
    void everyOtherProblemIsStillReportedAtLoad() {
        TopologyException e = assertThrows(TopologyException.class, () -> deferred("""
                apiVersion: bloodbank/v1
                events:
                  a.b.created: {description: x, schema: {type: object, propertiez: {}}}
                  a.b.updated: {schema: {type: object}}
                """));
        assertEquals(TopologyFiles.headlines(TopologyFiles.validate(dir, """
                apiVersion: bloodbank/v1
                events:
                  a.b.created: {description: x, schema: {type: object, propertiez: {}}}
                  a.b.updated: {schema: {type: object}}
                """)).stream().filter(h -> h.contains("error")).toList(),
                e.problems().stream().map(TopologyFiles::headline).toList());
    }
}
