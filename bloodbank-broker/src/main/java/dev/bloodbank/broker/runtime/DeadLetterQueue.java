package dev.bloodbank.broker.runtime;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.GetResponse;
import dev.bloodbank.engine.DeadLetter;
import dev.bloodbank.engine.FailureHeaders;
import dev.bloodbank.topology.routing.ConsumerQueue;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

/**
 * Looks into the dead-letter queue of one consumer and sends chosen messages back to work.
 *
 * <p>Looking never loses a message: messages are fetched without acknowledging and all given back
 * (nack, requeue) before returning, so they stay in the queue in their order. Replaying a message
 * publishes a copy to the work queue through the default exchange, with the failure headers and
 * the attempt count removed, waits for the broker's confirm, and only then acknowledges (removes)
 * the dead-letter copy; a replay that is not confirmed leaves the message where it was.
 */
public final class DeadLetterQueue implements AutoCloseable {

    /**
     * What a replay did; {@code remaining} counts the messages present when it started that are
     * still in the dead-letter queue (new failures arriving meanwhile are not counted).
     */
    public record ReplayReport(List<DeadLetter> replayed, List<String> failures, long remaining) {}

    private final ConsumerQueue queue;
    private final RuntimeSettings settings;
    private final Connection connection;
    private final ConnectionSocket socket;

    private DeadLetterQueue(ConsumerQueue queue, RuntimeSettings settings, Connection connection, ConnectionSocket socket) {
        this.queue = queue;
        this.settings = settings;
        this.connection = connection;
        this.socket = socket;
    }

    /** Connects to the broker; {@code queue} is the consuming queue (see {@code Routing}) whose dead letters to look at. */
    public static DeadLetterQueue open(ConsumerQueue queue, RuntimeSettings settings) {
        ConnectionSocket socket = new ConnectionSocket();
        return new DeadLetterQueue(queue, settings, Connections.open(settings, "dlq", null, socket), socket);
    }

    public String name() {
        return queue.deadLetterQueue().queue();
    }

    /** Messages in the dead-letter queue now. */
    public long count() {
        try (Channel channel = connection.createChannel()) {
            return channel.messageCount(queue.deadLetterQueue().queue());
        } catch (IOException | TimeoutException e) {
            throw unavailable(e);
        }
    }

    /** The first {@code max} messages, left in the queue. */
    public List<DeadLetter> browse(int max) {
        List<DeadLetter> seen = new ArrayList<>();
        try (Channel channel = connection.createChannel()) {
            long last = -1;
            for (int i = 0; i < max; i++) {
                GetResponse r = channel.basicGet(queue.deadLetterQueue().queue(), false);
                if (r == null) break;
                last = r.getEnvelope().getDeliveryTag();
                seen.add(deadLetter(r));
            }
            if (last >= 0) channel.basicNack(last, true, true);
        } catch (IOException | TimeoutException e) {
            throw unavailable(e);
        }
        return seen;
    }

    /**
     * Replays up to {@code max} of the messages {@code chosen} accepts, looking at no more than the
     * messages present when the replay starts (a replayed message that fails again is not replayed twice).
     */
    public ReplayReport replay(int max, Predicate<DeadLetter> chosen) {
        List<DeadLetter> replayed = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        try (Channel channel = connection.createChannel(); ConfirmedChannel sender = new ConfirmedChannel(connection, socket, settings)) {
            long present = channel.messageCount(queue.deadLetterQueue().queue());
            List<Long> keep = new ArrayList<>();
            for (long i = 0; i < present && replayed.size() < max; i++) {
                GetResponse r = channel.basicGet(queue.deadLetterQueue().queue(), false);
                if (r == null) break;
                long tag = r.getEnvelope().getDeliveryTag();
                DeadLetter letter = deadLetter(r);
                if (!chosen.test(letter)) {
                    keep.add(tag);
                    continue;
                }
                String target = letter.originalQueue() != null ? letter.originalQueue() : queue.queue();
                try {
                    sender.send("", target, cleaned(r.getProps()), r.getBody(), letter.type() == null ? "unknown" : letter.type())
                            .get(settings.confirmTimeout().toMillis() + 1000, TimeUnit.MILLISECONDS);
                    channel.basicAck(tag, false);
                    replayed.add(letter);
                } catch (ExecutionException | TimeoutException e) {
                    keep.add(tag);
                    Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
                    failures.add((letter.messageId() == null ? "message" : letter.messageId()) + ": " + cause.getMessage());
                } catch (InterruptedException e) {
                    keep.add(tag);
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            for (long tag : keep) channel.basicNack(tag, false, true);
            // Counted, not asked: a quorum queue applies the nacks above asynchronously.
            return new ReplayReport(replayed, failures, present - replayed.size());
        } catch (IOException | TimeoutException e) {
            throw unavailable(e);
        }
    }

    /** The original properties, with the failure headers and the attempt count gone: a fresh start. */
    private static AMQP.BasicProperties cleaned(AMQP.BasicProperties props) {
        return props.builder().headers(FailureHeaders.forReplay(props.getHeaders())).build();
    }

    private DeadLetter deadLetter(GetResponse r) {
        return DeadLetter.read(queue.deadLetterQueue().queue(), r.getProps().getMessageId(), r.getProps().getType(),
                r.getProps().getHeaders(), r.getBody());
    }

    private BrokerUnavailableException unavailable(Exception e) {
        return new BrokerUnavailableException("cannot read " + queue.deadLetterQueue().queue() + ": " + e.getMessage(), e);
    }

    @Override
    public void close() {
        Publisher.closeQuietly(connection);
    }
}
