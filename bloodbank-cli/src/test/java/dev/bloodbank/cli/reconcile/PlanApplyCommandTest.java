package dev.bloodbank.cli.reconcile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bloodbank.cli.Cli;
import dev.bloodbank.cli.text.Palette;
import dev.bloodbank.testing.broker.BrokerExtension;
import dev.bloodbank.testing.broker.TestVhost;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(BrokerExtension.class)
@DisplayName("bloodbank plan and apply")
class PlanApplyCommandTest {

    private static final String TOPOLOGY = """
            apiVersion: bloodbank/v1
            defaults:
              retry: { attempts: 2, initialDelay: 1s }
            events:
              shop.order.placed:
                description: An order was placed.
                schema: { type: object }
                examples: [ {} ]
            commands:
              shop.order.ship:
                description: Ship an order.
                schema: { type: object }
                examples: [ {} ]
            subscriptions:
              billing:
                events: [ "shop.order.*" ]
                queueType: %s
            """;

    @TempDir
    Path dir;

    private Cli.Result bloodbank(TestVhost vhost, String queueType, String... args) throws IOException {
        Files.writeString(dir.resolve("topology.yaml"), TOPOLOGY.formatted(queueType));
        return Cli.runIn(dir, Map.of("BLOODBANK_AMQP_URL", vhost.amqpUrl(), "BLOODBANK_MANAGEMENT_URL", vhost.managementUrl()),
                Palette.PLAIN, args);
    }

    @Test
    void plansAppliesAndThenPlansNoChanges(TestVhost vhost) throws IOException {
        Cli.Result plan = bloodbank(vhost, "quorum", "plan", "--detailed-exitcode");
        assertEquals(2, plan.exitCode(), plan::toString);
        assertTrue(plan.out().startsWith("Bloodbank will make these changes in vhost '" + vhost.name() + "':\n\n"
                + "  + exchange bloodbank.events.v1\n        type=\"topic\" durable\n"), plan::toString);
        assertTrue(plan.out().contains("  + queue bloodbank.sub.billing\n        type=\"quorum\" durable"
                + " arguments.x-dead-letter-exchange=\"bloodbank.dlx.v1\" arguments.x-dead-letter-routing-key=\"bloodbank.sub.billing\"\n"),
                plan::toString);
        assertTrue(plan.out().contains("  + binding bloodbank.events.v1 -> bloodbank.sub.billing [shop.order.*]\n"), plan::toString);
        assertTrue(plan.out().contains("  + queue bloodbank.archive.v1\n        type=\"stream\" durable\n"), plan::toString);
        assertTrue(plan.out().contains("  + queue bloodbank.schemas.v1\n        type=\"stream\" durable\n"), plan::toString);
        assertTrue(plan.out().endsWith("\nPlan: 26 to create, 0 to update, 0 to replace, 0 to delete.\n\n"
                + "Schema registry (bloodbank.schemas.v1):\n"
                + "  + shop.order.placed v1  (first version)\n"
                + "  + shop.order.ship v1  (first version)\n\n"
                + "Schemas: 2 to record, 0 refused.\n"), plan::toString);
        assertEquals("", plan.err());

        Cli.Result apply = bloodbank(vhost, "quorum", "apply");
        assertEquals(0, apply.exitCode(), apply::toString);
        assertTrue(apply.out().contains("  + queue bloodbank.cmd.shop.order.ship: created\n"), apply::toString);
        assertTrue(apply.out().endsWith("Apply complete: 26 done, 0 refused, 0 skipped, 0 failed, 0 not attempted.\n\n"
                + "Schema registry (bloodbank.schemas.v1):\n"
                + "  + shop.order.placed v1  (first version): recorded\n"
                + "  + shop.order.ship v1  (first version): recorded\n\n"
                + "Schemas: 2 recorded, 0 refused.\n"), apply::toString);

        Cli.Result again = bloodbank(vhost, "quorum", "plan", "--detailed-exitcode", "--prune");
        assertEquals(0, again.exitCode(), again::toString);
        assertEquals("No changes. The broker matches the topology (vhost '" + vhost.name() + "').\n", again.out());
    }

