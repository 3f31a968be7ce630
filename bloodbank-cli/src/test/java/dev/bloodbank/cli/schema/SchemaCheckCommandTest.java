package dev.bloodbank.cli.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bloodbank.cli.Cli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SchemaCheckCommandTest {

    private static final String MAIN = """
            apiVersion: bloodbank/v1
            events:
              shop.order.placed:
                description: An order was placed.
                schema:
                  type: object
                  additionalProperties: false
                  required: [order_id]
                  properties:
                    order_id: { type: string }
              shop.order.shipped:
                description: An order was shipped.
                schema: { type: object, properties: { carrier: { type: string } } }
            """;

    @TempDir
    Path dir;

    @Test
    void aCompatibleChangeExitsZero() throws IOException {
        Path main = write("main/topology.yaml", MAIN);
        Path branch = write("branch/topology.yaml", MAIN.replace("order_id: { type: string }",
                "order_id: { type: string }\n        coupon: { type: string }"));

        Cli.Result result = Cli.run("schema", "check", "-f", branch.toString(), "--against", main.toString());

        assertEquals(0, result.exitCode(), result::toString);
        assertEquals(branch + " against " + main + ": compatible, 2 schemas checked; 0 new, 0 removed\n", result.out());
        assertEquals("", result.err());
    }

    @Test
    void anIncompatibleChangeIsPrintedWithKeyPointerRuleAndHintAndExitsOne() throws IOException {
        Path main = write("main/topology.yaml", MAIN);
        Path branch = write("branch/topology.yaml", MAIN
                .replace("required: [order_id]", "required: [order_id, currency]")
                .replace("order_id: { type: string }", "order_id: { type: string }\n        currency: { type: string }"));

        Cli.Result result = Cli.run("schema", "check", "-f", branch.toString(), "--against", main.toString());

        assertEquals(1, result.exitCode(), result::toString);
        assertEquals("""
                shop.order.placed (BACKWARD): incompatible
                  /required/1: REQUIRED_PROPERTY_ADDED (breaks BACKWARD)
                    required property 'currency' added without a default: consumers on the new schema could not read messages written with the old one
                    hint: add a "default" to the property, or make it optional (leave it out of "required")

                %s against %s: incompatible: 1 of 2 schemas (1 incompatible change); 0 new, 0 removed
                """.formatted(branch, main), result.out());
    }

    @Test
    void theKeysModeInTheCurrentTopologyDecides() throws IOException {
        Path main = write("main/topology.yaml", MAIN);
        String added = MAIN.replace("carrier: { type: string }", "carrier: { type: string }, eta: { type: string }");
        Path backward = write("backward/topology.yaml", added);
        Path relaxed = write("relaxed/topology.yaml", added.replace("description: An order was shipped.",
                "description: An order was shipped.\n    compatibility: FORWARD"));

        assertEquals(1, Cli.run("schema", "check", "-f", backward.toString(), "--against", main.toString()).exitCode());
        Cli.Result result = Cli.run("schema", "check", "-f", relaxed.toString(), "--against", main.toString());
        assertEquals(0, result.exitCode(), result::toString);
    }

    @Test
    void jsonOutputListsEveryIncompatibility() throws IOException {
        Path main = write("main/topology.yaml", MAIN);
        Path branch = write("branch/topology.yaml", MAIN.replace("additionalProperties: false", "additionalProperties: false\n      minProperties: 1")
                .replace("  shop.order.shipped:\n    description: An order was shipped.\n    schema: { type: object, properties: { carrier: { type: string } } }\n", "")
                + "  shop.order.refunded:\n    description: Refunded.\n    schema: { type: object }\n");

        Cli.Result result = Cli.run("schema", "check", "-f", branch.toString(), "--against", main.toString(), "-o", "json");

        assertEquals(1, result.exitCode(), result::toString);
        JsonNode json = new ObjectMapper().readTree(result.out());
        assertEquals(1, json.get("formatVersion").asInt());
        assertEquals(false, json.get("compatible").asBoolean());
        assertEquals("[\"shop.order.refunded\"]", json.get("new").toString());
        assertEquals("[\"shop.order.shipped\"]", json.get("removed").toString());
        JsonNode only = json.get("incompatibilities").get(0);
        assertEquals(1, json.get("incompatibilities").size());
        assertEquals("shop.order.placed", only.get("key").asText());
        assertEquals("BACKWARD", only.get("mode").asText());
        assertEquals("CONSTRAINT_TIGHTENED", only.get("rule").asText());
        assertEquals("BACKWARD", only.get("direction").asText());
        assertEquals("/minProperties", only.get("pointer").asText());
        assertTrue(only.get("hint").asText().startsWith("messages written with the old schema may break"), only::toString);
    }

    @Test
    void anAgainstFileThatIsNotATopologyIsOneLocatedErrorAndAUsageExit() throws IOException {
        Path current = write("topology.yaml", MAIN);
        Path compose = write("docker-compose.yaml", "services:\n  rabbitmq:\n    image: rabbitmq:4\n");

        Cli.Result result = Cli.run("schema", "check", "-f", current.toString(), "--against", compose.toString());

        assertEquals(2, result.exitCode(), result::toString);
        assertEquals("", result.out());
        String[] lines = result.err().split("\n");
        assertTrue(lines[0].startsWith(compose + ":1:1: error: "), result.err());
        assertTrue(result.err().contains("bloodbank: --against " + compose + " is not a valid topology (2 errors; `bloodbank validate -f "
                + compose + "` lists them)"), result.err());
        assertTrue(!result.err().contains("Exception"), result.err());
    }

    @Test
    void aMissingAgainstFileIsAUsageError() throws IOException {
        Path current = write("topology.yaml", MAIN);

        Cli.Result result = Cli.run("schema", "check", "-f", current.toString(), "--against", dir.resolve("nope.yaml").toString());

        assertEquals(2, result.exitCode(), result::toString);
        assertTrue(result.err().startsWith("bloodbank: --against " + dir.resolve("nope.yaml") + " does not exist\n"), result.err());
    }

    @Test
    void withoutAgainstItIsAUsageError() {
        Cli.Result result = Cli.run("schema", "check");

        assertEquals(2, result.exitCode(), result::toString);
        assertTrue(result.err().contains("Missing required option: '--against=FILE'"), result.err());
    }

    private Path write(String relative, String content) throws IOException {
        Path file = dir.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
        return file;
    }
}
