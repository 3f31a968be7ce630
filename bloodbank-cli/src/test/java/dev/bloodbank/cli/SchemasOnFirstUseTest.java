package dev.bloodbank.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Commands other than validate (and run) compile a schema only when they validate a payload
 * against it: a broken schema does not stop a listing, and stops a publish of its key with the
 * problem where it is written.
 */
class SchemasOnFirstUseTest {

    @TempDir
    Path dir;

    private Path topology() throws IOException {
        return Files.writeString(dir.resolve("topology.yaml"), """
                apiVersion: bloodbank/v1
                events:
                  shop.order.placed:
                    description: An order was placed.
                    schema: {type: object, properties: {n: {type: integr}}}
                  shop.order.paid:
                    description: An order was paid.
                    schema: {type: object, required: [id]}
                    examples: [{id: o-1}]
                """);
    }

    @Test
    void listingNeedsNoSchemaCompiled() throws IOException {
        Cli.Result result = Cli.run("list-events", "-f", topology().toString(), "-o", "json");

        assertEquals(0, result.exitCode(), result::toString);
        assertTrue(result.out().contains("shop.order.placed") && result.out().contains("shop.order.paid"), result.out());
    }

    @Test
    void publishingToABrokenSchemaReportsItWhereValidateDoes() throws IOException {
        Path file = topology();
        Cli.Result validate = Cli.run("validate", "-f", file.toString());
        Cli.Result publish = Cli.run("publish", "shop.order.placed", "--json", "{\"n\": 1}", "--dry-run", "-f", file.toString());

        String problem = "5:44: error: the schema of event 'shop.order.placed' is not a valid JSON Schema at /properties/n:"
                + " unknown type: [integr]";
        assertEquals(ExitCodes.USER_ERROR, validate.exitCode(), validate::toString);
        assertTrue(validate.err().contains(problem) || validate.out().contains(problem), validate::toString);
        assertEquals(ExitCodes.USER_ERROR, publish.exitCode(), publish::toString);
        assertTrue(publish.err().contains(problem), publish::toString);
    }

    @Test
    void publishingToAnotherKeyCompilesOnlyItsSchema() throws IOException {
        Cli.Result publish = Cli.run("publish", "shop.order.paid", "--example", "--dry-run", "-f", topology().toString());

        assertEquals(0, publish.exitCode(), publish::toString);
        assertTrue(publish.out().contains("\"id\" : \"o-1\"") || publish.out().contains("\"id\": \"o-1\"")
                || publish.out().contains("\"id\":\"o-1\""), publish::toString);
    }
}
