package dev.bloodbank.topology.routing;

import dev.bloodbank.topology.CommandDefinition;
import dev.bloodbank.topology.Exchanges;
import dev.bloodbank.topology.QueueSettings;
import dev.bloodbank.topology.Subscription;
import dev.bloodbank.topology.Topology;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * How the broker routes the messages of one topology, worked out once from the model. Queue names
 * come from {@link QueueSettings}; nothing here builds a name of its own.
 *
 * <pre>{@code
 * Route route = Routing.of(topology).route("fireflies.transcript.uploaded");
 * route.receivers();   // each subscription queue with a matching pattern, with its retry and dead-letter queues
 * }</pre>
 */
public final class Routing {

    private final Exchanges exchanges;
    private final Map<String, CommandDefinition> commands;
    private final List<ConsumerQueue> consumerQueues;
    private final Map<String, ConsumerQueue> byQueue = new HashMap<>();
    private final Map<String, RetryQueue> retryQueues = new HashMap<>();

    private Routing(Topology topology) {
        this.exchanges = topology.exchanges();
        this.commands = topology.commands();
        List<ConsumerQueue> queues = new ArrayList<>();
        for (CommandDefinition command : topology.commands().values()) {
            queues.add(consumerQueue(new Consumer.Worker(command.key()), command.worker(), exchanges.commands(), List.of(command.key())));
        }
        for (Subscription subscription : topology.subscriptions().values()) {
            queues.add(consumerQueue(new Consumer.Subscriber(subscription.service()), subscription.queue(), exchanges.events(),
                    subscription.patterns()));
        }
        this.consumerQueues = List.copyOf(queues);
        for (ConsumerQueue queue : consumerQueues) {
            byQueue.putIfAbsent(queue.queue(), queue);
            for (RetryQueue retry : queue.retryQueues()) retryQueues.putIfAbsent(retry.queue(), retry);
        }
    }

    public static Routing of(Topology topology) {
        return new Routing(Objects.requireNonNull(topology, "topology"));
    }

    private ConsumerQueue consumerQueue(Consumer consumer, QueueSettings settings, String exchange, List<String> bindingKeys) {
        List<RetryQueue> retries = new ArrayList<>();
        for (Duration delay : settings.retry().delays())
            retries.add(new RetryQueue(settings.retryQueue(delay), delay, settings.queue(), exchanges.retry()));
        DeadLetterQueue dead = new DeadLetterQueue(settings.deadLetterQueue(), exchanges.deadLetter(), settings.queue());
        return new ConsumerQueue(consumer, settings, exchange, bindingKeys, retries, dead);
    }

    /** Every consuming queue: the commands' worker queues, then the subscriptions' queues, each in declaration order. */
    public List<ConsumerQueue> consumerQueues() {
        return consumerQueues;
    }

    /** The consuming queue with this name. */
    public Optional<ConsumerQueue> consumerQueue(String queue) {
        return Optional.ofNullable(byQueue.get(queue));
    }

    /** The retry queue with this name. */
    public Optional<RetryQueue> retryQueue(String queue) {
        return Optional.ofNullable(retryQueues.get(queue));
    }

    /** The exchange a message with this key is published to: the commands exchange for a declared command, else the events exchange. */
    public String exchangeOf(String key) {
        return commands.containsKey(key) ? exchanges.commands() : exchanges.events();
    }

    /** Where a message with this key goes when published as the topology says (see {@link #exchangeOf}). */
    public Route route(String key) {
        return route(exchangeOf(key), key);
    }

    /** Where a message published to {@code exchange} with {@code routingKey} goes. */
    public Route route(String exchange, String routingKey) {
        Objects.requireNonNull(exchange, "exchange");
        Objects.requireNonNull(routingKey, "routingKey");
        List<Route.Receiver> receivers = new ArrayList<>();
        Set<String> reached = new HashSet<>();
        for (ConsumerQueue queue : consumerQueues) {
            // a queue bound twice still gets one copy, as on the broker
            if (!queue.exchange().equals(exchange) || reached.contains(queue.queue())) continue;
            List<String> matched = queue.keysMatching(routingKey);
            if (matched.isEmpty()) continue;
            receivers.add(new Route.Receiver(queue, matched));
            reached.add(queue.queue());
        }
        // only the events exchange has an alternate exchange; an unroutable command must fail its publisher
        Optional<String> alternate = exchange.equals(exchanges.events()) ? Optional.of(exchanges.unrouted()) : Optional.empty();
        return new Route(exchange, routingKey, receivers, alternate);
    }
}
