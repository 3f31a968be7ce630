package dev.bloodbank.cli.reconcile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bloodbank.cli.Cli;
import dev.bloodbank.cli.text.Palette;
import dev.bloodbank.testing.broker.BrokerExtension;
import dev.bloodbank.testing.broker.ManagementHttp;
import dev.bloodbank.testing.broker.TestVhost;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(BrokerExtension.class)
@DisplayName("bloodbank doctor, and apply's checks first")
class DoctorCommandTest {

    private static final String TOPOLOGY = """
            apiVersion: bloodbank/v1
            events:
              shop.order.placed:
                description: An order was placed.
                schema: { type: object }
                examples: [ {} ]
            subscriptions:
              billing: { events: [ "shop.order.placed" ] }
              shipping: { events: [ "shop.order.placed" ] }
            """;

    @TempDir
    Path dir;

    private Cli.Result bloodbank(TestVhost vhost, String... args) throws IOException {
        Files.writeString(dir.resolve("topology.yaml"), TOPOLOGY);
        return Cli.runIn(dir, Map.of("BLOODBANK_AMQP_URL", vhost.amqpUrl(), "BLOODBANK_MANAGEMENT_URL", vhost.managementUrl()),
                Palette.PLAIN, args);
    }

    @Test
    void reportsEveryCheckOfTheRealBrokerAsJson(TestVhost vhost) throws IOException {
        Cli.Result doctor = bloodbank(vhost, "doctor", "-o", "json");
        JsonNode json = new ObjectMapper().readTree(doctor.out());
        assertEquals(json.get("healthy").asBoolean() ? 0 : 1, doctor.exitCode(), doctor::toString);
        List<String> checks = new ArrayList<>();
        json.get("checks").forEach(c -> checks.add(c.get("check").asText()));
        assertEquals(List.of("nodes", "versions", "feature flags", "alarms", "partitions", "file handles", "sockets",
                "vhost limits"), checks);
        assertTrue(json.get("checks").get(0).get("message").asText().matches("(\\d) of \\1 running: rabbit.*@.*"), doctor::toString);
        assertTrue(json.get("checks").get(1).get("message").asText().startsWith("RabbitMQ 3."), doctor::toString);
        // The subscription queues are quorum queues (3 file handles each); their retry and dead-letter queues classic (1).
        int created = json.get("topologyDemand").get("queuesCreated").asInt();
        int handles = json.get("topologyDemand").get("fileHandlesPerNode").asInt();
        assertTrue(created >= 2 && handles >= created + 2 * 2, doctor::toString);
    }

    @Test
    void aVhostQueueLimitTheTopologyWouldBreakFailsDoctorAndStopsApplyBeforeAnyChange(TestVhost vhost) throws IOException {
        ManagementHttp management = vhost.management();
        management.put("vhost-limits/" + ManagementHttp.segment(vhost.name()) + "/max-queues", Map.of("value", 1));

        Cli.Result doctor = bloodbank(vhost, "doctor");
        assertEquals(1, doctor.exitCode(), doctor::toString);
        assertTrue(doctor.out().contains("  failing  vhost limits   max-queues=1, the vhost has 0 and the topology adds "),
                doctor::toString);
        assertTrue(doctor.out().endsWith("Not healthy: 1 failing, 0 warnings.\n"), doctor::toString);

        Cli.Result apply = bloodbank(vhost, "apply", "--force");
        assertEquals(1, apply.exitCode(), apply::toString);
        assertEquals("", apply.out());
        assertTrue(apply.err().startsWith("bloodbank: apply refused: vhost limits: max-queues=1, the vhost has 0 and the"
                + " topology adds "), apply::toString);
        assertTrue(apply.err().endsWith("  hint: bloodbank doctor shows every check; --force does not go past this\n"), apply::toString);
        assertEquals(0, management.get("queues/" + ManagementHttp.segment(vhost.name())).size(), "nothing was created");

        Cli.Result alone = bloodbank(vhost, "doctor", "--no-topology");
        assertTrue(alone.out().contains("  ok       vhost limits   max-queues=1\n"), alone::toString);
    }
}
