package dev.bloodbank.broker.reconcile;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.bloodbank.broker.management.QuorumMembers;
import dev.bloodbank.topology.Topology;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("quorum queues short of online members")
class ReplicaDriftTest {

    private static final String YAML = """
            apiVersion: bloodbank/v1
            defaults: {replicas: 3}
            events:
              shop.order.placed:
                description: An order was placed.
                schema: { type: object }
                examples: [ {} ]
            subscriptions:
              billing: { events: [ "shop.order.placed" ] }
            """;

    @TempDir
    Path dir;

    private Topology topology() throws IOException {
        Path file = dir.resolve("topology.yaml");
        Files.writeString(file, YAML);
        return Topology.load(file);
    }

    private static final List<String> NODES = List.of("rabbit-1@localhost", "rabbit-2@localhost", "rabbit-3@localhost");

    @Test
    void theReplicationFactorBecomesTheInitialGroupSizeOfEveryQuorumQueue() throws IOException {
        BrokerTopology desired = BrokerTopology.derive(topology());
        Queue work = desired.queue("bloodbank.sub.billing").orElseThrow();
        assertEquals(3L, ((Number) work.arguments().get("x-quorum-initial-group-size")).longValue());
        assertEquals(3L, ((Number) desired.queue("bloodbank.sub.billing.dlq").orElseThrow().arguments()
                .get("x-quorum-initial-group-size")).longValue());
    }

    @Test
    void aQueueWithAMemberDownIsDriftAndOneWithAllOnlineIsNot() throws IOException {
        BrokerTopology desired = BrokerTopology.derive(topology());
        List<QuorumMembers> live = List.of(
                new QuorumMembers("v", "bloodbank.sub.billing", "rabbit-1@localhost", NODES, NODES.subList(0, 2)),
                new QuorumMembers("v", "bloodbank.sub.billing.dlq", "rabbit-1@localhost", NODES, NODES),
                new QuorumMembers("other", "bloodbank.sub.billing.dlq", "rabbit-1@localhost", NODES, List.of()));
        List<ReplicaDrift.UnderReplicated> drift = ReplicaDrift.find(desired, live, "v");
        assertEquals(1, drift.size());
        assertEquals("bloodbank.sub.billing", drift.get(0).queue());
        assertEquals(3, drift.get(0).wanted());
        assertEquals(List.of("rabbit-3@localhost"), drift.get(0).down());
    }
}
