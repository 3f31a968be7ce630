package dev.bloodbank.cli.dashboard;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import dev.bloodbank.broker.management.BrokerNodes;
import dev.bloodbank.engine.Headers;
import dev.bloodbank.topology.routing.ConsumerQueue;
import dev.bloodbank.topology.routing.DeadLetterQueue;
import dev.bloodbank.topology.routing.Routing;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Counts, per event key, the messages the topology's work queues dead-letter, as they happen. The
 * archive never sees a dead letter: the runtime sends it to the dead-letter exchange routed by the
 * work queue's name, past the events exchange. So the dashboard binds a queue of its own (named by
 * the broker, exclusive, gone with its connection) to that direct exchange with each work queue's
 * dead-letter routing key, and the exchange gives it a copy of each letter beside the dead-letter
 * queue's own. Nothing is taken from the dead-letter queues.
 *
 * <p>It counts from the moment it is bound: letters from before stay in the dead-letter queues,
 * where the Dead letters view lists them. When the broker goes away it binds again on return and
 * says meanwhile that it is not counting.
 */
final class DeadLetterTap implements AutoCloseable {

    private static final Duration RECONNECT_PAUSE = Duration.ofSeconds(2);

    private final String amqpUrl;
    /** Each work queue's dead-letter exchange and routing key, once. */
    private final Set<DeadLetterQueue> deadLetterQueues = new LinkedHashSet<>();
    private final KeyCounters counters;
    private final Clock clock;
    private final CountDownLatch stop = new CountDownLatch(1);
    private final Thread thread;
    private volatile boolean counting;
    private volatile Connection current;

    DeadLetterTap(Routing routing, String amqpUrl, KeyCounters counters, Clock clock) {
        this.amqpUrl = amqpUrl;
        this.counters = counters;
        this.clock = clock;
        for (ConsumerQueue queue : routing.consumerQueues()) deadLetterQueues.add(queue.deadLetterQueue());
        this.thread = new Thread(this::tap, "bloodbank-dashboard-dead-letters");
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** Whether the tap is bound now, so that a count of none means none. */
    boolean counting() {
        return counting;
    }

    private void tap() {
        while (stop.getCount() > 0) {
            try (Connection connection = BrokerNodes.connect(amqpUrl, "bloodbank dashboard dead letters")) {
                current = connection;
                Channel channel = connection.createChannel();
                String queue = channel.queueDeclare("", false, true, true, Map.of()).getQueue();
                for (DeadLetterQueue dead : deadLetterQueues) channel.queueBind(queue, dead.exchange(), dead.routingKey());
                // Acknowledged on delivery: a copy only counted, the dead-letter queue holds the letter.
                channel.basicConsume(queue, true, new DefaultConsumer(channel) {
                    @Override
                    public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties properties, byte[] body) {
                        counters.deadLettered(keyOf(properties, envelope), clock.instant());
                    }
                });
                counting = true;
                while (connection.isOpen() && channel.isOpen() && !stop.await(500, TimeUnit.MILLISECONDS)) {
                    // deliveries arrive on the client's consumer thread
                }
            } catch (InterruptedException e) {
                return;
            } catch (Exception e) {
                // the broker is away or the topology not applied yet (no dead-letter exchange): try again
            } finally {
                counting = false;
                current = null;
            }
            try {
                if (stop.await(RECONNECT_PAUSE.toMillis(), TimeUnit.MILLISECONDS)) return;
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /**
     * The key a letter counts under: its type (the envelope's {@code event_type}, set by every
     * Bloodbank publisher), else the routing key it was first published with, which the runtime
     * keeps in a header, else the routing key it came with.
     */
    static String keyOf(AMQP.BasicProperties properties, Envelope envelope) {
        if (properties.getType() != null && !properties.getType().isEmpty()) return properties.getType();
        Object original = properties.getHeaders() == null ? null : properties.getHeaders().get(Headers.ORIGINAL_ROUTING_KEY);
        return original != null ? original.toString() : envelope.getRoutingKey();
    }

    @Override
    public void close() {
        stop.countDown();
        Connection c = current;
        if (c != null) {
            try {
                c.abort(2_000);
            } catch (RuntimeException e) {
                // closing anyway
            }
        }
        thread.interrupt();
    }
}
