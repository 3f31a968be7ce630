package dev.bloodbank.testing;

import dev.bloodbank.engine.DeadLetter;
import dev.bloodbank.envelope.Envelope;
import dev.bloodbank.envelope.EnvelopeCodec;
import dev.bloodbank.topology.routing.ConsumerQueue;
import dev.bloodbank.topology.routing.DeadLetterQueue;
import dev.bloodbank.topology.routing.RetryQueue;
import dev.bloodbank.topology.routing.Route;
import dev.bloodbank.topology.routing.Routing;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The broker of the test driver: queues in memory, routed by the topology's {@link Routing} as
 * RabbitMQ routes them, retry queues whose TTLs run on a virtual clock, dead-letter queues, and
 * the unrouted exchange's queue. It knows nothing of handlers: whoever consumes takes the next
 * ready message of the consumed queues and tells the broker what became of it.
 */
final class InMemoryBroker {

    private final Routing routing;
    private final Set<String> consumed;
    private final EnvelopeCodec codec = EnvelopeCodec.standard();

    private final Deque<QueuedMessage> ready = new ArrayDeque<>();
    private final Map<String, List<QueuedMessage>> otherQueues = new LinkedHashMap<>();
    private final List<PendingRetry> retries = new ArrayList<>();
    private final List<DeadLetter> deadLetters = new ArrayList<>();
    private final List<Envelope> unrouted = new ArrayList<>();
    private final VirtualClock clock;

    /**
     * @param consumed the queues a consumer takes from; what reaches any other queue stays there,
     *     readable with {@link #queue(String)}
     */
    InMemoryBroker(Routing routing, Set<String> consumed, VirtualClock clock) {
        this.routing = routing;
        this.consumed = Set.copyOf(consumed);
        this.clock = clock;
    }

    Routing routing() {
        return routing;
    }

    // ---- publishing --------------------------------------------------------------------------------

    /** Puts a copy of the message in every queue the routing model says it reaches, or keeps it as unrouted. */
    void publish(String exchange, String routingKey, byte[] body, Map<String, Object> headers) {
        Route route = routing.route(exchange, routingKey);
        if (route.unrouted()) {
            keepUnrouted(routingKey, body);
            return;
        }
        for (Route.Receiver receiver : route.receivers()) {
            enqueue(new QueuedMessage(receiver.queue().queue(), exchange, routingKey, body, headers));
        }
    }

    /** Where the message is kept for people to see; one that is not an envelope is a mistake in the test. */
    private void keepUnrouted(String routingKey, byte[] body) {
        try {
            unrouted.add(codec.decode(body));
        } catch (Exception e) {
            throw new IllegalArgumentException("no queue is bound for routing key '" + routingKey
                    + "' and the body is not an envelope: " + e.getMessage(), e);
        }
    }

    private void enqueue(QueuedMessage message) {
        if (consumed.contains(message.queue())) ready.add(message);
        else otherQueues.computeIfAbsent(message.queue(), q -> new ArrayList<>()).add(message);
    }

    // ---- consuming ---------------------------------------------------------------------------------

    /** The next message ready in a consumed queue, in arrival order; empty when all are empty. */
    Optional<QueuedMessage> next() {
        return Optional.ofNullable(ready.poll());
    }

    /**
     * Puts a failed message in the retry queue it names, sent there through the default exchange;
     * the queue's delay and the work queue it returns to come from the routing model.
     *
     * @param attempt the delivery number it will be when it returns
     */
    void retry(QueuedMessage message, int attempt) {
        RetryQueue queue = routing.retryQueue(message.queue()).orElseThrow(() -> new IllegalStateException(
                "the topology has no retry queue " + message.queue()));
        retries.add(new PendingRetry(message, queue.workQueue(), queue.delay(), now().plus(queue.delay()), attempt));
    }

    /** Dead-letters a message that failed on {@code workQueue}: through the dead-letter exchange, routed by the work queue's name. */
    void deadLetter(String workQueue, byte[] body, Map<String, Object> headers) {
        ConsumerQueue consumer = routing.consumerQueue(workQueue).orElseThrow(() -> new IllegalStateException(
                "the topology has no consuming queue " + workQueue));
        DeadLetterQueue dlq = consumer.deadLetterQueue();
        deadLetters.add(DeadLetter.read(dlq.queue(), null, null, headers, body));
    }

    // ---- time --------------------------------------------------------------------------------------

    Instant now() {
        return clock.instant();
    }

    /**
     * Moves the clock forward. Each retry that falls due on the way goes back to its work queue at
     * its due time, in due order, and {@code consume} runs before the clock moves on, so a retry it
     * schedules counts from that moment.
     */
    void advance(Duration duration, Runnable consume) {
        if (duration.isNegative()) throw new IllegalArgumentException("the clock cannot go back: " + duration);
        Instant target = now().plus(duration);
        while (true) {
            Optional<Instant> due = nextDue().filter(at -> !at.isAfter(target));
            if (due.isEmpty()) break;
            clock.set(due.get());
            release(due.get());
            consume.run();
        }
        clock.set(target);
    }

    /** When the soonest pending retry falls due; empty when none is pending. */
    Optional<Instant> nextDue() {
        return retries.stream().map(PendingRetry::dueAt).min(Comparator.naturalOrder());
    }

    /** Moves every retry due at {@code at} back to its work queue, in the order they were scheduled. */
    private void release(Instant at) {
        List<PendingRetry> due = retries.stream().filter(r -> !r.dueAt().isAfter(at)).toList();
        retries.removeAll(due);
        for (PendingRetry retry : due) {
            QueuedMessage m = retry.message();
            // the broker dead-letters an expired retry back through the default exchange, routed by the work queue's name
            enqueue(new QueuedMessage(retry.workQueue(), "", retry.workQueue(), m.body(), m.headers()));
        }
    }

    // ---- what is in the queues ---------------------------------------------------------------------

    /** Failed messages waiting out their back-off, soonest first. */
    List<PendingRetry> retries() {
        return retries.stream().sorted(Comparator.comparing(PendingRetry::dueAt)).toList();
    }

    List<DeadLetter> deadLetters() {
        return List.copyOf(deadLetters);
    }

    /** What waits in a queue nobody consumes here. */
    List<QueuedMessage> queue(String queue) {
        return List.copyOf(otherQueues.getOrDefault(queue, List.of()));
    }

    List<Envelope> unrouted() {
        return List.copyOf(unrouted);
    }
}
