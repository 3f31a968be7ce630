package dev.bloodbank.cli.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bloodbank.cli.Cli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ValidateCommandTest {

    private static final String ORDER_SCHEMA = """
            {
              "$schema": "http://json-schema.org/draft-07/schema#",
              "type": "object",
              "required": ["order_id"],
              "properties": { "order_id": { "type": "string", "minLength": 1 } }
            }
            """;

    @TempDir
    Path dir;

    @Test
    void validTopologyExitsZeroWithASummaryOnStdout() throws IOException {
        Path file = write("topology.yaml", """
                apiVersion: bloodbank/v1
                events:
                  shop.order.placed:
                    description: An order was placed.
                    schemaFile: schemas/order.json
                    examples:
                      - { order_id: o-1 }
                subscriptions:
                  billing:
                    events: [ "shop.order.*" ]
                """);
        write("schemas/order.json", ORDER_SCHEMA);

        Cli.Result result = Cli.run("validate", "-f", file.toString());

        assertEquals(0, result.exitCode(), result::toString);
        assertEquals(file + ": valid, 1 event, 0 commands, 1 subscription (0 warnings)\n", result.out());
        assertEquals("", result.err());
    }

    @Test
    void warningsArePrintedButDoNotFailValidation() throws IOException {
        Path file = write("topology.yaml", """
                apiVersion: bloodbank/v1
                events:
                  shop.order.placed:
                    description: An order was placed.
                    schema: { type: object }
                    examples: [ {} ]
                subscriptions:
                  refunds:
                    events: [ "shop.refund.*" ]
                """);

        Cli.Result result = Cli.run("validate", "-f", file.toString());

        assertEquals(0, result.exitCode(), result::toString);
        assertTrue(result.err().matches("(?s)" + quoted(file) + ":9:\\d+: warning: .*shop\\.refund\\.\\*.*"), result::err);
        assertTrue(result.err().contains("\n  hint: "), result::err);
        assertEquals(file + ": valid, 1 event, 0 commands, 1 subscription (1 warning)\n", result.out());
    }

    @Test
    void invalidTopologyExitsOneWithEveryProblemLocatedOnStderr() throws IOException {
        Path file = write("bad.yaml", """
                apiVersion: bloodbank/v1
                events:
                  shop.order.place:
                    description: An order was placed.
                    schema: { type: object, required: [order_id] }
                    examples:
                      - { customer: c-1 }
                """);

        Cli.Result result = Cli.run("validate", "-f", file.toString());

        assertEquals(1, result.exitCode(), result::toString);
        assertEquals("", result.out());
        List<String> headlines = result.err().lines().filter(l -> l.startsWith(file.toString())).toList();
        assertTrue(headlines.stream().anyMatch(l -> l.matches(quoted(file) + ":3:\\d+: error: .*shop\\.order\\.place.*")), result::err);
        assertTrue(headlines.stream().anyMatch(l -> l.matches(quoted(file) + ":7:\\d+: error: .*order_id.*")), result::err);
        assertTrue(result.err().contains("\n  hint: "), result::err);
        assertTrue(result.err().endsWith(file + ": invalid, 2 errors, 0 warnings\n"), result::err);
    }

    @Test
    void malformedYamlIsALocatedError() throws IOException {
        Path file = write("broken.yaml", "apiVersion: bloodbank/v1\nevents:\n  shop.order.placed: {\n");

        Cli.Result result = Cli.run("validate", "-f", file.toString());

        assertEquals(1, result.exitCode(), result::toString);
        assertTrue(result.err().startsWith(file + ":"), result::err);
        assertTrue(result.err().contains(": error: "), result::err);
        assertTrue(!result.err().contains("\tat "), "no stack trace: " + result.err());
    }

    @Test
    void missingFileIsOneLine() {
        Path missing = dir.resolve("nope.yaml");

        Cli.Result result = Cli.run("validate", "-f", missing.toString());

        assertEquals(1, result.exitCode(), result::toString);
        assertEquals("bloodbank: topology file " + missing + " does not exist\n", result.err());
        assertEquals("", result.out());
    }

    @Test
    void directoryInsteadOfAFileIsOneLine() {
        Cli.Result result = Cli.run("validate", "-f", dir.toString());

        assertEquals(1, result.exitCode(), result::toString);
        assertEquals("bloodbank: topology file " + dir + " is a directory, not a file\n", result.err());
    }

    @Test
    void otherCommandsRefuseAnInvalidTopologyWithTheSameLocatedProblems() throws IOException {
        Path file = write("bad.yaml", """
                apiVersion: bloodbank/v1
                events:
                  shop.order.place:
                    description: An order was placed.
                    schema: { type: object }
                    examples: [ {} ]
                """);

        Cli.Result result = Cli.run("list-events", "-f", file.toString());

        assertEquals(1, result.exitCode(), result::toString);
        assertEquals("", result.out());
        assertTrue(result.err().matches("(?s)" + quoted(file) + ":3:\\d+: error: .*"), result::err);
        assertTrue(result.err().endsWith("bloodbank: the topology is invalid (1 error, 0 warnings);"
                + " fix the errors above, `bloodbank validate` checks again\n"), result::err);
    }

    private Path write(String name, String content) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, content);
    }

    private static String quoted(Path file) {
        return java.util.regex.Pattern.quote(file.toString());
    }
}
