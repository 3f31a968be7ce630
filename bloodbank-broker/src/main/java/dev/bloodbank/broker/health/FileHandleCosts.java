package dev.bloodbank.broker.health;

import dev.bloodbank.broker.reconcile.Change;
import dev.bloodbank.broker.reconcile.Plan;
import dev.bloodbank.broker.reconcile.Queue;

/**
 * The file handles a queue holds on each node that hosts it, by type, as measured on RabbitMQ
 * 3.10 (docs/cluster.md): a stream keeps its segment and index file open; a classic queue keeps
 * its index journal open while it holds messages; a quorum queue writes through the node's
 * shared WAL and opens a segment file of its own while a consumer reads a flushed log. The
 * budget takes the busy case of each, and counts every queue on every node, since a quorum queue
 * or stream has a member on each node of a cluster of up to its replication factor.
 */
public record FileHandleCosts(int classic, int quorum, int stream) {

    public static final FileHandleCosts MEASURED = new FileHandleCosts(1, 1, 2);

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
