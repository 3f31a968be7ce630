package dev.bloodbank.broker.runtime;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import dev.bloodbank.envelope.Envelope;
import dev.bloodbank.envelope.EnvelopeCodec;
import dev.bloodbank.envelope.EnvelopeDecodingException;
import dev.bloodbank.topology.Topology;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Watches traffic without taking it from anyone: a private, server-named queue (exclusive,
 * deleted with the connection) bound to the events exchange, and the commands exchange when asked,
 * receives a copy of every matching message.
 */
public final class Tail implements AutoCloseable {

    /** One message seen: where it was published, and its envelope or why it is not one. */
    public record Seen(String exchange, String routingKey, Envelope envelope, String problem, byte[] body, long deliveryTag) {

        public String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /** Messages handed over but not yet printed; the broker keeps the rest in the tail queue. */
    private static final int PREFETCH = 256;

    private final Connection connection;
    private final Channel channel;
    private final BlockingQueue<Seen> seen = new LinkedBlockingQueue<>();
    private final String queue;

    private Tail(Connection connection, Topology topology, List<String> patterns, boolean commands) throws IOException {
        this.connection = connection;
        this.channel = connection.createChannel();
        // Manual acks with a prefetch: a slow terminal makes the broker hold messages, not this process's heap.
        channel.basicQos(PREFETCH);
        this.queue = channel.queueDeclare("", false, true, true, null).getQueue();
        List<String> bound = patterns.isEmpty() ? List.of("#") : patterns;
        for (String pattern : bound) {
            channel.queueBind(queue, topology.exchanges().events(), pattern);
            if (commands) channel.queueBind(queue, topology.exchanges().commands(), pattern);
        }
        EnvelopeCodec codec = EnvelopeCodec.standard();
        channel.basicConsume(queue, false, (tag, delivery) -> {
            Envelope envelope = null;
            String problem = null;
            try {
                envelope = codec.decode(delivery.getBody());
            } catch (EnvelopeDecodingException e) {
                problem = e.getMessage();
            }
            seen.add(new Seen(delivery.getEnvelope().getExchange(), delivery.getEnvelope().getRoutingKey(), envelope, problem,
                    delivery.getBody(), delivery.getEnvelope().getDeliveryTag()));
        }, tag -> {});
    }

    /** Binds a private queue with the patterns ({@code #} when none) and starts receiving. */
    public static Tail open(Topology topology, List<String> patterns, boolean commands, RuntimeSettings settings) {
        Connection connection = Connections.open(settings, "tail", null);
        try {
            return new Tail(connection, topology, patterns, commands);
        } catch (IOException e) {
            Publisher.closeQuietly(connection);
            throw new BrokerUnavailableException("cannot bind a tail queue: " + rootMessage(e)
                    + " (does the exchange exist? run `bloodbank apply` first)", e);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) t = t.getCause();
        return t.getMessage();
    }

    /** The server-named queue. */
    public String queue() {
        return queue;
    }

    /** The next message, or null when none came within {@code timeout}. */
    public Seen next(Duration timeout) throws InterruptedException {
        Seen next = seen.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
        if (next != null) {
            try {
                channel.basicAck(next.deliveryTag(), false);
            } catch (IOException | com.rabbitmq.client.AlreadyClosedException e) {
                // The tail queue is private and goes away with the connection: nothing to protect.
            }
        }
        return next;
    }

    @Override
    public void close() {
        Publisher.closeQuietly(connection);
    }
}
