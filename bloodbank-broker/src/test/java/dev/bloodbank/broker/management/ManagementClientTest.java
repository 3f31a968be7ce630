package dev.bloodbank.broker.management;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bloodbank.testing.broker.BrokerExtension;
import dev.bloodbank.testing.broker.TestVhost;
import java.net.ServerSocket;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(BrokerExtension.class)
@DisplayName("The management API client's errors")
class ManagementClientTest {

    @Test
    void saysInOneLineThatTheBrokerIsUnreachable() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        ManagementClient client = new ManagementClient(BrokerAddress.of(
                "amqp://admin:s3cret@localhost:5672/%2F", "http://localhost:" + closedPort));
        ManagementException e = assertThrows(ManagementException.class, client::queues);
        assertEquals(ManagementException.Reason.UNREACHABLE, e.reason());
        assertEquals("cannot reach the RabbitMQ management API at http://localhost:" + closedPort
                + "/ (connection refused); is the broker running with the rabbitmq_management plugin enabled?", e.getMessage());
    }

    @Test
    void saysWhichUserWasRefusedWithoutShowingThePassword(TestVhost vhost) {
        String url = vhost.amqpUrl().replaceFirst("//[^@]*@", "//guest:wrong-password@");
        ManagementClient client = new ManagementClient(BrokerAddress.of(url, vhost.managementUrl()));
        ManagementException e = assertThrows(ManagementException.class, client::exchanges);
        assertEquals(ManagementException.Reason.UNAUTHORIZED, e.reason());
        assertTrue(e.getMessage().contains("refused the credentials of user 'guest' (401)"), e.getMessage());
        assertFalse(e.getMessage().contains("wrong-password"));

        // the same for a request with a body, which the connection must not take for a retry
        ManagementException put = assertThrows(ManagementException.class, client::createVhost);
        assertEquals(ManagementException.Reason.UNAUTHORIZED, put.reason(), put.getMessage());
        assertTrue(put.getMessage().contains("refused the credentials of user 'guest' (401)"), put.getMessage());
    }

    @Test
    void saysHowToCreateAMissingVhost(TestVhost vhost) {
        String url = vhost.amqpUrl().replace(vhost.name(), vhost.name() + "-missing");
        ManagementClient client = new ManagementClient(BrokerAddress.of(url, vhost.managementUrl()));
        ManagementException e = assertThrows(ManagementException.class, client::bindings);
        assertEquals(ManagementException.Reason.NOT_FOUND, e.reason());
        assertTrue(e.getMessage().startsWith("vhost '" + vhost.name() + "-missing' does not exist"), e.getMessage());
    }

    @Test
    void countsMessagesExactlyOverAmqp(TestVhost vhost) throws Exception {
        BrokerAddress address = BrokerAddress.of(vhost.amqpUrl(), vhost.managementUrl());
        new ManagementClient(address).declareQueue(new QueueInfo("q", "quorum", true, false, false,
                java.util.Map.of("x-queue-type", "quorum"), null));
        try (var c = vhost.connectionFactory().newConnection(); var ch = c.createChannel()) {
            ch.confirmSelect();
            ch.basicPublish("", "q", null, new byte[] {1});
            ch.waitForConfirmsOrDie(5000);
        }
        try (QueueProbe probe = new QueueProbe(address)) {
            assertEquals(new QueueProbe.Counts(1, 0), probe.counts("q"));
            assertEquals(null, probe.counts("no-such-queue"));
            assertEquals(new QueueProbe.Counts(1, 0), probe.counts("q"), "a missing queue does not break the probe");
        }
    }

    @Test
    void listsQueuesWithoutTheirStatisticsAndReadsOneQueuesCount(TestVhost vhost) throws Exception {
        ManagementClient client = new ManagementClient(BrokerAddress.of(vhost.amqpUrl(), vhost.managementUrl()));
        client.declareQueue(new QueueInfo("quorum-q", "quorum", true, false, false, java.util.Map.of("x-queue-type", "quorum"), null));
        client.declareQueue(new QueueInfo("classic-q", "classic", true, false, false, java.util.Map.of(), null));
        try (var c = vhost.connectionFactory().newConnection(); var ch = c.createChannel()) {
            ch.confirmSelect();
            for (int i = 0; i < 3; i++) ch.basicPublish("", "quorum-q", null, new byte[] {1});
            ch.basicPublish("", "classic-q", null, new byte[] {1});
            ch.waitForConfirmsOrDie(5000);
        }
        var listed = new java.util.HashMap<String, QueueInfo>();
        client.queues().forEach(q -> listed.put(q.name(), q));
        assertEquals(java.util.Set.of("quorum-q", "classic-q"), listed.keySet());
        assertEquals("quorum", listed.get("quorum-q").type());
        assertEquals(java.util.Map.of("x-queue-type", "quorum"), listed.get("quorum-q").arguments());
        assertTrue(listed.get("quorum-q").durable());
        assertEquals("classic", listed.get("classic-q").type());
        assertFalse(listed.get("classic-q").isDown());
        assertEquals(null, listed.get("quorum-q").messages(), "the listing leaves the counts out");

        // a queue's own count is the broker's sample (every 5 s by default): it comes once sampled
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(20);
        while (!Long.valueOf(3).equals(client.queueMessages("quorum-q")) && System.nanoTime() < deadline) Thread.sleep(250);
        assertEquals(3L, client.queueMessages("quorum-q"));
        while (!Long.valueOf(1).equals(client.queueMessages("classic-q")) && System.nanoTime() < deadline) Thread.sleep(250);
        assertEquals(1L, client.queueMessages("classic-q"));
        assertEquals(null, client.queueMessages("no-such-queue"));
    }
}
