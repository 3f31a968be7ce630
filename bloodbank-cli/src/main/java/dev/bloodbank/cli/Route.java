package dev.bloodbank.cli;

import dev.bloodbank.topology.CommandDefinition;
import dev.bloodbank.topology.EventDefinition;
import dev.bloodbank.topology.MessageDefinition;
import dev.bloodbank.topology.QueueSettings;
import dev.bloodbank.topology.Subscription;
import dev.bloodbank.topology.TopicPattern;
import dev.bloodbank.topology.Topology;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Where one message travels, read off the topology: the exchange it is published to, its routing
 * key and the queues that receive it. Queue names come from the model ({@link QueueSettings}),
 * never rebuilt here, so {@code show} names exactly what {@code apply} declares.
 */
record Route(String exchange, String routingKey, List<Stop> stops) {

    /** A queue on the way. */
    sealed interface Stop permits SubscriberQueue, WorkerQueue, RetryQueue, DeadLetterQueue {
        String queue();
    }

    /** An event reaches every subscription with a matching pattern. */
    record SubscriberQueue(String service, List<String> matchingPatterns, QueueSettings settings) implements Stop {
        @Override
        public String queue() {
            return settings.queue();
        }
    }

    /** A command goes to the one queue its workers share. */
    record WorkerQueue(QueueSettings settings) implements Stop {
        @Override
        public String queue() {
            return settings.queue();
        }
    }

    /** A failed command waits out {@code delay} here, then returns to its worker queue. */
    record RetryQueue(String queue, Duration delay) implements Stop {}

    /** A command that failed every attempt, or cannot be handled at all, ends here. */
    record DeadLetterQueue(String queue, String exchange) implements Stop {}

    static Route of(Topology topology, MessageDefinition message) {
        if (message instanceof EventDefinition event) return ofEvent(topology, event);
        return ofCommand(topology, (CommandDefinition) message);
    }

    private static Route ofEvent(Topology topology, EventDefinition event) {
        List<Stop> stops = new ArrayList<>();
        for (Subscription subscription : topology.subscribersOf(event.key())) {
            List<String> matching = subscription.patterns().stream()
                    .filter(pattern -> TopicPattern.matches(pattern, event.key()))
                    .toList();
            stops.add(new SubscriberQueue(subscription.service(), matching, subscription.queue()));
        }
        return new Route(topology.exchanges().events(), event.key(), stops);
    }

    private static Route ofCommand(Topology topology, CommandDefinition command) {
        QueueSettings worker = command.worker();
        List<Stop> stops = new ArrayList<>();
        stops.add(new WorkerQueue(worker));
        for (Duration delay : worker.retry().delays()) stops.add(new RetryQueue(worker.retryQueue(delay), delay));
        stops.add(new DeadLetterQueue(worker.deadLetterQueue(), topology.exchanges().deadLetter()));
        return new Route(topology.exchanges().commands(), command.key(), stops);
    }
}
