package dev.bloodbank.cli.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bloodbank.cli.Cli;
import dev.bloodbank.cli.text.Palette;
import dev.bloodbank.testing.broker.BrokerExtension;
import dev.bloodbank.testing.broker.TestVhost;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(BrokerExtension.class)
@DisplayName("bloodbank schema history, show and diff, and the compatibility gate of plan and apply")
class SchemaRegistryCommandTest {

    private static final String TOPOLOGY = """
            apiVersion: bloodbank/v1
            events:
              shop.order.placed:
                description: An order was placed.
                compatibility: %s
                schema: %s
            subscriptions:
              billing:
                events: [ "shop.order.*" ]
            """;
    private static final String V1 = "{ type: object, additionalProperties: false, required: [id], properties: { id: { type: string } } }";
    /** Reformatted: the same schema. */
    private static final String V1_AGAIN = "{ properties: { id: { type: string, description: the order } }, type: object, required: [id],"
            + " additionalProperties: false }";
    private static final String V2 = "{ type: object, additionalProperties: false, required: [id], properties: { id: { type: string }, total: { type: number } } }";
    private static final String BREAKING = "{ type: object, additionalProperties: false, required: [id, total, currency], properties: { id: { type: string },"
            + " total: { type: number }, currency: { type: string } } }";

    @TempDir
    Path dir;

    private Cli.Result bloodbank(TestVhost vhost, String mode, String schema, String... args) throws IOException {
        Files.writeString(dir.resolve("topology.yaml"), TOPOLOGY.formatted(mode, schema));
        return run(vhost, args);
    }

    private Cli.Result run(TestVhost vhost, String... args) {
        return Cli.runIn(dir, Map.of("BLOODBANK_AMQP_URL", vhost.amqpUrl(), "BLOODBANK_MANAGEMENT_URL", vhost.managementUrl()),
                Palette.PLAIN, args);
    }

    @Test
    void recordsVersionsOnlyOnRealChangesAndShowsThem(TestVhost vhost) throws IOException {
        assertEquals(0, bloodbank(vhost, "BACKWARD", V1, "apply").exitCode());
        Cli.Result same = bloodbank(vhost, "BACKWARD", V1_AGAIN, "apply");
        assertEquals(0, same.exitCode(), same::toString);
        assertTrue(same.out().startsWith("No changes."), same::toString);
        assertTrue(!same.out().contains("Schema"), "a reformatted schema is no new version: " + same);
        Cli.Result second = bloodbank(vhost, "BACKWARD", V2, "apply");
        assertTrue(second.out().contains("  + shop.order.placed v2  (changed, compatible under BACKWARD with v1): recorded\n"), second::toString);

        Cli.Result history = run(vhost, "schema", "history", "shop.order.placed");
        assertEquals(0, history.exitCode(), history::toString);
        String[] lines = history.out().split("\n");
        assertEquals("shop.order.placed (event): 2 versions", lines[0]);
        assertTrue(lines[2].startsWith("  v1 ") && lines[2].endsWith(dir.resolve("topology.yaml").toString()), history::toString);
        assertTrue(lines[3].startsWith("  v2 "), history::toString);

        JsonNode json = new ObjectMapper().readTree(run(vhost, "schema", "history", "shop.order.placed", "-o", "json").out());
        assertEquals(2, json.get("versions").size());
        assertEquals(64, json.get("versions").get(1).get("topology").get("sha256").asText().length());

        JsonNode shown = new ObjectMapper().readTree(run(vhost, "schema", "show", "shop.order.placed", "--version", "1", "-o", "json").out());
        assertEquals(1, shown.get("version").asInt());
        assertEquals(2, shown.get("latest").asInt());
        assertEquals("string", shown.get("schema").get("properties").get("id").get("type").asText());

        Cli.Result diff = run(vhost, "schema", "diff", "shop.order.placed", "1", "2");
        assertEquals(0, diff.exitCode(), diff::toString);
        assertEquals("shop.order.placed v1 -> v2: 1 change\n"
                + "  /properties/total: PROPERTY_ADDED_TO_CLOSED_CONTENT_MODEL  breaks FORWARD\n", diff.out().replaceAll("\n      .*", ""));
        JsonNode diffJson = new ObjectMapper().readTree(run(vhost, "schema", "diff", "shop.order.placed", "1", "2", "-o", "json").out());
        assertEquals("/properties/total", diffJson.get("changes").get(0).get("pointer").asText());
    }

    @Test
    void anUnknownKeyOrVersionIsOneLineWithTheNearest(TestVhost vhost) throws IOException {
        Cli.Result empty = bloodbank(vhost, "BACKWARD", V1, "schema", "history", "shop.order.placed");
        assertEquals(1, empty.exitCode(), empty::toString);
        assertTrue(empty.err().contains("holds no schema yet"), empty::toString);

        bloodbank(vhost, "BACKWARD", V1, "apply");
        Cli.Result typo = run(vhost, "schema", "show", "shop.order.placd");
        assertEquals(1, typo.exitCode(), typo::toString);
        assertTrue(typo.err().contains("no schema of 'shop.order.placd' in the registry"), typo::toString);
        assertTrue(typo.err().contains("did you mean 'shop.order.placed'?"), typo::toString);
        Cli.Result version = run(vhost, "schema", "diff", "shop.order.placed", "1", "4");
        assertEquals(1, version.exitCode(), version::toString);
        assertTrue(version.err().contains("shop.order.placed has no version 4"), version::toString);
    }

    @Test
    void planAndApplyRefuseABreakingChangeUnlessTheModeIsNone(TestVhost vhost) throws IOException {
        bloodbank(vhost, "BACKWARD", V1, "apply");

        Cli.Result plan = bloodbank(vhost, "BACKWARD", BREAKING, "plan", "--detailed-exitcode");
        assertEquals(2, plan.exitCode(), plan::toString);
        assertTrue(plan.out().contains("  ! shop.order.placed  (incompatible under BACKWARD): refused\n"), plan::toString);
        assertTrue(plan.out().contains("        /required/1: REQUIRED_PROPERTY_ADDED (breaks BACKWARD against v1)\n"), plan::toString);
        assertTrue(plan.out().contains("          hint: "), plan::toString);
        assertTrue(plan.out().endsWith("Schemas: 0 to record, 1 refused.\n"), plan::toString);
        JsonNode json = new ObjectMapper().readTree(bloodbank(vhost, "BACKWARD", BREAKING, "plan", "-o", "json").out());
        JsonNode refused = json.get("schemas").get(0);
        assertEquals("refused", refused.get("action").asText());
        boolean named = false;
        for (JsonNode i : refused.get("incompatibilities"))
            named |= i.get("rule").asText().equals("REQUIRED_PROPERTY_ADDED") && i.get("pointer").asText().equals("/required/1");
        assertTrue(named, refused::toString);

        Cli.Result apply = bloodbank(vhost, "BACKWARD", BREAKING, "apply");
        assertEquals(1, apply.exitCode(), apply::toString);
        assertTrue(apply.out().contains("set `compatibility: NONE` on shop.order.placed"), apply::toString);
        assertEquals(1, versions(vhost));

        Cli.Result relaxed = bloodbank(vhost, "NONE", BREAKING, "apply");
        assertEquals(0, relaxed.exitCode(), relaxed::toString);
        assertEquals(2, versions(vhost));
    }

    private int versions(TestVhost vhost) throws IOException {
        return new ObjectMapper().readTree(run(vhost, "schema", "history", "shop.order.placed", "-o", "json").out()).get("versions").size();
    }
}