    @Test
    void printsAStableJsonPlan(TestVhost vhost) throws IOException {
        Cli.Result plan = bloodbank(vhost, "quorum", "plan", "-o", "json");
        assertEquals(0, plan.exitCode(), plan::toString);
        JsonNode json = new ObjectMapper().readTree(plan.out());
        assertEquals(1, json.get("formatVersion").asInt());
        assertEquals(vhost.name(), json.get("vhost").asText());
        JsonNode first = json.get("changes").get(0);
        assertEquals("create", first.get("action").asText());
        assertEquals("exchange", first.get("kind").asText());
        assertEquals("bloodbank.events.v1", first.get("name").asText());
        assertEquals("topic", first.get("desired").get("type").asText());
        assertEquals(26, json.get("summary").get("create").asInt());
        JsonNode schema = json.get("schemas").get(0);
        assertEquals("shop.order.placed", schema.get("key").asText());
        assertEquals("record", schema.get("action").asText());
        assertEquals(1, schema.get("version").asInt());
    }

    @Test
    void refusesAReplacementWithExitOneAndRecreatesWhenAllowed(TestVhost vhost) throws IOException {
        assertEquals(0, bloodbank(vhost, "quorum", "apply").exitCode());

        Cli.Result plan = bloodbank(vhost, "classic", "plan");
        // The statistics may not have counted the new queue yet: the count is shown when known.
        assertTrue(plan.out().matches("(?s).*-/\\+ queue bloodbank\\.sub\\.billing  \\(must be re-created; [^)]*\\)\n"
                + "        type: \"quorum\" -> \"classic\"   # RabbitMQ fixes a queue's type when it is declared\n.*"), plan::toString);
        assertTrue(plan.out().contains("Plan: 0 to create, 0 to update, 2 to replace, 0 to delete."), plan::toString);

        Cli.Result refused = bloodbank(vhost, "classic", "apply");
        assertEquals(1, refused.exitCode(), refused::toString);
        assertTrue(refused.out().contains("): refused\n"
                + "        queue bloodbank.sub.billing cannot change in place (type: \"quorum\" -> \"classic\")."), refused::toString);
        assertTrue(refused.out().contains("Apply incomplete: 0 done, 2 refused"), refused::toString);

        Cli.Result dryRun = bloodbank(vhost, "classic", "apply", "--allow-recreate", "--dry-run");
        assertEquals(0, dryRun.exitCode(), dryRun::toString);
        assertTrue(dryRun.out().startsWith("Dry run: nothing is changed."), dryRun::toString);
        assertEquals("quorum", vhost.queue("bloodbank.sub.billing").get("type").asText());

        Cli.Result recreated = bloodbank(vhost, "classic", "apply", "--allow-recreate");
        assertEquals(0, recreated.exitCode(), recreated::toString);
        assertTrue(recreated.out().contains(": re-created (deleted while empty and re-created with 1 binding(s))"), recreated::toString);
        assertEquals("classic", vhost.queue("bloodbank.sub.billing").get("type").asText());
        assertEquals(0, bloodbank(vhost, "classic", "plan", "--detailed-exitcode").exitCode());
    }

    @Test
    void appliesExactlyASavedPlanWhileTheBrokerIsUnchanged(TestVhost vhost) throws IOException {
        Cli.Result plan = bloodbank(vhost, "quorum", "plan", "--out", "plan.json");
        assertEquals(0, plan.exitCode(), plan::toString);
        assertTrue(plan.out().endsWith("Saved the plan to plan.json. Apply exactly this plan with: bloodbank apply --plan plan.json\n"),
                plan::toString);
        // The topology changes after the plan was made: apply carries out the plan, not the file.
        Files.writeString(dir.resolve("topology.yaml"), TOPOLOGY.formatted("classic"));

        Cli.Result apply = Cli.runIn(dir, Map.of("BLOODBANK_AMQP_URL", vhost.amqpUrl(),
                "BLOODBANK_MANAGEMENT_URL", vhost.managementUrl()), Palette.PLAIN, "apply", "--plan", "plan.json");
        assertEquals(0, apply.exitCode(), apply::toString);
        assertTrue(apply.out().contains("Apply complete: 26 done, 0 refused"), apply::toString);
        assertEquals("quorum", vhost.queue("bloodbank.sub.billing").get("type").asText());
        assertTrue(apply.out().endsWith("Schema registry (bloodbank.schemas.v1):\n"
                + "  + shop.order.placed v1  (first version): recorded\n"
                + "  + shop.order.ship v1  (first version): recorded\n\n"
                + "Schemas: 2 recorded, 0 refused.\n"), apply::toString);
        Cli.Result history = bloodbank(vhost, "quorum", "schema", "history", "shop.order.placed");
        assertTrue(history.out().startsWith("shop.order.placed (event): 1 version"), history::toString);
    }

