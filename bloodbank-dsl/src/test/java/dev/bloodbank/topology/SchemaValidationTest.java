package dev.bloodbank.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("schemas and examples")
class SchemaValidationTest {

    private static final Path PYDANTIC = Path.of("src/test/resources/topologies/pydantic");

    @TempDir
    Path dir;

    private List<String> problems(String yaml) {
        return TopologyFiles.headlines(TopologyFiles.validate(dir, yaml));
    }

    @Test
    void locatesAnInvalidSchemaAtTheOffendingKeyword() {
        assertEquals(List.of("5:44: error: the schema of event 'a.b.created' is not a valid JSON Schema at /properties/n:"
                        + " unknown type: [integr]"),
                problems("""
                        apiVersion: bloodbank/v1
                        events:
                          a.b.created:
                            description: x
                            schema: {type: object, properties: {n: {type: integr}}}
                        """));
    }

    @Test
    void refusesASchemaThatIsNotAnObject() {
        assertEquals(List.of("3:41: error: the schema of event 'a.b.created' must be a JSON Schema object, not a list"),
                problems("""
                        apiVersion: bloodbank/v1
                        events:
                          a.b.created: {description: x, schema: [type, object]}
                        """));
    }

    @Test
    @DisplayName("Pydantic v2 schemas with $defs and $ref validate their examples")
    void acceptsAPydanticSchemaWithDefinitions() throws Exception {
        Topology topology = Topology.load(PYDANTIC.resolve("topology.yaml"));

        EventDefinition event = topology.event("fireflies.transcript.completed").orElseThrow();
        assertEquals(2, event.examples().size());
        ObjectMapper json = new ObjectMapper();
        assertFalse(event.schema().isValid(json.readTree("""
                {"transcript_id": "x", "created_at": "2026-11-27T10:15:30Z",
                 "segments": [{"speaker": {"name": "Bob"}, "text": "t", "start_seconds": 1}]}""")),
                "a speaker without confidence breaks the $ref'd definition");
    }

    @Test
    @DisplayName("an example failing inside a $ref'd definition is reported where the failing value is written")
    void locatesAnExampleFailingInsideAReferencedDefinition() {
        ValidationReport report = Topology.validate(PYDANTIC.resolve("topology-bad-example.yaml"));

        Problem problem = TopologyFiles.only(report);
        assertEquals("topology-bad-example.yaml:21:47: error: example 3 of event 'fireflies.transcript.completed'"
                + " does not match its schema at /segments/0/speaker/confidence: 1.5 is not less or equal to 1.0",
                TopologyFiles.headline(problem));
    }

    @Test
    void namesEachFailingExampleAndPointer() {
        assertEquals(List.of(
                        "8:13: error: example 2 of event 'a.b.created' does not match its schema at /n: expected type: Integer, found: String",
                        "9:9: error: example 3 of event 'a.b.created' does not match its schema at the top level: required key [n] not found",
                        "10:13: error: example 4 of event 'a.b.created' does not match its schema at /n: expected type: Integer, found: Boolean",
                        "10:22: error: example 4 of event 'a.b.created' does not match its schema at /at:"
                                + " [yesterday] is not a valid date-time. Expected [yyyy-MM-dd'T'HH:mm:ssZ,"
                                + " yyyy-MM-dd'T'HH:mm:ss.[0-9]{1,9}Z, yyyy-MM-dd'T'HH:mm:ss[+-]HH:mm,"
                                + " yyyy-MM-dd'T'HH:mm:ss.[0-9]{1,9}[+-]HH:mm]"),
                problems("""
                        apiVersion: bloodbank/v1
                        events:
                          a.b.created:
                            description: x
                            schema: {type: object, required: [n], properties: {n: {type: integer}, at: {type: string, format: date-time}}}
                            examples:
                              - {n: 1, at: "2026-11-27T10:15:30Z"}
                              - {n: "one"}
                              - {}
                              - {n: yes, at: yesterday}
                        """));
    }

