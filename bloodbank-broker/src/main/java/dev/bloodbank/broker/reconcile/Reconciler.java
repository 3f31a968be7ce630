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
 *
 * A plan can also be kept and applied later, as reviewed: {@link #apply(Plan, ApplyOptions)}
 * carries out exactly that plan, and refuses it when the broker changed since it was made.
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
        return plan(desired, read(), prune);
    }

    /**
     * The plan against a state {@link #read() read} before, so that the read can go on while the
     * topology loads. The queues it would replace or delete carry their message counts, read for
     * them alone ({@link QueueCounts}).
     */
    public Plan plan(BrokerTopology desired, LiveState live, boolean prune) {
        return QueueCounts.fill(Planner.plan(client.vhost(), desired, live, prune), client::queueMessages);
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
        return carryOut(Planner.plan(client.vhost(), desired, live, options.prune()), live, options);
    }

    /**
     * Carries out a plan made earlier (by {@link #plan}, perhaps saved and read back), after
     * reading the broker again. Whether it prunes is the plan's: {@code options.prune()} is not used.
     *
     * @throws StalePlanException when the plan is for another vhost, or the broker's objects are
     *     no longer those the plan was computed on
     */
    public ApplyReport apply(Plan plan, ApplyOptions options) {
        if (!plan.vhost().equals(client.vhost()))
            throw new StalePlanException("the plan is for vhost '" + plan.vhost() + "', not '" + client.vhost()
                    + "'; make a plan for this vhost");
        LiveState live = read();
        PlanBasis.check(plan, live);
        return carryOut(plan, live, options.withPrune(plan.prune()));
    }

    private ApplyReport carryOut(Plan plan, LiveState live, ApplyOptions options) {
        try (QueueProbe probe = new QueueProbe(client.address())) {
            BrokerAdmin admin = new ManagementBrokerAdmin(client, probe, live);
            Ownership ownership = new Ownership(plan.topologyNames());
            return new PlanScheduler(new SafetyContext(admin, live, ownership, options)).run(plan);
        }
    }
}
