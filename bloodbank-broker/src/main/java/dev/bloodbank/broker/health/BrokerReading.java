package dev.bloodbank.broker.health;

import dev.bloodbank.broker.management.FeatureFlagInfo;
import dev.bloodbank.broker.management.ManagementClient;
import dev.bloodbank.broker.management.NodeInfo;
import java.util.List;
import java.util.Map;

/** What the doctor reads from the management API: the nodes, the feature flags, the vhost's limits and size. */
public record BrokerReading(List<NodeInfo> nodes, List<FeatureFlagInfo> featureFlags, Map<String, Long> vhostLimits,
        int queuesInVhost) {

    public BrokerReading {
        nodes = List.copyOf(nodes);
        featureFlags = List.copyOf(featureFlags);
        vhostLimits = Map.copyOf(vhostLimits);
    }

    public static BrokerReading read(ManagementClient client) {
        return new BrokerReading(client.nodes(), client.featureFlags(), client.vhostLimits(), client.queueCount());
    }
}