    @Test
    void refusesExamplesThatAreNotAList() {
        assertEquals(List.of("3:67: error: examples of event 'a.b.created' must be a list, not a mapping"),
                problems("""
                        apiVersion: bloodbank/v1
                        events:
                          a.b.created: {description: x, schema: {type: object}, examples: {n: 1}}
                        """));
    }

    @Test
    void reportsAMissingSchemaFileWithItsResolvedPath() {
        Problem problem = TopologyFiles.only(TopologyFiles.validate(dir, """
                apiVersion: bloodbank/v1
                events:
                  a.b.created:
                    description: x
                    schemaFile: schemas/created.json
                """));

        assertEquals("5:17: error: schemaFile not found: " + dir.resolve("schemas/created.json").toAbsolutePath(),
                TopologyFiles.headline(problem));
        assertEquals("schemaFile is relative to the directory of the topology file", problem.hint());
    }

    @Test
    void refusesAnAbsoluteSchemaFile() {
        assertEquals(List.of("3:45: error: schemaFile '/etc/schema.json' is an absolute path; write it relative to the topology file"),
                problems("""
                        apiVersion: bloodbank/v1
                        events:
                          a.b.created: {description: x, schemaFile: /etc/schema.json}
                        """));
    }

    @Test
    @DisplayName("a schema file that is not valid JSON is reported inside that file")
    void locatesMalformedJsonInTheSchemaFile() {
        TopologyFiles.write(dir, "schemas/created.json", """
                {
                  "type": "object",
                  "properties": {
                    "n": {"type": "integer"}
                    "m": {"type": "string"}
                  }
                }
                """);

        Problem problem = TopologyFiles.only(TopologyFiles.validate(dir, """
                apiVersion: bloodbank/v1
                events:
                  a.b.created: {description: x, schemaFile: schemas/created.json}
                """));

        assertEquals("created.json:5:5: error: malformed JSON: expected ',' or '}', but got <scalar>"
                + " (while parsing a flow mapping that started at line 3, column 17)", TopologyFiles.headline(problem));
        assertEquals(dir.resolve("schemas/created.json"), problem.location().file());
    }

    @Test
    void locatesMalformedYamlInTheSchemaFile() {
        TopologyFiles.write(dir, "schemas/created.yaml", "type: object\nproperties:\n  n: {type: integer\n");

        assertEquals(List.of("created.yaml:4:1: error: malformed YAML: expected ',' or '}', but got <stream end>"
                        + " (while parsing a flow mapping that started at line 3, column 6)"),
                problems("""
                        apiVersion: bloodbank/v1
                        events:
                          a.b.created: {description: x, schemaFile: schemas/created.yaml}
                        """));
    }

    @Test
    void locatesAnInvalidSchemaInsideTheSchemaFile() {
        TopologyFiles.write(dir, "schemas/created.json", """
                {
                \t"type": "object",
                \t"properties": {
                \t\t"n": {"type": "integer", "minimum": "zero"}
                \t}
                }
                """);

        assertEquals(List.of("created.json:4:39: error: the schema in " + dir.resolve("schemas/created.json")
                        + " is not a valid JSON Schema at /properties/n/minimum: expected type: Number, found: String"),
                problems("""
                        apiVersion: bloodbank/v1
                        events:
                          a.b.created: {description: x, schemaFile: schemas/created.json}
                        """));
    }

