package dev.bloodbank.broker.health;

import dev.bloodbank.broker.management.FeatureFlagInfo;
import dev.bloodbank.broker.management.ManagementClient;
import dev.bloodbank.broker.management.NodeInfo;
import java.util.List;
import java.util.Map;

/**
 * What the doctor reads from the management API: the nodes, the feature flags, the vhost's limits
 * and size, and how many quorum queue members each node hosts (their file-handle reservations).
 */
public record BrokerReading(List<NodeInfo> nodes, List<FeatureFlagInfo> featureFlags, Map<String, Long> vhostLimits,
        int queuesInVhost, Map<String, Integer> quorumMembersByNode) {

    public BrokerReading {
        nodes = List.copyOf(nodes);
        featureFlags = List.copyOf(featureFlags);
        vhostLimits = Map.copyOf(vhostLimits);
        quorumMembersByNode = Map.copyOf(quorumMembersByNode);
    }

    /** The file handles a node has reserved for its quorum queue members, which its {@code fd_used} leaves out. */
    public long reservedFileHandles(String node) {
        return (long) quorumMembersByNode.getOrDefault(node, 0) * FileHandleCosts.MEASURED.quorum();
    }

    public static BrokerReading read(ManagementClient client) {
        return new BrokerReading(client.nodes(), client.featureFlags(), client.vhostLimits(), client.queueCount(),
                client.quorumMembersByNode());
    }
}
