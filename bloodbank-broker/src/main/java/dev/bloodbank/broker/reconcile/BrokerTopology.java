package dev.bloodbank.broker.reconcile;

import dev.bloodbank.topology.Exchanges;
import dev.bloodbank.topology.QueueSettings;
import dev.bloodbank.topology.QueueType;
import dev.bloodbank.topology.Topology;
import dev.bloodbank.topology.routing.ConsumerQueue;
import dev.bloodbank.topology.routing.DeadLetterQueue;
import dev.bloodbank.topology.routing.RetryQueue;
import dev.bloodbank.topology.routing.Routing;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The RabbitMQ objects a topology needs, derived by a pure function of the {@link Topology}: what
 * {@code plan} compares the broker against, and what the runtime and tests can declare. Lists
 * keep a stable order (declaration order of the topology), so plans are stable across runs.
 *
 * <ul>
 *   <li>the events and commands exchanges (topic), the dead-letter exchange (direct) and the
 *       unrouted exchange (fanout), all durable and without arguments;
 *   <li>a bounded queue on the unrouted exchange, so unwanted events stay visible;
 *   <li>a policy that makes the unrouted exchange the alternate exchange of the events exchange (a
 *       policy, not an argument, because exchange arguments can never change in place);
 *   <li>unless the topology turns it off, the archive (see {@link ArchiveObjects});
 *   <li>the schema registry's stream, without retention: it keeps every version (one small record per change);
 *   <li>per command and per subscription: the work queue (bound to its exchange with the command
 *       key or each pattern), one classic retry queue per distinct back-off delay, whose TTL
 *       dead-letters back to the work queue, and the dead-letter queue bound to the dead-letter
 *       exchange with the work queue's name.
 * </ul>
 *
 * The consuming queues and what stands behind them come from the topology's {@link Routing}, the
 * same model the test driver routes with and {@code show} prints.
 *
 * <p>The commands exchange has no alternate exchange on purpose: an unroutable command must come
 * back to its publisher as an error.
 */
public record BrokerTopology(List<Exchange> exchanges, List<Queue> queues, List<Binding> bindings, List<Policy> policies) {

    /** Every name Bloodbank derives starts with this, unless the topology names an object otherwise. */
    public static final String PREFIX = "bloodbank.";
    /**
     * Queues with this prefix are the replay's own bookkeeping, made at run time: not the
     * topology's, so plan and prune leave them alone.
     */
    public static final String REPLAY_PREFIX = "bloodbank.replay.";
    /**
     * The stream that holds the schema registry: every applied schema version, one record each
     * (see {@code dev.bloodbank.broker.registry}). Always declared; a stream is never deleted by apply.
     */
    public static final String SCHEMA_REGISTRY_STREAM = PREFIX + "schemas.v1";

    /** The argument that sets how many nodes hold a quorum queue. */
    public static final String QUORUM_INITIAL_GROUP_SIZE = "x-quorum-initial-group-size";
    /** How many unrouted events the unrouted queue keeps; the oldest go first. */
    public static final long UNROUTED_MAX_LENGTH = 100_000;
    /**
     * The alternate-exchange policy's priority. RabbitMQ applies only the highest-priority policy
     * matching an object; 100 keeps ours above broad vhost-wide policies left at the default 0.
     */
    public static final int POLICY_PRIORITY = 100;

    public BrokerTopology {
        exchanges = List.copyOf(exchanges);
        queues = List.copyOf(queues);
        bindings = List.copyOf(bindings);
        policies = List.copyOf(policies);
    }

    /**
     * Derives the broker objects of a topology.
     *
     * @throws BrokerTopologyException when two declarations need the same queue with different
     *     settings, or a queue's arguments are not supported by its type
     */
    public static BrokerTopology derive(Topology topology) {
        Exchanges ex = topology.exchanges();
        Builder b = new Builder();
        b.exchange(Exchange.durable(ex.events(), "topic"));
        b.exchange(Exchange.durable(ex.commands(), "topic"));
        b.exchange(Exchange.durable(ex.deadLetter(), "direct"));
        b.exchange(Exchange.durable(ex.unrouted(), "fanout"));
        b.exchange(Exchange.durable(ex.retry(), "direct"));

        // Bounded, newest kept: a producer publishing with a mistyped key must not fill the disk and
        // trip the disk alarm that would block every publisher on the broker.
        b.queue(Queue.durable(ex.unrouted(), topology.defaults().queueType().wireName(), replicated(
                Map.of("x-max-length", UNROUTED_MAX_LENGTH, "x-overflow", "drop-head"), topology.defaults().queueType(),
                topology.defaults().replicas())), "the unrouted exchange");
        b.binding(Binding.queue(ex.unrouted(), ex.unrouted(), ""));

        for (ConsumerQueue consumer : Routing.of(topology).consumerQueues()) consumer(b, consumer);

        b.policies.add(alternateExchangePolicy(ex));
        ArchiveObjects.of(topology).ifPresent(archive -> {
            b.queue(archive.stream(), "the archive");
            archive.bindings().forEach(b::binding);
            b.policies.add(archive.retention());
        });
        b.queue(Queue.durable(SCHEMA_REGISTRY_STREAM, Queue.STREAM, Map.of()), "the schema registry");
        return new BrokerTopology(List.copyOf(b.exchanges.values()), List.copyOf(b.queues.values()),
                List.copyOf(b.bindings.values()), b.policies);
    }

