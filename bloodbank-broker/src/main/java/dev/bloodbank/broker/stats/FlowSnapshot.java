package dev.bloodbank.broker.stats;

import dev.bloodbank.broker.management.ManagementClient;
import dev.bloodbank.broker.management.QueueStats;
import dev.bloodbank.topology.Topology;
import dev.bloodbank.topology.routing.Consumer;
import dev.bloodbank.topology.routing.ConsumerQueue;
import dev.bloodbank.topology.routing.RetryQueue;
import dev.bloodbank.topology.routing.Routing;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The queues of a topology as the broker reports them at one moment: per command and per
 * subscription (in topology order) its work, retry and dead-letter queues, then the queue that
 * keeps unrouted events. The first look an operator takes when something is stuck: a growing
 * ready count with no consumers, a retry queue that never drains, a dead-letter queue that fills.
 */
public record FlowSnapshot(String vhost, Instant readAt, List<ConsumerQueues> consumers, QueueReading unrouted) {

    public FlowSnapshot {
        consumers = List.copyOf(consumers);
    }

    /** Reads every queue of the vhost in one request and picks the topology's. */
    public static FlowSnapshot read(ManagementClient client, Topology topology, Clock clock) {
        return of(topology, client.vhost(), clock.instant(), client.queueStats());
    }

    /** Joins what the topology names with what the broker reported; queues the broker lacks are missing. */
    public static FlowSnapshot of(Topology topology, String vhost, Instant readAt, List<QueueStats> live) {
        Map<String, QueueStats> byName = live.stream().collect(Collectors.toMap(QueueStats::name, Function.identity(), (a, b) -> a));
        List<ConsumerQueues> consumers = new ArrayList<>();
        for (ConsumerQueue queue : Routing.of(topology).consumerQueues()) consumers.add(consumer(queue, byName));
        String unrouted = topology.exchanges().unrouted();
        return new FlowSnapshot(vhost, readAt, consumers, new QueueReading(unrouted, byName.get(unrouted)));
    }

    private static ConsumerQueues consumer(ConsumerQueue queue, Map<String, QueueStats> live) {
        // Several attempts can share a delay (capped by maxDelay): one retry queue per distinct name.
        Set<String> retryNames = new LinkedHashSet<>();
        for (RetryQueue retry : queue.retryQueues()) retryNames.add(retry.queue());
        List<QueueReading> retries = retryNames.stream().map(name -> new QueueReading(name, live.get(name))).toList();
        String deadLetter = queue.deadLetterQueue().queue();
        ConsumerQueues.Role role;
        String owner;
        if (queue.consumer() instanceof Consumer.Worker worker) {
            role = ConsumerQueues.Role.COMMAND;
            owner = worker.command();
        } else {
            role = ConsumerQueues.Role.SUBSCRIPTION;
            owner = ((Consumer.Subscriber) queue.consumer()).service();
        }
        return new ConsumerQueues(role, owner, new QueueReading(queue.queue(), live.get(queue.queue())), retries,
                new QueueReading(deadLetter, live.get(deadLetter)));
    }

    /** Every queue of the topology, in display order. */
    public Stream<QueueReading> queues() {
        return Stream.concat(consumers.stream().flatMap(ConsumerQueues::queues), Stream.of(unrouted));
    }

    /** The names of the topology's queues that the broker does not have. */
    public List<String> missing() {
        return queues().filter(q -> !q.exists()).map(QueueReading::queue).toList();
    }
}
