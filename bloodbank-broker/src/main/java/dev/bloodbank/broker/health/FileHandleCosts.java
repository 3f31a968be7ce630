package dev.bloodbank.broker.health;

import dev.bloodbank.broker.reconcile.Change;
import dev.bloodbank.broker.reconcile.Plan;
import dev.bloodbank.broker.reconcile.Queue;

/**
 * The file handles a queue takes on a node, by type and role, as measured on RabbitMQ 3.10
 * (docs/cluster.md). A quorum queue reserves handles in the node's file-handle cache as soon as
 * it starts, messages or not: 3 on a single node; in a cluster 5 where its leader runs and 2 on
 * each follower. The management API's {@code fd_used} does not show reservations, yet once they
 * reach the cache's limit (the open-files limit less 97) every queue, vhost and management
 * operation that needs a file waits for one, for ever. A stream keeps segment and index files
 * open: 2 on a single node; in a cluster 6 where its writer runs (its own files and the replica
 * readers'), 3 on each replica. A classic queue opens its index journal while it holds messages.
 *
 * <p>A plan's demand takes the worst node: the default leader locator puts the leader of every
 * queue a client declares on the node that client is connected to.
 */
public record FileHandleCosts(int classic, int quorumAlone, int quorumLeader, int quorumFollower, int streamAlone,
        int streamLeader) {

    public static final FileHandleCosts MEASURED = new FileHandleCosts(1, 3, 5, 2, 2, 6);

    /** The handles a new queue takes on the node that will lead it, in a cluster of {@code nodes}. */
    public int onLeader(Queue queue, int nodes) {
        return switch (queue.type()) {
            case "quorum" -> nodes > 1 ? quorumLeader : quorumAlone;
            case "stream" -> nodes > 1 ? streamLeader : streamAlone;
            default -> classic;
        };
    }

    /** The file handles the worst node needs for the queues the plan creates. */
    public long demand(Plan plan, int nodes) {
        long total = 0;
        for (Change change : plan.changes()) {
            if (change instanceof Change.Create c && c.desired() instanceof Queue q) total += onLeader(q, nodes);
        }
        return total;
    }

    /** The queues the plan creates, for the vhost's {@code max-queues} limit. */
    public static int queuesCreated(Plan plan) {
        return (int) plan.changes().stream()
                .filter(c -> c instanceof Change.Create create && create.desired() instanceof Queue)
                .count();
    }
}