    @Test
    @DisplayName("keywords that draft 7 ignores are warned about, each where it is written")
    void warnsAboutKeywordsOfNewerDrafts() {
        ValidationReport report = TopologyFiles.validate(dir, """
                apiVersion: bloodbank/v1
                events:
                  a.b.created:
                    description: x
                    schema:
                      $schema: https://json-schema.org/draft/2020-12/schema
                      type: object
                      unevaluatedProperties: false
                      dependentRequired: {a: [b]}
                      properties:
                        prefixItems: {type: string}
                        pair:
                          type: array
                          prefixItems: [{type: string}, {type: integer}]
                          enum: [{minContains: 1}]
                """);

        assertTrue(report.isValid());
        assertEquals(List.of(
                        "8:7: warning: the schema of event 'a.b.created' uses 'unevaluatedProperties', which the draft-7 validator ignores: it is not checked",
                        "9:7: warning: the schema of event 'a.b.created' uses 'dependentRequired', which the draft-7 validator ignores: it is not checked",
                        "14:11: warning: the schema of event 'a.b.created' uses 'prefixItems', which the draft-7 validator ignores: it is not checked"),
                TopologyFiles.headlines(report));
        assertEquals("draft 7 can say 'additionalProperties: false' instead", report.problems().get(0).hint());
    }

    @Test
    void refusesReferencesOutsideTheSchemaAndToMissingDefinitions() {
        assertEquals(List.of(
                        "5:37: error: the schema of event 'a.b.created' refers to 'https://example.com/user.json' outside the schema;"
                                + " only references inside it (#/...) are resolved",
                        "8:59: error: the schema of event 'a.b.deleted' refers to '#/$defs/Missing', which is not in the schema"),
                problems("""
                        apiVersion: bloodbank/v1
                        events:
                          a.b.created:
                            description: x
                            schema: {properties: {u: {$ref: "https://example.com/user.json"}}}
                          a.b.deleted:
                            description: x
                            schema: {$defs: {Present: {}}, properties: {u: {$ref: "#/$defs/Missing"}}}
                        """));
    }

    @Test
    void resolvesDefinitionsUnderAnIdWithoutFetchingIt() throws Exception {
        Topology topology = TopologyFiles.validate(dir, """
                apiVersion: bloodbank/v1
                events:
                  a.b.created:
                    description: x
                    schema:
                      $id: https://schemas.example.invalid/created.json
                      $defs: {Name: {type: string}}
                      properties: {name: {$ref: "#/$defs/Name"}}
                    examples: [{name: ok}]
                """).orThrow();

        assertFalse(topology.event("a.b.created").orElseThrow().schema().isValid(new ObjectMapper().readTree("{\"name\": 1}")));
    }

    @Test
    void readsJsonSchemaFilesIndentedWithTabs() {
        TopologyFiles.write(dir, "schemas/created.json", "{\n\t\"type\": \"object\",\n\t\"required\": [\"n\"]\n}\n");

        assertEquals(List.of("3:78: error: example 1 of event 'a.b.created' does not match its schema at the top level:"
                        + " required key [n] not found"),
                problems("""
                        apiVersion: bloodbank/v1
                        events:
                          a.b.created: {description: x, schemaFile: schemas/created.json, examples: [{}]}
                        """));
    }

    @Test
    @DisplayName("schemas without $schema get draft-7 semantics: const and if/then are checked")
    void appliesDraft7ByDefault() {
        assertEquals(List.of(
                        "6:20: error: example 1 of event 'a.b.created' does not match its schema at /n: must be the constant 1",
                        "6:28: error: example 2 of event 'a.b.created' does not match its schema at /m: expected minLength: 3, actual: 2"),
                problems("""
                        apiVersion: bloodbank/v1
                        events:
                          a.b.created:
                            description: x
                            schema: {type: object, properties: {n: {const: 1}, m: {if: {type: string}, then: {minLength: 3}}}}
                            examples: [{n: 2}, {m: ab}]
                        """));
    }

    @Test
    void warnsAboutKeywordsAnOlderDeclaredDraftIgnores() {
        ValidationReport report = TopologyFiles.validate(dir, """
                apiVersion: bloodbank/v1
                events:
                  a.b.created:
                    description: x
                    schema:
                      $schema: "http://json-schema.org/draft-04/schema#"
                      properties: {n: {const: 1}}
                    examples: [{n: 2}]
                """);

        assertEquals(List.of("7:24: warning: the schema of event 'a.b.created' declares draft-04, which has no 'const': it is not checked"),
                TopologyFiles.headlines(report));
        assertTrue(report.isValid());
    }