    @Test
    void refusesASavedPlanWhenTheSchemaRegistryChangedSinceAndChangesNothing(TestVhost vhost) throws IOException {
        assertEquals(0, bloodbank(vhost, "quorum", "apply").exitCode());
        // a compatible change: a property of any value added to an open object
        String widened = TOPOLOGY.formatted("quorum").replaceFirst("schema: \\{ type: object }",
                "schema: { type: object, properties: { note: {} } }");
        assertTrue(widened.contains("note"), widened);
        Files.writeString(dir.resolve("topology.yaml"), widened);
        Cli.Result plan = Cli.runIn(dir, Map.of("BLOODBANK_AMQP_URL", vhost.amqpUrl(), "BLOODBANK_MANAGEMENT_URL",
                vhost.managementUrl()), Palette.PLAIN, "plan", "--out", "plan.json");
        assertTrue(plan.out().contains("+ shop.order.placed v2"), plan::toString);
        // someone records another change of the same schema in between
        Files.writeString(dir.resolve("topology.yaml"), widened.replace("note: {}", "memo: {}"));
        assertEquals(0, Cli.runIn(dir, Map.of("BLOODBANK_AMQP_URL", vhost.amqpUrl(), "BLOODBANK_MANAGEMENT_URL",
                vhost.managementUrl()), Palette.PLAIN, "apply").exitCode());

        Cli.Result stale = Cli.runIn(dir, Map.of("BLOODBANK_AMQP_URL", vhost.amqpUrl(), "BLOODBANK_MANAGEMENT_URL",
                vhost.managementUrl()), Palette.PLAIN, "apply", "--plan", "plan.json");
        assertEquals(1, stale.exitCode(), stale::toString);
        assertEquals("", stale.out());
        assertTrue(stale.err().matches("bloodbank: plan\\.json: the schema registry changed since this plan was made \\(was"
                + " [0-9a-f]{12}, is [0-9a-f]{12}\\); run plan again and apply the new plan\n"), stale::toString);
        Cli.Result history = Cli.runIn(dir, Map.of("BLOODBANK_AMQP_URL", vhost.amqpUrl(), "BLOODBANK_MANAGEMENT_URL",
                vhost.managementUrl()), Palette.PLAIN, "schema", "history", "shop.order.placed");
        assertTrue(history.out().startsWith("shop.order.placed (event): 2 versions"), history::toString);
    }

    @Test
    void refusesASavedPlanWhenTheBrokerChangedSinceInOneLine(TestVhost vhost) throws IOException {
        Cli.Result plan = bloodbank(vhost, "quorum", "plan", "-o", "json");
        Files.writeString(dir.resolve("plan.json"), plan.out());
        try (var c = vhost.connectionFactory().newConnection(); var ch = c.createChannel()) {
            ch.queueDeclare("someone.elses.queue", true, false, false, null);   // the broker changes in between
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IOException(e);
        }

        Cli.Result stale = bloodbank(vhost, "quorum", "apply", "--plan", "plan.json");
        assertEquals(1, stale.exitCode(), stale::toString);
        assertEquals("", stale.out());
        assertTrue(stale.err().matches("bloodbank: plan\\.json: the broker changed since this plan was made \\(vhost '"
                + vhost.name() + "' was [0-9a-f]{12}, is [0-9a-f]{12}\\); run plan again and apply the new plan\n"), stale::toString);
    }

