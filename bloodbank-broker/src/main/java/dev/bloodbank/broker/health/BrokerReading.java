package dev.bloodbank.broker.health;

import dev.bloodbank.broker.management.FeatureFlagInfo;
import dev.bloodbank.broker.management.ManagementClient;
import dev.bloodbank.broker.management.NodeInfo;
import dev.bloodbank.broker.management.QuorumMembers;
import java.util.List;
import java.util.Map;

/**
 * What the doctor reads from the management API: the nodes, the feature flags, the vhost's limits
 * and size, and how many quorum queue members each node hosts (their file-handle reservations).
 */
public record BrokerReading(List<NodeInfo> nodes, List<FeatureFlagInfo> featureFlags, Map<String, Long> vhostLimits,
        int queuesInVhost, List<QuorumMembers> quorumQueues) {

    public BrokerReading {
        nodes = List.copyOf(nodes);
        featureFlags = List.copyOf(featureFlags);
        vhostLimits = Map.copyOf(vhostLimits);
        quorumQueues = List.copyOf(quorumQueues);
    }

    /** The file handles a node has reserved for the quorum queue members it hosts, which its {@code fd_used} leaves out. */
    public long reservedFileHandles(String node) {
        FileHandleCosts costs = FileHandleCosts.MEASURED;
        long reserved = 0;
        for (QuorumMembers q : quorumQueues) {
            if (!q.members().contains(node)) continue;
            if (!node.equals(q.leader())) reserved += costs.quorumFollower();
            else reserved += q.members().size() > 1 ? costs.quorumLeader() : costs.quorumAlone();
        }
        return reserved;
    }

    /** How many quorum queue members the node hosts. */
    public long quorumMembersOn(String node) {
        return quorumQueues.stream().filter(q -> q.members().contains(node)).count();
    }

    public static BrokerReading read(ManagementClient client) {
        return new BrokerReading(client.nodes(), client.featureFlags(), client.vhostLimits(), client.queueCount(),
                client.quorumQueues());
    }
}
