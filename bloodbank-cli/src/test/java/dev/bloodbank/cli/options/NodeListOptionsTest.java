package dev.bloodbank.cli.options;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import dev.bloodbank.cli.Cli;
import dev.bloodbank.cli.text.Palette;
import dev.bloodbank.testing.broker.BrokerExtension;
import dev.bloodbank.testing.broker.TestVhost;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(BrokerExtension.class)
@DisplayName("--amqp-url and --management-url listing several nodes")
class NodeListOptionsTest {

    private static final Path DIR = Path.of("src", "test", "resources", "runtime").toAbsolutePath();
    private static final String TOPOLOGY = DIR.resolve("topology.yaml").toString();

    /** A node nothing listens on: port 1 on loopback refuses at once. */
    private static final String DEAD = "127.0.0.1:1";

    @Test
    void aListWithANodeDownStillAppliesAndPublishes(TestVhost vhost) throws Exception {
        URI amqp = URI.create(vhost.amqpUrl());
        String live = amqp.getHost() + ":" + amqp.getPort();
        String nodes = vhost.amqpUrl().replace(live, DEAD) + "," + live;
        String management = "http://" + DEAD + "," + vhost.managementUrl();
        Map<String, String> env = Map.of("BLOODBANK_AMQP_URL", nodes, "BLOODBANK_MANAGEMENT_URL", management);

        Cli.Result apply = Cli.runIn(DIR, env, Palette.PLAIN, "apply", "-f", TOPOLOGY);
        assertEquals(0, apply.exitCode(), apply::toString);
        Cli.Result publish = Cli.runIn(DIR, env, Palette.PLAIN, "publish", "fireflies.transcript.uploaded",
                "--example", "1", "-f", TOPOLOGY);
        assertEquals(0, publish.exitCode(), publish::toString);
        try (Connection c = vhost.connectionFactory().newConnection(); Channel ch = c.createChannel()) {
            assertEquals(1, ch.messageCount("bloodbank.sub.transcriber"));
        }
    }

    @Test
    void aMalformedListIsOneLineNamingTheEntry(TestVhost vhost) {
        Cli.Result publish = Cli.runIn(DIR, Map.of(), Palette.PLAIN, "publish", "fireflies.transcript.uploaded",
                "--example", "1", "-f", TOPOLOGY, "--amqp-url", vhost.amqpUrl() + ",rabbit-2:56x2");
        assertEquals(2, publish.exitCode(), publish::toString);
        assertTrue(publish.err().contains(" (from --amqp-url) is malformed (the AMQP node 'rabbit-2:56x2' has a bad port '56x2';"
                + " a port is a number from 1 to 65535); expected "), publish.err());
        assertEquals(2, publish.err().lines().count(), "one line and the usage hint: " + publish.err());
        Cli.Result plan = Cli.runIn(DIR, Map.of(), Palette.PLAIN, "plan", "-f", TOPOLOGY,
                "--management-url", vhost.managementUrl() + ",,http://x");
        assertEquals(2, plan.exitCode(), plan::toString);
        assertTrue(plan.err().startsWith("bloodbank: the management URL list " + vhost.managementUrl()
                + ",,http://x has an empty entry (number 2); separate nodes with single commas (from --management-url)\n"), plan.err());
    }
}