    @Test
    @DisplayName("a $ref loop that never descends into the value is refused: validating would overflow the stack")
    void refusesReferenceLoops() {
        assertEquals(List.of(
                        "5:20: error: the schema of event 'a.b.created' refers back to itself at /$ref without descending into"
                                + " a property or an item: validating a message would never end",
                        "9:32: error: the schema of event 'a.b.deleted' refers back to itself at /$defs/A/$ref without descending into"
                                + " a property or an item: validating a message would never end"),
                problems("""
                        apiVersion: bloodbank/v1
                        events:
                          a.b.created:
                            description: x
                            schema: {$ref: "#"}
                            examples: [{}]
                          a.b.deleted:
                            description: x
                            schema: {$defs: {A: {$ref: "#/$defs/B"}, B: {allOf: [{$ref: "#/$defs/A"}]}}, properties: {a: {$ref: "#/$defs/A"}}}
                        """));
    }

    @Test
    void acceptsRecursionThroughItems() {
        assertEquals(List.of(), problems("""
                apiVersion: bloodbank/v1
                events:
                  a.tree.grown:
                    description: A tree is recursive through its children.
                    schema:
                      $defs: {Node: {type: object, properties: {children: {type: array, items: {$ref: "#/$defs/Node"}}}}}
                      $ref: "#/$defs/Node"
                    examples: [{children: [{children: []}]}, {children: [{children: [{}]}]}]
                """));
    }

    @Test
    @DisplayName("a library message spanning lines is reported on one line")
    void reportsAnInvalidPatternOnOneLine() {
        assertEquals(List.of("3:41: error: the schema of event 'a.b.created' is not a valid JSON Schema:"
                        + " Illegal character range near index 3 [a-"),
                problems("""
                        apiVersion: bloodbank/v1
                        events:
                          a.b.created: {description: x, schema: {type: string, pattern: "[a-"}}
                        """));
    }

    @Test
    @DisplayName("problems in schema files come after the topology's own, each file in reading order")
    void reportsSchemaFileProblemsInTheirFilesAfterTheTopology() {
        TopologyFiles.write(dir, "schemas/b.json", """
                {
                  "$schema": "https://json-schema.org/draft/2020-12/schema",
                  "prefixItems": [{"type": "string"}]
                }
                """);
        TopologyFiles.write(dir, "schemas/a.yaml", "type: object\nunevaluatedProperties: false\n");

        ValidationReport report = TopologyFiles.validate(dir, """
                apiVersion: bloodbank/v1
                events:
                  a.b.created: {description: x, schemaFile: schemas/b.json}
                  a.b.deleted: {description: x, schemaFile: schemas/a.yaml}
                  a.b.moved: {description: x, schema: {type: object}, examples: [[]]}
                """);

        assertEquals(List.of(
                        "5:66: error: example 1 of event 'a.b.moved' does not match its schema at the top level:"
                                + " expected type: object, found: array",
                        "a.yaml:2:1: warning: the schema in " + dir.resolve("schemas/a.yaml") + " uses 'unevaluatedProperties',"
                                + " which the draft-7 validator ignores: it is not checked",
                        "b.json:3:3: warning: the schema in " + dir.resolve("schemas/b.json") + " uses 'prefixItems',"
                                + " which the draft-7 validator ignores: it is not checked"),
                TopologyFiles.headlines(report));
    }

    @Test
    void followsPercentEncodedReferences() throws Exception {
        Topology topology = TopologyFiles.validate(dir, """
                apiVersion: bloodbank/v1
                events:
                  a.b.created:
                    description: x
                    schema:
                      $defs: {"Page Id": {type: string}}
                      properties: {id: {$ref: "#/$defs/Page%20Id"}}
                    examples: [{id: p-1}]
                """).orThrow();

        assertFalse(topology.event("a.b.created").orElseThrow().schema().isValid(new ObjectMapper().readTree("{\"id\": 1}")));
    }
}
