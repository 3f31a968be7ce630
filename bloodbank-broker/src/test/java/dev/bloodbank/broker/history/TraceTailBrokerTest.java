package dev.bloodbank.broker.history;

import static dev.bloodbank.broker.history.HistoryFixture.ASSIGN;
import static dev.bloodbank.broker.history.HistoryFixture.MERGED;
import static dev.bloodbank.broker.history.HistoryFixture.OPENED;
import static dev.bloodbank.broker.history.HistoryFixture.ORPHAN;
import static dev.bloodbank.broker.history.HistoryFixture.envelope;
import static dev.bloodbank.broker.history.HistoryFixture.publish;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.rabbitmq.client.Connection;
import dev.bloodbank.envelope.Envelope;
import dev.bloodbank.testing.broker.BrokerExtension;
import dev.bloodbank.testing.broker.TestVhost;
import dev.bloodbank.topology.Topology;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(BrokerExtension.class)
@DisplayName("trace and tail --since over the archive")
class TraceTailBrokerTest {

    private final Topology topology = HistoryFixture.topology();
    private final Instant t0 = Instant.now().minus(1, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.MILLIS);

    @Test
    void traceFollowsCorrelationIdsRecursively(TestVhost vhost) throws Exception {
        HistoryFixture.apply(vhost, topology);
        Envelope root = envelope(MERGED, t0, List.of(), "github-adapter");
        Envelope unrelated = envelope(MERGED, t0.plusMillis(1), List.of(), "github-adapter");
        Envelope child = envelope(ASSIGN, t0.plusMillis(2), List.of(root.eventId()), "reviewer");
        Envelope other = envelope(OPENED, t0.plusMillis(3), List.of(unrelated.eventId()), "reviewer");
        Envelope grandchild = envelope(ORPHAN, t0.plusMillis(4), List.of(UUID.randomUUID(), child.eventId()), "agent");
        Envelope sibling = envelope(OPENED, t0.plusMillis(5), List.of(root.eventId()), "auditor");
        try (Connection c = vhost.connectionFactory().newConnection(); History history = History.on(c, topology)) {
            publish(c, topology, List.of(root, unrelated, child, other, grandchild, sibling));

            TraceNode tree = history.trace(root.eventId(), t0.minusSeconds(10)).root().orElseThrow();
            assertEquals(root.eventId(), tree.eventId());
            assertEquals("github-adapter", tree.sourceApp());
            assertEquals(List.of(child.eventId(), sibling.eventId()), tree.caused().stream().map(TraceNode::eventId).toList());
            assertEquals(List.of(grandchild.eventId()), tree.caused().get(0).caused().stream().map(TraceNode::eventId).toList());
            assertEquals(4, tree.size());

            History.TraceResult missing = history.trace(UUID.randomUUID(), t0.minusSeconds(10));
            assertTrue(missing.root().isEmpty());
            assertEquals(6, missing.scanned());
            assertEquals(t0.minusSeconds(10), missing.since());
        }
    }

    @Test
    void tailPrintsHistoryThenFollowsLive(TestVhost vhost) throws Exception {
        HistoryFixture.apply(vhost, topology);
        Envelope old = envelope(MERGED, t0.minusSeconds(120), List.of(), "a");
        Envelope recent = envelope(MERGED, t0, List.of(), "a");
        Envelope otherKey = envelope(ORPHAN, t0.plusMillis(1), List.of(), "a");
        Envelope live = envelope(OPENED, Instant.now(), List.of(), "a");
        try (Connection c = vhost.connectionFactory().newConnection(); History history = History.on(c, topology)) {
            publish(c, topology, List.of(old, recent, otherKey));
            List<UUID> seen = new CopyOnWriteArrayList<>();
            Thread publisher = new Thread(() -> {
                try {
                    while (seen.isEmpty()) Thread.sleep(10);
                    publish(c, topology, List.of(live));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            publisher.start();
            history.tail(t0.minusSeconds(60), m -> m.routingKey().startsWith("github."),
                    System.nanoTime() + TimeUnit.SECONDS.toNanos(20), m -> {
                        seen.add(m.envelope().orElseThrow().eventId());
                        return seen.size() < 2;
                    });
            publisher.join(10_000);
            assertEquals(List.of(recent.eventId(), live.eventId()), seen);
        }
    }
}
