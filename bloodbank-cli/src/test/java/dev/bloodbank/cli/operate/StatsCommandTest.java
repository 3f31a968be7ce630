package dev.bloodbank.cli.operate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import dev.bloodbank.cli.Cli;
import dev.bloodbank.cli.text.Palette;
import dev.bloodbank.testing.broker.Await;
import dev.bloodbank.testing.broker.BrokerExtension;
import dev.bloodbank.testing.broker.ManagementHttp;
import dev.bloodbank.testing.broker.TestVhost;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(BrokerExtension.class)
@DisplayName("bloodbank stats")
class StatsCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Classic queues and one retry: quick to apply; what is measured does not depend on the type. */
    private static final String TOPOLOGY = """
            apiVersion: bloodbank/v1
            defaults:
              queueType: classic
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
            """;
    private static final String BILLING = "bloodbank.sub.billing";
    private static final Duration STATISTICS_LAG = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    private Cli.Result bloodbank(TestVhost vhost, String... args) throws IOException {
        Files.writeString(dir.resolve("topology.yaml"), TOPOLOGY);
        return Cli.runIn(dir, Map.of("BLOODBANK_AMQP_URL", vhost.amqpUrl(), "BLOODBANK_MANAGEMENT_URL", vhost.managementUrl()),
                Palette.PLAIN, args);
    }

    private void publish(TestVhost vhost, String exchange, String routingKey, int count) throws Exception {
        try (Connection c = vhost.connectionFactory().newConnection(); Channel ch = c.createChannel()) {
            ch.confirmSelect();
            for (int i = 0; i < count; i++) {
                ch.basicPublish(exchange, routingKey, true, new AMQP.BasicProperties.Builder().deliveryMode(2).build(),
                        "{}".getBytes(StandardCharsets.UTF_8));
            }
            ch.waitForConfirmsOrDie(10_000);
        }
    }

    /** Polls stats as JSON until the management API's statistics show what was published. */
    private JsonNode awaitJson(TestVhost vhost, java.util.function.Predicate<JsonNode> ready) {
        return Await.until(STATISTICS_LAG, "the statistics to show the messages", () -> {
            Cli.Result r = bloodbank(vhost, "stats", "-o", "json");
            assertEquals(0, r.exitCode(), r::toString);
            return JSON.readTree(r.out());
        }, ready);
    }

    private static boolean everyWorkQueueReportsConsumers(JsonNode stats) {
        for (JsonNode c : stats.get("consumers")) if (!c.at("/queue/consumers").isNumber()) return false;
        return stats.at("/unrouted/consumers").isNumber();
    }

    private static JsonNode consumer(JsonNode stats, String owner) {
        for (JsonNode c : stats.get("consumers")) if (c.get("owner").asText().equals(owner)) return c;
        throw new AssertionError("no consumer " + owner + " in " + stats);
    }

    @Test
    void showsDepthRetriesAndDeadLettersOfEachQueueAsTableAndJson(TestVhost vhost) throws Exception {
        assertEquals(0, bloodbank(vhost, "apply").exitCode());
        publish(vhost, "bloodbank.events.v1", "shop.order.placed", 3);
        publish(vhost, "bloodbank.dlx.v1", BILLING, 2);

        // The statistics database reports each column of a new queue when it first samples it.
        JsonNode json = awaitJson(vhost, s -> consumer(s, "billing").path("queue").path("ready").asLong() == 3
                && consumer(s, "billing").path("deadLetterQueue").path("ready").asLong() == 2
                && everyWorkQueueReportsConsumers(s));
        assertEquals(1, json.get("formatVersion").asInt());
        assertEquals(vhost.name(), json.get("vhost").asText());
        JsonNode billing = consumer(json, "billing");
        assertEquals("subscription", billing.get("role").asText());
        assertEquals(BILLING, billing.at("/queue/name").asText());
        assertTrue(billing.at("/queue/exists").asBoolean());
        assertEquals(0, billing.at("/queue/unacked").asLong());
        assertEquals(0, billing.at("/queue/consumers").asLong());
        assertEquals(List.of(BILLING + ".retry.1s"), names(billing.get("retryQueues")));
        assertEquals(0, billing.get("retrying").asLong());
        assertEquals(BILLING + ".dlq", billing.at("/deadLetterQueue/name").asText());
        JsonNode ship = consumer(json, "shop.order.ship");
        assertEquals("command", ship.get("role").asText());
        assertEquals(0, ship.at("/queue/ready").asLong());
        assertEquals("bloodbank.unrouted.v1", json.at("/unrouted/name").asText());
        assertEquals(0, json.get("missing").size());

        Cli.Result table = bloodbank(vhost, "stats");
        assertEquals(0, table.exitCode(), table::toString);
        assertEquals("", table.err());
        List<String> lines = table.out().lines().toList();
        assertTrue(lines.get(0).startsWith("Queues of vhost '" + vhost.name() + "' at "), table::toString);
        assertTrue(Pattern.matches("CONSUMER +QUEUE +READY +UNACKED +CONSUMERS +PUBLISH/s +DELIVER/s +RETRYING +DEAD-LETTERED",
                lines.get(2)), table::toString);
        assertTrue(Pattern.matches("command shop\\.order\\.ship +bloodbank\\.cmd\\.shop\\.order\\.ship +0 +0 +0 +\\d+\\.\\d +\\d+\\.\\d +0 +0",
                lines.get(3)), table::toString);
        assertTrue(Pattern.matches("subscription billing +bloodbank\\.sub\\.billing +3 +0 +0 +\\d+\\.\\d +\\d+\\.\\d +0 +2", lines.get(4)),
                table::toString);
        assertTrue(Pattern.matches("unrouted events +bloodbank\\.unrouted\\.v1 +0 +0 +0 +\\d+\\.\\d +\\d+\\.\\d +- +-", lines.get(5)),
                table::toString);
        assertEquals(6, lines.size(), table::toString);
    }

    @Test
    void queuesNotAppliedShowAsMissing(TestVhost vhost) throws Exception {
        Cli.Result table = bloodbank(vhost, "stats");
        assertEquals(0, table.exitCode(), table::toString);
        assertTrue(Pattern.compile("^subscription billing +bloodbank\\.sub\\.billing +missing \\(run bloodbank apply\\)$",
                Pattern.MULTILINE).matcher(table.out()).find(), table::toString);
        assertTrue(Pattern.compile("^unrouted events +bloodbank\\.unrouted\\.v1 +missing \\(run bloodbank apply\\)$",
                Pattern.MULTILINE).matcher(table.out()).find(), table::toString);

        JsonNode json = JSON.readTree(bloodbank(vhost, "stats", "-o", "json").out());
        assertFalse(consumer(json, "billing").at("/queue/exists").asBoolean());
        assertTrue(names(json.get("missing")).containsAll(List.of(BILLING, BILLING + ".retry.1s", BILLING + ".dlq",
                "bloodbank.cmd.shop.order.ship", "bloodbank.unrouted.v1")), json::toString);
    }

    @Test
    void aDeadLetterQueueDeletedByHandIsNamedBelowTheTable(TestVhost vhost) throws Exception {
        assertEquals(0, bloodbank(vhost, "apply").exitCode());
        vhost.management().delete("queues/" + ManagementHttp.segment(vhost.name()) + "/" + BILLING + ".dlq");

        Cli.Result table = bloodbank(vhost, "stats");
        assertEquals(0, table.exitCode(), table::toString);
        assertTrue(Pattern.compile("^subscription billing .* missing$", Pattern.MULTILINE).matcher(table.out()).find(),
                table::toString);
        assertTrue(table.out().endsWith("\n" + BILLING + ".dlq: missing (run bloodbank apply)\n"), table::toString);
    }

    @Test
    void watchRedrawsUntilTheIterationsAreDone(TestVhost vhost) throws Exception {
        assertEquals(0, bloodbank(vhost, "apply").exitCode());

        Cli.Result table = bloodbank(vhost, "stats", "--watch", "100ms", "--iterations", "3");
        assertEquals(0, table.exitCode(), table::toString);
        assertEquals(3, table.out().lines().filter(l -> l.startsWith("Queues of vhost ")).count(), table::toString);

        Cli.Result json = bloodbank(vhost, "stats", "-o", "json", "--watch", "100ms", "--iterations", "2");
        assertEquals(0, json.exitCode(), json::toString);
        List<String> lines = json.out().lines().toList();
        assertEquals(2, lines.size(), json::toString);
        for (String line : lines) assertEquals(vhost.name(), JSON.readTree(line).get("vhost").asText());
    }

    @Test
    void rejectsABadIntervalAndAnUnreachableBroker(TestVhost vhost) throws Exception {
        Cli.Result bad = bloodbank(vhost, "stats", "--watch", "soon");
        assertEquals(2, bad.exitCode(), bad::toString);
        assertTrue(bad.err().contains("'soon' is not a duration"), bad::toString);

        Cli.Result tooShort = bloodbank(vhost, "stats", "--watch", "10ms", "--iterations", "1");
        assertEquals(1, tooShort.exitCode(), tooShort::toString);
        assertTrue(tooShort.err().contains("--watch 10ms is too short"), tooShort::toString);

        Files.writeString(dir.resolve("topology.yaml"), TOPOLOGY);
        Cli.Result unreachable = Cli.runIn(dir, Map.of(), Palette.PLAIN, "stats", "--management-url", "http://127.0.0.1:1");
        assertEquals(1, unreachable.exitCode(), unreachable::toString);
        assertTrue(unreachable.err().contains("cannot reach the RabbitMQ management API at http://127.0.0.1:1/"), unreachable::toString);
    }

    private static List<String> names(JsonNode array) {
        return java.util.stream.StreamSupport.stream(array.spliterator(), false)
                .map(n -> n.isTextual() ? n.asText() : n.get("name").asText()).toList();
    }
}