    /** The arguments with the quorum replication factor, when the topology sets one. */
    private static Map<String, Object> replicated(Map<String, Object> arguments, QueueType type, int replicas) {
        if (type != QueueType.QUORUM || replicas == QueueSettings.BROKER_DEFAULT_REPLICAS) return arguments;
        Map<String, Object> out = new java.util.TreeMap<>(arguments);
        out.put(QUORUM_INITIAL_GROUP_SIZE, (long) replicas);
        return out;
    }

    /** The policy that gives the events exchange its alternate exchange. */
    static Policy alternateExchangePolicy(Exchanges ex) {
        return new Policy(PREFIX + "alternate-exchange." + ex.events(), "^" + regexLiteral(ex.events()) + "$",
                "exchanges", POLICY_PRIORITY, Map.of("alternate-exchange", ex.unrouted()));
    }

    /** The objects of one consuming queue, as the routing model places them. */
    private static void consumer(Builder b, ConsumerQueue consumer) {
        String type = consumer.settings().queueType().wireName();
        String work = consumer.queue();
        String owner = consumer.consumer().label();
        DeadLetterQueue dead = consumer.deadLetterQueue();
        // The broker dead-letters into the DLQ too, as a safety net: a message the consumer rejects
        // without requeue (it should not, but a crash path might) still ends up visible.
        QueueType queueType = consumer.settings().queueType();
        int replicas = consumer.settings().replicas();
        b.queue(Queue.durable(work, type, replicated(Map.of(
                "x-dead-letter-exchange", dead.exchange(),
                "x-dead-letter-routing-key", dead.routingKey()), queueType, replicas)), owner);
        for (String key : consumer.bindingKeys()) b.binding(Binding.queue(consumer.exchange(), work, key));
        for (RetryQueue retry : consumer.retryQueues()) {
            // the default exchange ("") routes by queue name, so an expired message goes straight back
            b.queue(Queue.durable(retry.queue(), "classic", Map.of(
                    "x-message-ttl", retry.delay().toMillis(),
                    "x-dead-letter-exchange", "",
                    "x-dead-letter-routing-key", retry.workQueue())), owner);
            // the runtime sends a failed message here through the retry exchange, where a watcher can bind too
            b.binding(Binding.queue(retry.exchange(), retry.queue(), retry.routingKey()));
        }
        b.queue(Queue.durable(dead.queue(), type, replicated(Map.of(), queueType, replicas)), owner);
        b.binding(Binding.queue(dead.exchange(), dead.queue(), dead.routingKey()));
    }

    /** Escapes every character that is not a letter or digit, which PCRE then reads literally. */
    static String regexLiteral(String s) {
        StringBuilder out = new StringBuilder(s.length() + 8);
        for (char c : s.toCharArray()) {
            if (!Character.isLetterOrDigit(c)) out.append('\\');
            out.append(c);
        }
        return out.toString();
    }

    /** Every object, in creation order: exchanges, queues, bindings, policies. */
    public List<BrokerObject> objects() {
        return Stream.of(exchanges, queues, bindings, policies).<BrokerObject>flatMap(List::stream).toList();
    }

    public Optional<Queue> queue(String name) {
        return queues.stream().filter(q -> q.name().equals(name)).findFirst();
    }

    public Optional<Exchange> exchange(String name) {
        return exchanges.stream().filter(e -> e.name().equals(name)).findFirst();
    }

    /** The bindings whose source or destination is this exchange or queue. */
    public List<Binding> bindingsOf(String name) {
        return bindings.stream().filter(b -> b.touches(name)).toList();
    }

    private static final class Builder {
        final Map<String, Exchange> exchanges = new LinkedHashMap<>();
        final Map<String, Queue> queues = new LinkedHashMap<>();
        final Map<String, String> queueOwners = new LinkedHashMap<>();
        final Map<String, Binding> bindings = new LinkedHashMap<>();
        final List<Policy> policies = new ArrayList<>();

        void exchange(Exchange e) {
            Exchange before = exchanges.putIfAbsent(e.name(), e);
            if (before != null && !before.equals(e))
                throw new BrokerTopologyException("exchange " + e.name() + " is named twice with different types ("
                        + before.type() + ", " + e.type() + "); give each role in exchanges: its own name");
        }

        void queue(Queue q, String owner) {
            QueueArguments.check(q);
            Queue before = queues.putIfAbsent(q.name(), q);
            if (before != null && !before.equals(q))
                throw new BrokerTopologyException("queue " + q.name() + " is needed by both " + queueOwners.get(q.name())
                        + " and " + owner + " with different settings; give one of them its own queue name");
            queueOwners.putIfAbsent(q.name(), owner);
        }

        void binding(Binding binding) {
            bindings.putIfAbsent(binding.id(), binding);
        }
    }
}
