package dev.bloodbank.broker.reconcile;

import dev.bloodbank.topology.QueueType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which queue arguments each queue type accepts, checked before anything is sent, so that a bad
 * combination is one clear error up front instead of a broker refusal half way through an apply.
 * The table follows the RabbitMQ 3.10 documentation of classic and quorum queue features.
 */
final class QueueArguments {

    private static final Set<String> CLASSIC_ONLY = Set.of(
            "x-max-priority", "x-queue-mode", "x-queue-master-locator", "x-queue-version");
    private static final Set<String> QUORUM_ONLY = Set.of(
            "x-delivery-limit", "x-quorum-initial-group-size", "x-dead-letter-strategy",
            "x-max-in-memory-length", "x-max-in-memory-bytes");
    private static final Set<String> STREAM_ARGUMENTS = Set.of(
            "x-max-age", "x-max-length-bytes", "x-stream-max-segment-size-bytes", "x-initial-cluster-size");
    private static final Set<String> QUORUM_OVERFLOW = Set.of("drop-head", "reject-publish");

    private QueueArguments() {}

    /** Every reason this queue would be refused; empty when it is fine. */
    static List<String> problems(Queue queue) {
        List<String> problems = new ArrayList<>();
        Map<String, Object> args = queue.arguments();
        if (Queue.STREAM.equals(queue.type())) {
            for (String a : args.keySet()) {
                if (!STREAM_ARGUMENTS.contains(a)) problems.add("argument " + a + " is not supported by stream queues");
            }
            if (!queue.durable() || queue.autoDelete() || queue.exclusive())
                problems.add("stream queues are always durable, never auto-delete or exclusive");
            return problems;
        }
        QueueType type = queue.queueType().orElse(null);
        if (type == null) {
            problems.add("queue type '" + queue.type() + "' is not one Bloodbank declares (classic, quorum or stream)");
            return problems;
        }
        switch (type) {
            case QUORUM -> {
                for (String a : args.keySet()) {
                    if (CLASSIC_ONLY.contains(a))
                        problems.add("argument " + a + " is only supported by classic queues; remove it or use queueType: classic");
                }
                Object overflow = args.get("x-overflow");
                if (overflow != null && !QUORUM_OVERFLOW.contains(overflow))
                    problems.add("x-overflow " + overflow + " is not supported by quorum queues (use drop-head or reject-publish)");
                if (!queue.durable()) problems.add("quorum queues are always durable");
                if (queue.autoDelete()) problems.add("quorum queues cannot be auto-delete");
                if (queue.exclusive()) problems.add("quorum queues cannot be exclusive");
            }
            case CLASSIC -> {
                for (String a : args.keySet()) {
                    if (QUORUM_ONLY.contains(a))
                        problems.add("argument " + a + " is only supported by quorum queues; remove it or use queueType: quorum");
                }
            }
        }
        return problems;
    }

    /** @throws BrokerTopologyException naming the queue and every problem, when there is any */
    static void check(Queue queue) {
        List<String> problems = problems(queue);
        if (!problems.isEmpty())
            throw new BrokerTopologyException("queue " + queue.name() + " (" + queue.type() + "): "
                    + String.join("; ", problems));
    }
}