    @Test
    void saysWhereASavedPlanIsBroken(TestVhost vhost) throws IOException {
        Cli.Result plan = bloodbank(vhost, "quorum", "plan", "-o", "json");
        Files.writeString(dir.resolve("plan.json"), plan.out().replace("\"durable\": true", "\"durable\": \"yes\""));

        Cli.Result broken = bloodbank(vhost, "quorum", "apply", "--plan", "plan.json");
        assertEquals(1, broken.exitCode(), broken::toString);
        assertTrue(broken.err().startsWith("bloodbank: " + dir.resolve("plan.json") + ": changes[0].desired.durable is missing"
                + " or not true/false\n"), broken::toString);
        assertEquals(2, bloodbank(vhost, "quorum", "apply", "--plan", "plan.json", "--prune").exitCode());
    }

    @Test
    void saysInOneLineThatTheBrokerIsUnreachable(TestVhost vhost) throws IOException {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        Cli.Result result = bloodbank(vhost, "quorum", "plan", "--management-url", "http://localhost:" + closed,
                "--amqp-url", "amqp://ops:hunter2@localhost:5672/%2F");
        assertEquals(1, result.exitCode(), result::toString);
        assertEquals("", result.out());
        assertEquals("bloodbank: cannot reach the RabbitMQ management API at http://localhost:" + closed
                + "/ (connection refused); is the broker running with the rabbitmq_management plugin enabled?\n"
                + "  hint: set --management-url or $BLOODBANK_MANAGEMENT_URL to the broker's management API\n", result.err());
    }

    @Test
    void aBrokenTopologyIsReportedBeforeAnUnreachableBroker() throws IOException {
        // the broker is read while the topology loads: the topology's errors still come first
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        Files.writeString(dir.resolve("topology.yaml"), "apiVersion: bloodbank/v1\nevents:\n  shop.order.placed: {}\n");
        long start = System.nanoTime();
        Cli.Result result = Cli.runIn(dir, Map.of(), Palette.PLAIN, "plan", "--management-url", "http://localhost:" + closed,
                "--amqp-url", "amqp://guest:guest@localhost:" + closed + "/%2F");
        assertEquals(1, result.exitCode(), result::toString);
        assertTrue(result.err().contains("topology.yaml:3:"), result::toString);
        assertFalse(result.err().contains("cannot reach"), result::toString);
        assertTrue(System.nanoTime() - start < java.util.concurrent.TimeUnit.SECONDS.toNanos(5), "not held up by the broker reads");
    }

    @Test
    void refusedCredentialsAreOneLineWithoutThePassword(TestVhost vhost) throws IOException {
        Cli.Result result = bloodbank(vhost, "quorum", "apply",
                "--amqp-url", vhost.amqpUrl().replaceFirst("//[^@]*@", "//guest:hunter2@"));
        assertEquals(1, result.exitCode(), result::toString);
        assertTrue(result.err().startsWith("bloodbank: the management API at " + vhost.managementUrl()), result::toString);
        assertFalse(result.err().contains("hunter2"));
        assertFalse(result.err().contains("Exception"));
    }

    @Test
    void helpPagesRenderWithoutFormatWarnings() {
        java.io.PrintStream original = System.err;
        java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
        System.setErr(new java.io.PrintStream(captured, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            for (String command : new String[] {"plan", "apply"}) {
                Cli.Result help = Cli.run(command, "--help");
                assertEquals(0, help.exitCode(), help::toString);
                assertTrue(help.out().contains("guest@localhost:5672/%2F."), help::toString);
            }
        } finally {
            System.setErr(original);
        }
        assertEquals("", captured.toString(java.nio.charset.StandardCharsets.UTF_8));
    }

    @Test
    void anUnknownOptionIsAUsageError(TestVhost vhost) throws IOException {
        assertEquals(2, bloodbank(vhost, "quorum", "plan", "--prnue").exitCode());
        assertEquals(2, bloodbank(vhost, "quorum", "apply", "-o", "json").exitCode());
    }
}
