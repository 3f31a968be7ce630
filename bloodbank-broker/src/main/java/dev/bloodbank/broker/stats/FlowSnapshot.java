package dev.bloodbank.broker.stats;

import dev.bloodbank.broker.management.ManagementClient;
import dev.bloodbank.broker.management.QueueStats;
import dev.bloodbank.topology.CommandDefinition;
import dev.bloodbank.topology.QueueSettings;
import dev.bloodbank.topology.Subscription;
import dev.bloodbank.topology.Topology;
import java.time.Clock;
import java.time.Duration;
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
        for (CommandDefinition command : topology.commands().values())
            consumers.add(consumer(ConsumerQueues.Role.COMMAND, command.key(), command.worker(), byName));
        for (Subscription subscription : topology.subscriptions().values())
            consumers.add(consumer(ConsumerQueues.Role.SUBSCRIPTION, subscription.service(), subscription.queue(), byName));
        String unrouted = topology.exchanges().unrouted();
        return new FlowSnapshot(vhost, readAt, consumers, new QueueReading(unrouted, byName.get(unrouted)));
    }

    private static ConsumerQueues consumer(ConsumerQueues.Role role, String owner, QueueSettings settings,
                                           Map<String, QueueStats> live) {
        // Several attempts can share a delay (capped by maxDelay): one retry queue per distinct name.
        Set<String> retryNames = new LinkedHashSet<>();
        for (Duration delay : settings.retry().delays()) retryNames.add(settings.retryQueue(delay));
        List<QueueReading> retries = retryNames.stream().map(name -> new QueueReading(name, live.get(name))).toList();
        return new ConsumerQueues(role, owner, new QueueReading(settings.queue(), live.get(settings.queue())), retries,
                new QueueReading(settings.deadLetterQueue(), live.get(settings.deadLetterQueue())));
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
