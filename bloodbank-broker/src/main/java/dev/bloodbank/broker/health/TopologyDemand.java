package dev.bloodbank.broker.health;

import dev.bloodbank.broker.reconcile.Plan;

/** What applying a plan would add to the broker: queues in the vhost, file handles on each node. */
public record TopologyDemand(int queues, long fileHandlesPerNode) {

    /** Nothing to apply: the doctor checks the broker alone. */
    public static final TopologyDemand NONE = new TopologyDemand(0, 0);

    public static TopologyDemand of(Plan plan, int nodes) {
        return new TopologyDemand(FileHandleCosts.queuesCreated(plan), FileHandleCosts.MEASURED.demand(plan, nodes));
    }

    boolean none() {
        return queues == 0 && fileHandlesPerNode == 0;
    }
}
