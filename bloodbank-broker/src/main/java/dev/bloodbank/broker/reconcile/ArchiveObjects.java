package dev.bloodbank.broker.reconcile;

import dev.bloodbank.topology.Archive;
import dev.bloodbank.topology.Topology;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The broker objects of the archive: a stream queue bound with {@code #} to the events and/or
 * commands exchange, and a policy holding its retention. Retention goes through a policy, not
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
        if (archive.keep().events()) bindings.add(Binding.queue(topology.exchanges().events(), archive.stream(), "#"));
        if (archive.keep().commands()) bindings.add(Binding.queue(topology.exchanges().commands(), archive.stream(), "#"));
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
