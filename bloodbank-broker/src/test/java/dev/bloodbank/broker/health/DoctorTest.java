package dev.bloodbank.broker.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bloodbank.broker.management.FeatureFlagInfo;
import dev.bloodbank.broker.management.NodeInfo;
import dev.bloodbank.broker.management.QuorumMembers;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("the doctor's checks on a reading")
class DoctorTest {

    private static NodeInfo node(String name, long fdUsed, long fdTotal) {
        return new NodeInfo(name, true, "3.10.8", fdUsed, fdTotal, 3, 900, false, false, List.of());
    }

    private static BrokerReading reading(NodeInfo... nodes) {
        return new BrokerReading(List.of(nodes), List.of(new FeatureFlagInfo("quorum_queue", "enabled", "stable")), Map.of(), 10, List.of());
    }

    private static Finding finding(Diagnosis d, String check) {
        return d.findings().stream().filter(f -> f.check().equals(check)).findFirst().orElseThrow();
    }

    @Test
    void aQuietBrokerIsHealthy() {
        Diagnosis d = Doctor.examine(reading(node("rabbit-1@localhost", 100, 1024)), TopologyDemand.NONE);
        assertTrue(d.healthy(), d::toString);
        assertEquals(List.of("nodes", "versions", "feature flags", "alarms", "partitions", "file handles", "sockets",
                "vhost limits"), d.findings().stream().map(Finding::check).toList());
        assertEquals("rabbit-1@localhost uses 100 of 1024", finding(d, "file handles").message());
    }

    @Test
    void aTopologyThatWouldExhaustTheFileHandlesOfTheTightestNodeFails() {
        BrokerReading r = reading(node("rabbit-1@localhost", 100, 4096), node("rabbit-2@localhost", 300, 1024));
        Finding f = finding(Doctor.examine(r, new TopologyDemand(800, 800)), "file handles");
        assertEquals(Status.FAILING, f.status());
        assertEquals("rabbit-2@localhost uses 300 of 1024; the topology adds up to 800 per node, more than it has left:"
                + " raise the broker's open-files limit (ulimit -n, or LimitNOFILE in its service) and restart it", f.message());
    }

    @Test
    void theFileHandlesQuorumQueuesReserveCountThoughTheNodeDoesNotReportThem() {
        // As seen on a broker with the default 1,024 open files: 208 in use, 310 quorum queues reserving 930.
        List<QuorumMembers> quorum = IntStream.range(0, 310).mapToObj(i -> new QuorumMembers("v", "q" + i,
                "rabbit@localhost", List.of("rabbit@localhost"), List.of("rabbit@localhost"))).toList();
        BrokerReading r = new BrokerReading(List.of(node("rabbit@localhost", 208, 1024)), List.of(), Map.of(), 0, quorum);
        Finding f = finding(Doctor.examine(r, TopologyDemand.NONE), "file handles");
        assertEquals(Status.FAILING, f.status());
        assertTrue(f.message().startsWith("rabbit@localhost uses 208 and reserves 930 for 310 quorum queues of 1024, more"
                + " than it has left"), f.message());
    }

    @Test
    void inAClusterAQuorumQueueReservesMoreWhereItsLeaderRuns() {
        List<QuorumMembers> quorum = List.of(new QuorumMembers("v", "q", "rabbit-1@localhost",
                List.of("rabbit-1@localhost", "rabbit-2@localhost", "rabbit-3@localhost"), List.of()));
        BrokerReading r = new BrokerReading(List.of(), List.of(), Map.of(), 0, quorum);
        assertEquals(5, r.reservedFileHandles("rabbit-1@localhost"));
        assertEquals(2, r.reservedFileHandles("rabbit-2@localhost"));
        assertEquals(0, r.reservedFileHandles("rabbit-4@localhost"));
    }

    @Test
    void aTopologyThatLeavesUnderAFifthOfTheFileHandlesWarns() {
        Finding f = finding(Doctor.examine(reading(node("rabbit@localhost", 300, 1024)), new TopologyDemand(600, 600)),
                "file handles");
        assertEquals(Status.WARNING, f.status());
        assertTrue(f.message().contains("leaving 124 (under 20%)"), f.message());
        Finding fits = finding(Doctor.examine(reading(node("rabbit@localhost", 300, 1024)), new TopologyDemand(400, 400)),
                "file handles");
        assertEquals(Status.OK, fits.status(), fits.message());
    }

    @Test
    void anAlarmOrAPartitionFails() {
        NodeInfo alarmed = new NodeInfo("rabbit-2@localhost", true, "3.10.8", 10, 1024, 1, 900, true, true, List.of());
        NodeInfo split = new NodeInfo("rabbit-3@localhost", true, "3.10.8", 10, 1024, 1, 900, false, false,
                List.of("rabbit-1@localhost"));
        Diagnosis d = Doctor.examine(reading(node("rabbit-1@localhost", 10, 1024), alarmed, split), TopologyDemand.NONE);
        assertEquals(Status.FAILING, d.worst());
        assertEquals("memory alarm on rabbit-2@localhost, disk alarm on rabbit-2@localhost: the broker blocks every"
                + " publisher until it clears", finding(d, "alarms").message());
        assertEquals("network partition: rabbit-3@localhost cannot see rabbit-1@localhost", finding(d, "partitions").message());
    }

    @Test
    void aNodeDownOrMixedVersionsWarn() {
        NodeInfo down = new NodeInfo("rabbit-3@localhost", false, "", 0, 0, 0, 0, false, false, List.of());
        NodeInfo newer = new NodeInfo("rabbit-2@localhost", true, "3.11.0", 10, 1024, 1, 900, false, false, List.of());
        Diagnosis d = Doctor.examine(reading(node("rabbit-1@localhost", 10, 1024), newer, down), TopologyDemand.NONE);
        assertFalse(d.healthy());
        assertEquals(Status.WARNING, d.worst());
        assertTrue(finding(d, "nodes").message().startsWith("2 of 3 running; down: rabbit-3@localhost"));
        assertEquals(Status.WARNING, finding(d, "versions").status());
    }

    @Test
    void aNodeThatHasNotReportedItsVersionYetIsNotAMixedVersion() {
        NodeInfo restarted = new NodeInfo("rabbit-1@localhost", true, "", 10, 1024, 1, 900, false, false, List.of());
        Finding f = finding(Doctor.examine(reading(restarted, node("rabbit-2@localhost", 10, 1024)), TopologyDemand.NONE),
                "versions");
        assertEquals(Status.OK, f.status());
        assertEquals("RabbitMQ 3.10.8 (rabbit-1@localhost not reporting yet)", f.message());
    }

    @Test
    void theVhostsQueueLimitCountsWhatTheTopologyAdds() {
        BrokerReading r = new BrokerReading(List.of(node("rabbit@localhost", 10, 1024)), List.of(),
                Map.of("max-queues", 12L), 10, List.of());
        assertEquals(Status.OK, finding(Doctor.examine(r, new TopologyDemand(2, 2)), "vhost limits").status());
        Finding f = finding(Doctor.examine(r, new TopologyDemand(3, 3)), "vhost limits");
        assertEquals(Status.FAILING, f.status());
        assertEquals("max-queues=12, the vhost has 10 and the topology adds 3", f.message());
    }

    @Test
    void nearlyAllSocketsUsedWarns() {
        NodeInfo busy = new NodeInfo("rabbit@localhost", true, "3.10.8", 10, 1024, 850, 900, false, false, List.of());
        assertEquals(Status.WARNING, finding(Doctor.examine(reading(busy), TopologyDemand.NONE), "sockets").status());
    }
}
