package dev.bloodbank.cli.dashboard;

import dev.bloodbank.topology.MessageDefinition;
import dev.bloodbank.topology.Topology;
import dev.bloodbank.topology.routing.Consumer;
import dev.bloodbank.topology.routing.ConsumerQueue;
import dev.bloodbank.topology.routing.Route;
import dev.bloodbank.topology.routing.Routing;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The shape of the bus, worked out once from the topology: every key grouped by domain, the
 * exchange it is published to and the consuming queues the routing model sends it to. Routes
 * come from {@link Routing}; nothing here matches patterns of its own.
 */
record GraphView(String vhost, List<Domain> domains, List<String> exchanges, List<QueueNode> queues, String unroutedQueue) {

    /** The keys of one domain (the first segment of the key), in topology order. */
    record Domain(String name, List<KeyNode> keys) {}

    /**
     * One event or command key.
     *
     * @param receivers the work queues a message with this key reaches; empty when it is unrouted
     * @param keptOn    the queue that keeps it when no subscription wants it (events only), else null
     */
    record KeyNode(String key, String kind, String exchange, List<String> receivers, String keptOn) {}

    /** A consuming queue: who consumes it, what it is bound with, and its dead-letter queue. */
    record QueueNode(String queue, String role, String owner, String exchange, List<String> bindingKeys,
                     String deadLetterQueue) {}

    static GraphView of(Topology topology, String vhost) {
        Routing routing = Routing.of(topology);
        Map<String, List<KeyNode>> byDomain = new LinkedHashMap<>();
        for (MessageDefinition message : topology.messages()) {
            Route route = routing.route(message.key());
            List<String> receivers = route.receivers().stream().map(r -> r.queue().queue()).toList();
            String keptOn = route.keptOn().isPresent() ? topology.exchanges().unrouted() : null;
            byDomain.computeIfAbsent(message.domain(), d -> new ArrayList<>())
                    .add(new KeyNode(message.key(), message.kind().label(), route.exchange(), receivers, keptOn));
        }
        List<Domain> domains = byDomain.entrySet().stream().map(e -> new Domain(e.getKey(), List.copyOf(e.getValue()))).toList();
        List<QueueNode> queues = routing.consumerQueues().stream().map(GraphView::node).toList();
        List<String> exchanges = List.of(topology.exchanges().events(), topology.exchanges().commands());
        return new GraphView(vhost, domains, exchanges, queues, topology.exchanges().unrouted());
    }

    private static QueueNode node(ConsumerQueue queue) {
        String role = "subscription";
        String owner;
        if (queue.consumer() instanceof Consumer.Worker worker) {
            role = "command";
            owner = worker.command();
        } else {
            owner = ((Consumer.Subscriber) queue.consumer()).service();
        }
        return new QueueNode(queue.queue(), role, owner, queue.exchange(), queue.bindingKeys(), queue.deadLetterQueue().queue());
    }
}
