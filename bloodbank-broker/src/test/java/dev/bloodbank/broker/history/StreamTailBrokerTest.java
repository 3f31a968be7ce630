package dev.bloodbank.broker.history;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import dev.bloodbank.testing.broker.BrokerExtension;
import dev.bloodbank.testing.broker.TestVhost;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Where a stream ends, on a real broker: the chunks sent at attach come before the answer to a
 * cancel, so the tail is exact without waiting for the stream to fall quiet.
 */
@ExtendWith(BrokerExtension.class)
@DisplayName("the tail of a stream")
class StreamTailBrokerTest {

    private static final String STREAM = "tail-probe";
    private static final AMQP.BasicProperties PLAIN = new AMQP.BasicProperties.Builder().build();

    @Test
    @DisplayName("is the last message written, read before the cancel's answer, after bursts of every size")
    void tailIsExactBeforeTheCancelIsAnswered(TestVhost vhost) throws Exception {
        try (Connection c = vhost.connectionFactory().newConnection()) {
            Channel writer = c.createChannel();
            writer.queueDeclare(STREAM, true, false, false, Map.of("x-queue-type", "stream"));
            writer.confirmSelect();
            ArchiveReader reader = ArchiveReader.open(c, STREAM);
            assertEquals(-1, reader.tailOffset(), "an empty stream");

            long written = 0;
            // Unconfirmed bursts let the broker gather many messages into one chunk.
            for (int burst : new int[] {1, 2, 17, 500, 1, 3_000, 40, 12_000, 1}) {
                for (int i = 0; i < burst; i++) writer.basicPublish("", STREAM, PLAIN, new byte[64]);
                writer.waitForConfirmsOrDie(30_000);
                written += burst;
                assertEquals(written - 1, reader.tailBeforeCancel(), "after a burst of " + burst);
                assertEquals(written - 1, reader.tailOffset());
            }

            AtomicLong visited = new AtomicLong();
            assertEquals(written, reader.readToEnd(Duration.ofSeconds(60), m -> {
                assertEquals(visited.getAndIncrement(), m.offset());
                return true;
            }), "a read to the end visits every message once, in order, none dropped past the prefetch");
        }
    }

    @Test
    @DisplayName("read for bodies only gives each body without reading it as an envelope")
    void bodiesOnlyLeavesTheEnvelopeUnread(TestVhost vhost) throws Exception {
        byte[] envelope = dev.bloodbank.envelope.EnvelopeCodec.standard().encode(new dev.bloodbank.envelope.Envelope(
                java.util.UUID.randomUUID(), "test.thing.happened", java.time.Instant.now(), "1.0.0",
                new dev.bloodbank.envelope.Source("h", "service", "a", null), java.util.List.of(), null,
                com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode().put("n", 1), Map.of()));
        try (Connection c = vhost.connectionFactory().newConnection()) {
            Channel writer = c.createChannel();
            writer.queueDeclare(STREAM, true, false, false, Map.of("x-queue-type", "stream"));
            writer.confirmSelect();
            writer.basicPublish("", STREAM, PLAIN, envelope);
            writer.waitForConfirmsOrDie(30_000);
            java.util.List<ArchivedMessage> full = new java.util.ArrayList<>();
            java.util.List<ArchivedMessage> bodies = new java.util.ArrayList<>();
            ArchiveReader reader = ArchiveReader.open(c, STREAM);
            reader.readToEnd(Duration.ofSeconds(30), m -> full.add(m));
            reader.bodiesOnly().readToEnd(Duration.ofSeconds(30), m -> bodies.add(m));
            assertEquals(1, full.size());
            assertEquals("test.thing.happened", full.get(0).envelope().orElseThrow().eventType());
            assertEquals(1, bodies.size());
            assertEquals(java.util.Optional.empty(), bodies.get(0).envelope());
            org.junit.jupiter.api.Assertions.assertArrayEquals(envelope, bodies.get(0).body());
        }
    }
}
