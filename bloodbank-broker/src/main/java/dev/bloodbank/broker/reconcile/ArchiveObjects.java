package dev.bloodbank.broker.reconcile;

import dev.bloodbank.topology.Archive;
import dev.bloodbank.topology.Exchanges;
import dev.bloodbank.topology.Subscription;
import dev.bloodbank.topology.Topology;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The broker objects of the archive: a stream queue that receives every event (bound with the
 * subscriptions' patterns to the events exchange and to the unrouted exchange, which takes the rest)
 * and every declared command (bound with each command's key), and a policy holding its retention. Retention goes through a policy, not
 * {@code x-max-age} arguments, because arguments are fixed once a queue is declared and retention
 * is something people tune; the stream itself takes no arguments but its type.
 *
 * <p>The policy applies to queues only, so it never competes with the alternate-exchange policy
 * (exchanges only): RabbitMQ gives an object the single highest-priority policy matching it.
 */
public record ArchiveObjects(Queue stream, List<Binding> bindings, Policy retention) {

    public ArchiveObjects {
        bindings = List.copyOf(bindings);
    }

    /** The archive's objects, or empty when the topology turns it off. */
    public static Optional<ArchiveObjects> of(Topology topology) {
        Archive archive = topology.archive();
        if (!archive.enabled()) return Optional.empty();
        Queue stream = Queue.durable(archive.stream(), "stream", Map.of());
        List<Binding> bindings = new ArrayList<>();
        Exchanges ex = topology.exchanges();
        if (archive.keep().events()) {
            // The subscriptions' own patterns, not '#': a '#' binding would route every event, so the
            // events exchange's alternate exchange would never fire and unwanted events would vanish
            // from the unrouted queue. What no pattern takes reaches the archive through that
            // alternate exchange instead: every event lands in the archive exactly once either way.
            Set<String> patterns = new LinkedHashSet<>();
            for (Subscription subscription : topology.subscriptions().values()) patterns.addAll(subscription.patterns());
            for (String pattern : patterns) bindings.add(Binding.queue(ex.events(), archive.stream(), pattern));
            bindings.add(Binding.queue(ex.unrouted(), archive.stream(), ""));
        }
        if (archive.keep().commands()) {
            // One binding per declared command, not '#': a command with an undeclared key must still
            // come back to its publisher as unroutable instead of being archived and never handled.
            for (String key : topology.commands().keySet()) bindings.add(Binding.queue(ex.commands(), archive.stream(), key));
        }
        return Optional.of(new ArchiveObjects(stream, bindings, retentionPolicy(archive)));
    }

    static Policy retentionPolicy(Archive archive) {
        Map<String, Object> definition = new LinkedHashMap<>();
        definition.put("max-age", archive.maxAge().toSeconds() + "s");
        definition.put("max-length-bytes", archive.maxBytes());
        return new Policy(BrokerTopology.PREFIX + "archive-retention." + archive.stream(),
                "^" + BrokerTopology.regexLiteral(archive.stream()) + "$", "queues", BrokerTopology.POLICY_PRIORITY, definition);
    }
}
