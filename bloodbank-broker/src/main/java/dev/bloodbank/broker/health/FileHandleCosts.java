package dev.bloodbank.broker.health;

import dev.bloodbank.broker.reconcile.Change;
import dev.bloodbank.broker.reconcile.Plan;
import dev.bloodbank.broker.reconcile.Queue;

/**
 * The file handles a queue takes on each node that hosts it, by type, as measured on RabbitMQ
 * 3.10 (docs/cluster.md). A quorum queue reserves 3 in the node's file-handle cache the moment
 * it starts, whether it holds messages or not; the management API's {@code fd_used} does not
 * show reservations, yet once they reach the cache's limit (the open-files limit less 97) every
 * queue, vhost and management operation that needs a file waits for one, for ever. A stream
 * keeps its segment and index file open; a classic queue opens its index journal while it holds
 * messages. Every queue is counted on every node: a quorum queue or stream has a member on each
 * node of a cluster of up to its replication factor.
 */
public record FileHandleCosts(int classic, int quorum, int stream) {

    public static final FileHandleCosts MEASURED = new FileHandleCosts(1, 3, 2);

    public int of(Queue queue) {
        return switch (queue.type()) {
            case "quorum" -> quorum;
            case "stream" -> stream;
            default -> classic;
        };
    }

    /** The file handles a node needs for the queues the plan creates. */
    public long demand(Plan plan) {
        long total = 0;
        for (Change change : plan.changes()) {
            if (change instanceof Change.Create c && c.desired() instanceof Queue q) total += of(q);
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
