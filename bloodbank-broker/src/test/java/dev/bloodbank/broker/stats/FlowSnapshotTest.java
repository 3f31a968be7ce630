package dev.bloodbank.broker.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.bloodbank.broker.management.QueueStats;
import dev.bloodbank.schema.MessageSchema;
import dev.bloodbank.topology.CommandDefinition;
import dev.bloodbank.topology.Defaults;
import dev.bloodbank.topology.EventDefinition;
import dev.bloodbank.topology.Exchanges;
import dev.bloodbank.topology.Location;
import dev.bloodbank.topology.QueueSettings;
import dev.bloodbank.topology.QueueType;
import dev.bloodbank.topology.RetryPolicy;
import dev.bloodbank.topology.Subscription;
import dev.bloodbank.topology.Topology;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FlowSnapshotTest {

    private static final Location HERE = Location.of(Path.of("topology.yaml"));
    private static final MessageSchema ANY = MessageSchema.compile(JsonNodeFactory.instance.objectNode());
    /** Four attempts, delays 1s, 2s, 2s (capped): two distinct retry queues. */
    private static final RetryPolicy CAPPED = new RetryPolicy(4, Duration.ofSeconds(1), 2.0, Duration.ofSeconds(2));
    private static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");

    private static final QueueSettings WORKER = new QueueSettings("bloodbank.cmd.agent.task.assign", 10, QueueType.QUORUM, CAPPED);
    private static final QueueSettings ARCHIVE = new QueueSettings("bloodbank.sub.archive", 10, QueueType.QUORUM, CAPPED);

    private static Topology topology() {
        return new Topology(Topology.API_VERSION, Exchanges.DEFAULT, Defaults.DEFAULT,
                Map.of("agent.task.assigned", new EventDefinition("agent.task.assigned", "x", ANY, List.of(), HERE)),
                Map.of("agent.task.assign", new CommandDefinition("agent.task.assign", "x", ANY, List.of(), WORKER, HERE)),
                Map.of("archive", new Subscription("archive", List.of("#"), ARCHIVE, HERE)),
                Path.of("topology.yaml"));
    }

    private static QueueStats stats(String name, long ready, long unacked) {
        return new QueueStats(name, ready, unacked, 1L, 2.5, 2.0);
    }

    @Test
    void picksTheTopologysQueuesCommandsFirstThenSubscriptionsThenUnrouted() {
        List<QueueStats> live = List.of(
                stats("bloodbank.sub.archive", 7, 1),
                stats("bloodbank.sub.archive.retry.1s", 2, 0),
                stats("bloodbank.sub.archive.retry.2s", 3, 0),
                stats("bloodbank.sub.archive.dlq", 4, 0),
                stats("someone-elses-queue", 100, 0),
                stats(Exchanges.DEFAULT.unrouted(), 5, 0));

        FlowSnapshot snapshot = FlowSnapshot.of(topology(), "events", NOW, live);

        assertEquals(List.of("command", "subscription"),
                snapshot.consumers().stream().map(c -> c.role().label()).toList());
        ConsumerQueues archive = snapshot.consumers().get(1);
        assertEquals("archive", archive.owner());
        assertEquals(8, archive.work().depth());
        assertEquals(List.of("bloodbank.sub.archive.retry.1s", "bloodbank.sub.archive.retry.2s"),
                archive.retries().stream().map(QueueReading::queue).toList(), "one retry queue per distinct delay");
        assertEquals(5, archive.retrying());
        assertEquals(4, archive.deadLetter().depth());
        assertEquals(5, snapshot.unrouted().depth());
        assertTrue(snapshot.queues().noneMatch(q -> q.queue().equals("someone-elses-queue")));
    }

    @Test
    void queuesTheBrokerLacksAreMissingWithNoCounts() {
        FlowSnapshot snapshot = FlowSnapshot.of(topology(), "events", NOW, List.of(stats("bloodbank.sub.archive", 0, 0)));

        ConsumerQueues worker = snapshot.consumers().get(0);
        assertFalse(worker.work().exists());
        assertNull(worker.work().stats());
        assertEquals(0, worker.work().depth());
        assertEquals(List.of(
                "bloodbank.cmd.agent.task.assign", "bloodbank.cmd.agent.task.assign.retry.1s",
                "bloodbank.cmd.agent.task.assign.retry.2s", "bloodbank.cmd.agent.task.assign.dlq",
                "bloodbank.sub.archive.retry.1s", "bloodbank.sub.archive.retry.2s", "bloodbank.sub.archive.dlq",
                Exchanges.DEFAULT.unrouted()), snapshot.missing());
    }

    @Test
    void countsNotYetReportedByTheStatisticsDatabaseCountAsZeroDepth() {
        QueueStats fresh = new QueueStats("bloodbank.sub.archive", null, null, null, 0, 0);
        FlowSnapshot snapshot = FlowSnapshot.of(topology(), "events", NOW, List.of(fresh));

        QueueReading work = snapshot.consumers().get(1).work();
        assertTrue(work.exists());
        assertNull(work.stats().depth());
        assertEquals(0, work.depth());
    }
}
