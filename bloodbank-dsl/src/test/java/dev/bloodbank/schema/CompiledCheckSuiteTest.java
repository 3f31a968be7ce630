package dev.bloodbank.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The compiled check against the official draft-7 suite (test resources, see the README there):
 * every required test whose schema it compiles passes, and it compiles the schemas of most of
 * them; on the format tests it gives networknt's verdict, whose format code it runs, on every one.
 */
@DisplayName("the compiled check on the official draft-7 suite")
class CompiledCheckSuiteTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void passesEveryRequiredTestWhoseSchemaItCompiles() throws IOException {
        List<String> failures = new ArrayList<>();
        int run = 0, notCompiled = 0;
        for (Path file : files("draft7")) {
            for (JsonNode group : JSON.readTree(file.toFile())) {
                CompiledCheck check = CompiledCheck.forDocument(group.get("schema"));
                for (JsonNode test : group.get("tests")) {
                    if (check == null) {
                        notCompiled++;
                        continue;
                    }
                    run++;
                    if (check.accepts(test.get("data")) != test.get("valid").asBoolean())
                        failures.add(file.getFileName() + ": " + group.get("description").asText() + " / "
                                + test.get("description").asText());
                }
            }
        }
        assertEquals(List.of(), failures);
        // what it leaves to networknt: $id below the root, plain-name fragments, unknown keywords, draft-4 forms
        assertTrue(run >= 862, "ran " + run + " tests, " + notCompiled + " left to networknt");
        assertTrue(notCompiled <= 42, notCompiled + " tests left to networknt");
    }

    @Test
    void judgesEveryFormatTestAsNetworkntDoes() throws IOException {
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7);
        SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
        List<String> differences = new ArrayList<>();
        int run = 0, passed = 0;
        for (Path file : files("draft7/optional/format")) {
            for (JsonNode group : JSON.readTree(file.toFile())) {
                CompiledCheck check = CompiledCheck.forDocument(group.get("schema"));
                if (List.of("unknown.json", "regex.json").contains(file.getFileName().toString())
                        || group.at("/schema/format").asText().equals("regex"))
                    continue; // formats it leaves to networknt
                assertNotNull(check, () -> file.getFileName() + ": " + group.get("description").asText());
                JsonSchema networknt = factory.getSchema(group.get("schema"), config);
                for (JsonNode test : group.get("tests")) {
                    run++;
                    boolean ours = check.accepts(test.get("data"));
                    if (ours == test.get("valid").asBoolean()) passed++;
                    if (ours != networknt.validate(test.get("data")).isEmpty())
                        differences.add(file.getFileName() + ": " + test.get("description").asText());
                }
            }
        }
        assertEquals(List.of(), differences);
        assertTrue(run >= 649, "ran " + run);
        assertTrue(passed > run * 0.9, passed + " of " + run + " format tests passed");
    }

    @Test
    void leavesToNetworkntWhatItDoesNotCover() throws IOException {
        for (String schema : List.of(
                "{\"properties\":{\"a\":{\"$id\":\"http://example.com/a\",\"type\":\"string\"}}}",
                "{\"$ref\":\"http://example.com/other.json\"}",
                "{\"$ref\":\"#anchor\"}",
                "{\"format\":\"duration\"}",
                "{\"format\":\"regex\"}",
                "{\"format\":\"no-such-format\"}",
                "{\"x-vendor\":true}",
                "{\"contentMediaType\":\"application/json\"}",
                "{\"definitions\":{\"a\":{\"$ref\":\"#/definitions/b\"},\"b\":{\"$ref\":\"#/definitions/a\"}},\"$ref\":\"#/definitions/a\"}"))
            assertEquals(null, CompiledCheck.forDocument(JSON.readTree(schema)), schema);
    }

    @Test
    void aValueBeyondItsRulesIsLeftToNetworknt() throws IOException {
        CompiledCheck check = CompiledCheck.forDocument(JSON.readTree("{\"maximum\":10}"));
        assertTrue(!check.accepts(JSON.readTree("1e400")), "infinity is not compared, and networknt decides");
        assertTrue(check.accepts(JSON.readTree("9.5")));
    }

    static List<Path> files(String dir) throws IOException {
        Path root;
        try {
            root = Path.of(CompiledCheckSuiteTest.class.getResource("/json-schema-test-suite/" + dir).toURI());
        } catch (URISyntaxException e) {
            throw new IOException(e);
        }
        try (Stream<Path> s = Files.list(root)) {
            return s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
    }
}
