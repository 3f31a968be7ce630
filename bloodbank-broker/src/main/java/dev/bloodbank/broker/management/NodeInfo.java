package dev.bloodbank.broker.management;

import java.util.List;

/**
 * One node of the cluster as the management API reports it. A node that is down reports only
 * its name: its counters are then 0 and its version empty.
 */
public record NodeInfo(String name, boolean running, String rabbitmqVersion, long fdUsed, long fdTotal,
        long socketsUsed, long socketsTotal, boolean memoryAlarm, boolean diskAlarm, List<String> partitions) {

    public NodeInfo {
        partitions = List.copyOf(partitions);
    }
}
