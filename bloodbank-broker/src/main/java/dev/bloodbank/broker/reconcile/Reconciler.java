package dev.bloodbank.broker.reconcile;

import dev.bloodbank.broker.management.ManagementClient;
import dev.bloodbank.broker.management.QueueProbe;
import dev.bloodbank.topology.Topology;

/**
 * Makes one vhost match a topology: {@link #plan} reads the broker and diffs, {@link #apply} also
 * carries the plan out, safely. Usable from code as well as from the CLI, e.g. to set up a test vhost:
 *
 * <pre>{@code
 * var reconciler = new Reconciler(new ManagementClient(BrokerAddress.of(amqpUrl, managementUrl)));
 * ApplyReport report = reconciler.apply(topology, ApplyOptions.DEFAULT);
 * }</pre>
 */
public final class Reconciler {

    private final ManagementClient client;

    public Reconciler(ManagementClient client) {
        this.client = client;
    }

    /** The live state of the vhost. */
    public LiveState read() {
        return LiveState.read(client);
    }

    public Plan plan(Topology topology, boolean prune) {
        return plan(BrokerTopology.derive(topology), prune);
    }

    public Plan plan(BrokerTopology desired, boolean prune) {
        return Planner.plan(client.vhost(), desired, read(), prune);
    }

    public ApplyReport apply(Topology topology, ApplyOptions options) {
        return apply(BrokerTopology.derive(topology), options);
    }

    /**
     * Reads the broker, plans, and carries the plan out level by level (see {@link ApplyReport}).
     * Broker errors while reading propagate as {@link dev.bloodbank.broker.management.ManagementException};
     * errors while changing are reported per change.
     */
    public ApplyReport apply(BrokerTopology desired, ApplyOptions options) {
        LiveState live = read();
        Plan plan = Planner.plan(client.vhost(), desired, live, options.prune());
        try (QueueProbe probe = new QueueProbe(client.address())) {
            return new Executor(client, probe, live, new Ownership(desired), options).execute(plan);
        }
    }
}
