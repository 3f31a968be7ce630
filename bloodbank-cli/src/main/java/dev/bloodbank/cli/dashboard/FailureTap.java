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
import dev.bloodbank.topology.routing.RetryQueue;
import dev.bloodbank.topology.routing.Routing;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Counts, per event key, the messages the topology's work queues retry and dead-letter, as they
 * happen. The archive sees neither: the runtime sends a failed message to the retry exchange
 * routed by its retry queue's name, or to the dead-letter exchange routed by its work queue's
 * name, past the events exchange. So the dashboard binds a queue of its own (named by the broker,
 * exclusive, gone with its connection) to both direct exchanges with those same routing keys, and
 * each exchange gives it a copy of every move beside the retry or dead-letter queue's own. Nothing
 * is taken from the topology's queues.
 *
 * <p>It counts from the moment it is bound: moves from before are not counted (the Dead letters
 * view lists the letters still queued). When the broker goes away it binds again on return and
 * says meanwhile that it is not counting. A vhost applied by an earlier Bloodbank has no retry
 * exchange (its runtimes retry through the default exchange, which nobody can watch): retries
 * are then not counted, dead letters are, and the tap looks for the exchange again now and then.
 */
final class FailureTap implements AutoCloseable {

    private static final Duration RECONNECT_PAUSE = Duration.ofSeconds(2);
    /** How often a tap without the retry exchange looks for it again (after a `bloodbank apply`). */
    private static final Duration RETRY_EXCHANGE_RECHECK = Duration.ofSeconds(30);

    private final String amqpUrl;
    /** Each work queue's dead-letter exchange and routing key, once. */
    private final Set<DeadLetterQueue> deadLetterQueues = new LinkedHashSet<>();
    private final Set<RetryQueue> retryQueues = new LinkedHashSet<>();
    private final String retryExchange;
    private final KeyCounters counters;
    private final Clock clock;
    private final CountDownLatch stop = new CountDownLatch(1);
    private final Thread thread;
    private volatile boolean countingDeadLetters;
    private volatile boolean countingRetries;
    private volatile Connection current;

    FailureTap(Routing routing, String retryExchange, String amqpUrl, KeyCounters counters, Clock clock) {
        this.amqpUrl = amqpUrl;
        this.retryExchange = retryExchange;
        this.counters = counters;
        this.clock = clock;
        for (ConsumerQueue queue : routing.consumerQueues()) {
            deadLetterQueues.add(queue.deadLetterQueue());
            retryQueues.addAll(queue.retryQueues());
        }
        this.thread = new Thread(this::tap, "bloodbank-dashboard-failures");
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** Whether dead letters are counted now, so that a count of none means none. */
    boolean countingDeadLetters() {
        return countingDeadLetters;
    }

    /** Whether retries are counted now, so that a count of none means none. */
    boolean countingRetries() {
        return countingRetries;
    }

    private void tap() {
        while (stop.getCount() > 0) {
            try (Connection connection = BrokerNodes.connect(amqpUrl, "bloodbank dashboard failures")) {
                current = connection;
                Channel channel = connection.createChannel();
                String queue = channel.queueDeclare("", false, true, true, Map.of()).getQueue();
                for (DeadLetterQueue dead : deadLetterQueues) channel.queueBind(queue, dead.exchange(), dead.routingKey());
                // Acknowledged on delivery: a copy only counted, the topology's queue holds the message.
                channel.basicConsume(queue, true, new DefaultConsumer(channel) {
                    @Override
                    public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties properties, byte[] body) {
                        String key = keyOf(properties, envelope);
                        if (envelope.getExchange().equals(retryExchange)) counters.retried(key, clock.instant());
                        else counters.deadLettered(key, clock.instant());
                    }
                });
                countingDeadLetters = true;
                long lookedForRetries = System.nanoTime() - RETRY_EXCHANGE_RECHECK.toNanos();   // look at once
                while (connection.isOpen() && channel.isOpen()) {
                    if (!countingRetries && System.nanoTime() - lookedForRetries >= RETRY_EXCHANGE_RECHECK.toNanos()) {
                        lookedForRetries = System.nanoTime();
                        countingRetries = bindRetries(connection, channel, queue);
                    }
                    if (stop.await(500, TimeUnit.MILLISECONDS)) break;
                }
            } catch (InterruptedException e) {
                return;
            } catch (Exception e) {
                // the broker is away or the topology not applied yet (no dead-letter exchange): try again
            } finally {
                countingDeadLetters = false;
                countingRetries = false;
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
     * Binds the tap's queue to the retry exchange when the broker has it. The existence check runs
     * on a channel of its own: a missing exchange closes the channel that asked, and the tap's
     * consuming channel must outlive the answer.
     */
    private boolean bindRetries(Connection connection, Channel tapChannel, String queue) throws IOException {
        Channel probe = connection.createChannel();
        try {
            probe.exchangeDeclarePassive(retryExchange);
        } catch (IOException e) {
            return false;   // not applied yet: its runtimes retry through the default exchange
        } finally {
            try {
                if (probe.isOpen()) probe.close();
            } catch (Exception e) {
                // closed either way
            }
        }
        for (RetryQueue retry : retryQueues) tapChannel.queueBind(queue, retry.exchange(), retry.routingKey());
        return true;
    }

    /**
     * The key a move counts under: its type (the envelope's {@code event_type}, set by every
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
