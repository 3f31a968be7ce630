package dev.bloodbank.broker.reconcile;

import dev.bloodbank.broker.management.ManagementException;
import dev.bloodbank.topology.QueueType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A broker in memory, behind the same {@link BrokerAdmin} as RabbitMQ, for testing the safety
 * policies without one. It keeps RabbitMQ's rules that the policies rely on: deleting an exchange
 * or queue deletes its bindings; re-declaring an object with other properties is refused; the
 * atomic if-empty delete exists for classic queues only. Each change is written to {@link #log()}.
 */
final class InMemoryBrokerAdmin implements BrokerAdmin {

    private final Map<String, Exchange> exchanges = new LinkedHashMap<>();
    private final Map<String, Queue> queues = new LinkedHashMap<>();
    private final Set<Binding> bindings = new LinkedHashSet<>();
    private final Map<String, Policy> policies = new LinkedHashMap<>();
    private final Map<String, Long> messages = new LinkedHashMap<>();
    private final Map<String, Long> consumers = new LinkedHashMap<>();
    private final List<String> log = new ArrayList<>();
    private String failing;

    InMemoryBrokerAdmin() {
        declare(Exchange.durable("amq.topic", "topic"));
        declare(Exchange.durable("amq.direct", "direct"));
        log.clear();
    }

    /** A broker that already holds every object of this topology. */
    static InMemoryBrokerAdmin holding(BrokerTopology topology) {
        InMemoryBrokerAdmin broker = new InMemoryBrokerAdmin();
        topology.exchanges().forEach(broker::declare);
        topology.queues().forEach(broker::declare);
        topology.bindings().forEach(broker::bind);
        topology.policies().forEach(broker::putPolicy);
        broker.log.clear();
        return broker;
    }

    /** What plan reads: the objects, and the message counts as statistics would report them. */
    LiveState snapshot() {
        Map<String, String> keys = new LinkedHashMap<>();
        bindings.forEach(b -> keys.put(b.id(), b.routingKey()));
        return new LiveState(List.copyOf(exchanges.values()), List.copyOf(queues.values()), List.copyOf(bindings),
                List.copyOf(policies.values()), messages, keys, Map.of());
    }

    void publish(String queue, long count) {
        requireQueue(queue);
        messages.merge(queue, count, Long::sum);
    }

    void addConsumer(String queue) {
        requireQueue(queue);
        consumers.merge(queue, 1L, Long::sum);
    }

    /** From now on, every change that names {@code object} fails as an unreachable broker would. */
    void failOn(String object) {
        failing = object;
    }

    /** The changes made, in order, e.g. {@code delete queue q}. */
    List<String> log() {
        return List.copyOf(log);
    }

    Optional<Queue> queue(String name) {
        return Optional.ofNullable(queues.get(name));
    }

    Optional<Exchange> exchange(String name) {
        return Optional.ofNullable(exchanges.get(name));
    }

    Optional<Policy> policy(String name) {
        return Optional.ofNullable(policies.get(name));
    }

    List<String> bindingKeys(String queue) {
        return bindings.stream().filter(b -> b.destination().equals(queue)).map(Binding::routingKey).sorted().toList();
    }

    long messages(String queue) {
        return messages.getOrDefault(queue, 0L);
    }

    // ---- BrokerAdmin --------------------------------------------------------------------------

    @Override
    public synchronized void declare(Exchange exchange) {
        change("declare exchange", exchange.name());
        Exchange have = exchanges.get(exchange.name());
        if (have != null && !have.equals(exchange)) throw inequivalent("exchange", exchange.name());
        exchanges.put(exchange.name(), exchange);
    }

    @Override
    public synchronized void declare(Queue queue) {
        change("declare queue", queue.name());
        Queue have = queues.get(queue.name());
        if (have != null && !have.equals(queue)) throw inequivalent("queue", queue.name());
        queues.put(queue.name(), queue);
    }

    @Override
    public synchronized void bind(Binding binding) {
        change("bind", binding.id());
        if (!exchanges.containsKey(binding.source())) throw notFound("exchange " + binding.source());
        boolean toQueue = "queue".equals(binding.destinationType());
        if (toQueue ? !queues.containsKey(binding.destination()) : !exchanges.containsKey(binding.destination()))
            throw notFound(binding.destinationType() + " " + binding.destination());
        bindings.add(binding);
    }

    @Override
    public synchronized void unbind(Binding binding) {
        change("unbind", binding.id());
        bindings.remove(binding);
    }

    @Override
    public synchronized void putPolicy(Policy policy) {
        change("put policy", policy.name());
        policies.put(policy.name(), policy);
    }

    @Override
    public synchronized void deletePolicy(String name) {
        change("delete policy", name);
        policies.remove(name);
    }

    @Override
    public synchronized boolean deleteExchangeIfUnused(String name) {
        if (bindings.stream().anyMatch(b -> b.source().equals(name))) return false;
        deleteExchange(name);
        return true;
    }

    @Override
    public synchronized void deleteExchange(String name) {
        change("delete exchange", name);
        exchanges.remove(name);
        bindings.removeIf(b -> b.source().equals(name) || (!"queue".equals(b.destinationType()) && b.destination().equals(name)));
    }

    @Override
    public synchronized boolean deleteQueueIfIdle(String name) {
        Queue queue = queues.get(name);
        if (queue != null && queue.queueType().orElse(null) != QueueType.CLASSIC)
            throw new ManagementException(ManagementException.Reason.REJECTED, 400,
                    "if-empty delete of " + queue.type() + " queue " + name + ": not supported by RabbitMQ");
        if (messages(name) > 0 || consumers.getOrDefault(name, 0L) > 0) return false;
        deleteQueue(name);
        return true;
    }

    @Override
    public synchronized void deleteQueue(String name) {
        change("delete queue", name);
        queues.remove(name);
        messages.remove(name);
        consumers.remove(name);
        bindings.removeIf(b -> "queue".equals(b.destinationType()) && b.destination().equals(name));
    }

    @Override
    public synchronized Optional<QueueDepth> depth(String queue) {
        if (!queues.containsKey(queue)) return Optional.empty();
        return Optional.of(new QueueDepth(messages(queue), consumers.getOrDefault(queue, 0L)));
    }

    private void change(String what, String object) {
        if (object.equals(failing))
            throw new ManagementException(ManagementException.Reason.UNREACHABLE, 0, what + " " + object + ": connection refused");
        log.add(what + " " + object);
    }

    private void requireQueue(String queue) {
        if (!queues.containsKey(queue)) throw new IllegalArgumentException("no queue " + queue);
    }

    private static ManagementException inequivalent(String kind, String name) {
        return new ManagementException(ManagementException.Reason.PRECONDITION_FAILED, 406,
                "inequivalent arguments for " + kind + " " + name);
    }

    private static ManagementException notFound(String what) {
        return new ManagementException(ManagementException.Reason.NOT_FOUND, 404, what + " not found");
    }
}
