package dev.bloodbank.bench;

import dev.bloodbank.topology.QueueSettings;
import dev.bloodbank.topology.QueueType;
import dev.bloodbank.topology.Subscription;
import dev.bloodbank.topology.Topology;
import dev.bloodbank.topology.TopologySource;
import java.util.LinkedHashMap;
import java.util.Map;

/** The topology of the benchmarks (src/main/resources/bench/topology.yaml): one event, one subscription. */
final class BenchTopology {

    static final String KEY = "meeting.transcript.completed";
    static final String SERVICE = "bench-consumer";
    static final String RESOURCE = "bench/topology.yaml";

    private BenchTopology() {}

    static Topology load() {
        return Topology.load(TopologySource.classpath(RESOURCE, BenchTopology.class.getClassLoader()));
    }

    /** The topology with the subscription's queue of another type (and the prefetch given). */
    static Topology load(QueueType queueType, int prefetch) {
        Topology topology = load();
        Subscription sub = topology.subscription(SERVICE).orElseThrow();
        QueueSettings q = sub.queue();
        Map<String, Subscription> subscriptions = new LinkedHashMap<>(topology.subscriptions());
        subscriptions.put(SERVICE, new Subscription(SERVICE, sub.patterns(),
                new QueueSettings(q.queue(), prefetch, queueType, q.retry()), sub.location()));
        return new Topology(topology.apiVersion(), topology.exchanges(), topology.defaults(), topology.events(),
                topology.commands(), subscriptions, topology.source());
    }

    /** The queue the subscription consumes from. */
    static String queue(Topology topology) {
        return topology.subscription(SERVICE).orElseThrow().queue().queue();
    }
}
