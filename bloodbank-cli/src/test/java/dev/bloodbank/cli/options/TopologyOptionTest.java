package dev.bloodbank.cli.options;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bloodbank.cli.Cli;
import dev.bloodbank.cli.text.Palette;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("The topology is -f, else $BLOODBANK_TOPOLOGY, else ./topology.yaml, else the embedded sample")
class TopologyOptionTest {

    @TempDir
    Path dir;

    @Test
    void usesTopologyYamlInTheWorkingDirectory() throws IOException {
        topology(dir.resolve("topology.yaml"), "local.thing.happened");

        Cli.Result result = Cli.runIn(dir, "list-events");

        assertEquals(0, result.exitCode(), result::toString);
        assertTrue(result.out().contains("local.thing.happened"), result::out);
    }

    @Test
    void environmentVariableWinsOverTheWorkingDirectory() throws IOException {
        topology(dir.resolve("topology.yaml"), "local.thing.happened");
        Path configured = topology(dir.resolve("elsewhere.yaml"), "configured.thing.happened");

        Cli.Result result = Cli.runIn(dir, Map.of("BLOODBANK_TOPOLOGY", configured.toString()), Palette.PLAIN, "list-events");

        assertEquals(0, result.exitCode(), result::toString);
        assertTrue(result.out().contains("configured.thing.happened"), result::out);
    }

    @Test
    void relativeEnvironmentVariableIsResolvedAgainstTheWorkingDirectory() throws IOException {
        topology(dir.resolve("elsewhere.yaml"), "configured.thing.happened");

        Cli.Result result = Cli.runIn(dir, Map.of("BLOODBANK_TOPOLOGY", "elsewhere.yaml"), Palette.PLAIN, "list-events");

        assertEquals(0, result.exitCode(), result::toString);
        assertTrue(result.out().contains("configured.thing.happened"), result::out);
    }

    @Test
    void optionWinsOverTheEnvironmentVariable() throws IOException {
        Path configured = topology(dir.resolve("elsewhere.yaml"), "configured.thing.happened");
        Path given = topology(dir.resolve("given.yaml"), "given.thing.happened");

        Cli.Result result = Cli.runIn(dir, Map.of("BLOODBANK_TOPOLOGY", configured.toString()), Palette.PLAIN,
                "list-events", "--topology", given.toString());

        assertEquals(0, result.exitCode(), result::toString);
        assertTrue(result.out().contains("given.thing.happened"), result::out);
    }

    @Test
    void missingFileNamedByTheEnvironmentIsAnErrorNotAFallback() {
        Path missing = dir.resolve("gone.yaml");

        Cli.Result result = Cli.runIn(dir, Map.of("BLOODBANK_TOPOLOGY", missing.toString()), Palette.PLAIN, "list-events");

        assertEquals(1, result.exitCode(), result::toString);
        assertEquals("bloodbank: topology file " + missing + " (from $BLOODBANK_TOPOLOGY) does not exist\n", result.err());
    }

    @Test
    void withoutAnyFileTheEmbeddedSampleCatalogIsUsed() {
        Cli.Result listed = Cli.runIn(dir, "list-events");
        Cli.Result validated = Cli.runIn(dir, "validate");

        assertEquals(0, listed.exitCode(), listed::toString);
        assertTrue(listed.out().contains("fireflies.transcript.uploaded"), listed::out);
        assertEquals(0, validated.exitCode(), validated::toString);
        assertTrue(validated.out().startsWith("classpath:bloodbank/default/topology.yaml: valid, "), validated::out);
    }

    @Test
    void embeddedSampleResolvesItsSchemaFiles() {
        Cli.Result result = Cli.runIn(dir, "show", "llm.call.completed", "-o", "json");

        assertEquals(0, result.exitCode(), result::toString);
        assertTrue(result.out().contains("\"TokenUsage\""), "the schema from schemas/llm/call-completed.json");
    }

    private static Path topology(Path file, String eventKey) throws IOException {
        return Files.writeString(file, """
                apiVersion: bloodbank/v1
                events:
                  %s:
                    description: Something happened.
                    schema: { type: object }
                    examples: [ {} ]
                """.formatted(eventKey));
    }
}
