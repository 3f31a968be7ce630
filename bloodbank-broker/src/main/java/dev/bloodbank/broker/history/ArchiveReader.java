package dev.bloodbank.broker.history;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import com.rabbitmq.client.ShutdownSignalException;
import dev.bloodbank.envelope.EnvelopeCodec;
import dev.bloodbank.envelope.EnvelopeDecodingException;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Reads the archive stream over AMQP 0-9-1, one message at a time, in offset order.
 *
 * <p>Memory stays flat whatever the window: the broker sends at most {@code prefetch} messages
 * ahead (a stream consumer must set {@code basic.qos}; acknowledgements only return credit), the
 * consumer thread hands them over through a queue of that capacity, and nothing read is kept.
 *
 * <p>Where the end is: a stream has no "last message" a 0-9-1 client can ask for, and the
 * management API's count lags by seconds. {@link #tailOffset()} fixes the end when a read starts:
 * it attaches at {@code x-stream-offset: last}, which delivers the last chunk the broker wrote,
 * and keeps the highest offset seen. A bounded read stops at that offset, so a busy stream never
 * keeps it going, and messages written after the start are left for the next read.
 */
public final class ArchiveReader {

    /** What a read does with each message; returning false stops it. */
    @FunctionalInterface
    public interface Visitor {
        boolean visit(ArchivedMessage message) throws Exception;
    }

    static final int PREFETCH = 1000;
    /** How long the tail probe waits for the broker's answer to its cancel. */
    private static final Duration CANCEL_WAIT = Duration.ofSeconds(30);
    /** How long the timed tail probe waits for the first message of the last chunk. */
    private static final Duration FIRST_WAIT = Duration.ofSeconds(2);
    /**
     * Once the last chunk started arriving, a pause this long means it is complete (the timed
     * probe only). The broker sends a chunk in one go, but on a loaded machine (two cores shared
     * with the broker, load average 15) a pause of 150 ms inside one was seen, and the read then
     * ended 65 events short.
     */
    private static final Duration CHUNK_IDLE = Duration.ofMillis(600);
    /**
     * How long a read keeps trying to attach to a stream that is between leaders. After a node
     * dies the survivors elect a new one within seconds; a 3-node cluster on a loaded 2-core
     * machine was seen refusing consumers for a moment after the management API already showed
     * the node down.
     */
    static final Duration ATTACH_PATIENCE = Duration.ofSeconds(20);

    private final Connection connection;
    private final String stream;
    private final Duration attachPatience;
    private final EnvelopeCodec codec = EnvelopeCodec.standard();
    /** Whether each message's body is read as an envelope; see {@link #bodiesOnly}. */
    private final boolean readsEnvelopes;

    private ArchiveReader(Connection connection, String stream, Duration attachPatience, boolean readsEnvelopes) {
        this.connection = connection;
        this.stream = stream;
        this.attachPatience = attachPatience;
        this.readsEnvelopes = readsEnvelopes;
    }

    /**
     * A reader of this stream on an open connection (the caller closes it).
     *
     * @throws HistoryException when the stream does not exist
     */
    public static ArchiveReader open(Connection connection, String stream) {
        return open(connection, stream, ATTACH_PATIENCE);
    }

    /**
     * As {@link #open(Connection, String)}, trying to attach for at most {@code attachPatience}
     * while the stream has no leader or no member on the connection's node. A caller that can
     * connect to another node gives it less, and goes there when
     * {@link HistoryException#anotherNodeMayServe()}.
     */
    public static ArchiveReader open(Connection connection, String stream, Duration attachPatience) {
        ArchiveReader reader = new ArchiveReader(connection, stream, attachPatience, true);
        reader.checkExists();
        return reader;
    }

    /**
     * This reader, giving each message with its body only and no envelope: for a stream whose
     * bodies are not envelopes (the schema registry's version records). Reading each as an
     * envelope first would cost two failed parses and an exception per message.
     */
    public ArchiveReader bodiesOnly() {
        return new ArchiveReader(connection, stream, attachPatience, false);
    }

    public String stream() {
        return stream;
    }

    private void checkExists() {
        if (!streamExists(connection, stream))
            throw new HistoryException("the archive stream " + stream + " does not exist in this vhost: run bloodbank apply"
                    + " with an archive in topology.yaml (it is on unless archive.enabled is false)");
    }

    /**
     * Whether this stream exists in the connection's vhost. Only the broker's "not found" answers
     * no: any other failure (a node going away, a refused permission) is reported, never read as
     * an empty history.
     *
     * @throws HistoryException when the broker cannot say
     */
    public static boolean streamExists(Connection connection, String stream) {
        Channel ch = null;
        try {
            ch = connection.createChannel();
            ch.queueDeclarePassive(stream);
            return true;
        } catch (IOException | ShutdownSignalException e) {
            ChannelFailure failure = ChannelFailure.of(e);
            if (failure.notFound()) return false;
            throw new HistoryException("the broker did not say whether the stream " + stream + " exists: " + failure, e,
                    failure.anotherNodeMayServe());
        } finally {
            if (ch != null) closeQuietly(ch);
        }
    }

    /**
     * The offset of the newest message right now, or -1 when the stream holds none.
     *
     * <p>The channel that serves a stream consumer sends whole chunks, each in one go, between two
     * of the client's commands: the chunks it read when the consumer attached come before its
     * answer to a cancel sent at once, and the client hands that answer to the consumer after them.
     * So the last chunk is complete when the cancel's answer arrives, without waiting for a pause.
     * A broker that attaches without sending anything at once leaves nothing before the answer; so
     * does an empty stream. Only then the tail is found the slow way, by {@link #timedTailOffset()}.
     */
    public long tailOffset() throws IOException, InterruptedException {
        long tail = tailBeforeCancel();
        return tail >= 0 ? tail : timedTailOffset();
    }

    /** The highest offset the broker sent before answering a cancel sent at attach, or -1 for none. */
    long tailBeforeCancel() throws IOException, InterruptedException {
        Attachment at = attach("last");
        try {
            try {
                at.channel.basicCancel(at.consumerTag);
            } catch (IOException | ShutdownSignalException closed) {
                return -1;   // the channel closed under the probe (a leader moving): the timed probe attaches again
            }
            long highest = -1;
            for (Delivery d = next(at); d != CANCELLED; d = next(at)) highest = Math.max(highest, d.offset());
            return highest;
        } finally {
            closeQuietly(at.channel);
        }
    }

    private Delivery next(Attachment at) throws InterruptedException {
        Delivery d = at.queue.poll(CANCEL_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        if (d == null)
            throw new HistoryException("the broker did not answer a cancel on the stream " + stream + " within " + CANCEL_WAIT.toSeconds() + " s");
        return d;
    }

    /** The tail found by attaching at the last chunk and waiting until its messages stop coming. */
    private long timedTailOffset() throws IOException, InterruptedException {
        Attachment at = attach("last");
        try {
            long highest = -1;
            Delivery d = at.queue.poll(FIRST_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            while (d != null) {
                highest = Math.max(highest, d.offset());
                at.channel.basicAck(d.tag(), true);
                d = at.queue.poll(CHUNK_IDLE.toMillis(), TimeUnit.MILLISECONDS);
            }
            return highest;
        } finally {
            closeQuietly(at.channel);
        }
    }

    /**
     * Visits every message from {@code start} through {@code endOffset} (inclusive; none when it is
     * below the start), or, with {@code follow}, on and on until the visitor says stop or
     * {@code deadline} passes. Returns how many messages were visited.
     */
    public long read(StreamStart start, long endOffset, boolean follow, long deadlineNanos, Visitor visitor)
            throws IOException, InterruptedException {
        if (!follow && endOffset < 0) return 0;
        Attachment at = attach(start.argument());
        long visited = 0;
        long last = -1;
        try {
            int unacked = 0;
            while (true) {
                long waitNanos = deadlineNanos - System.nanoTime();
                if (waitNanos <= 0) return visited;
                Delivery d = at.queue.poll(Math.min(waitNanos, TimeUnit.MILLISECONDS.toNanos(200)), TimeUnit.NANOSECONDS);
                if (d == null) {
                    if (!at.channel.isOpen()) {
                        // The stream changed leader under the read: go on after the last message seen.
                        ChannelFailure failure = ChannelFailure.of(at.channel.getCloseReason());
                        if (!failure.transientOnStream())
                            throw new HistoryException("the archive read stopped: " + failure, null, failure.anotherNodeMayServe());
                        at = attach(last < 0 ? start.argument() : new StreamStart.Offset(last + 1).argument());
                        unacked = 0;
                    }
                    continue;
                }
                // a re-attached consumer starts at the chunk holding the offset asked for: skip what was seen
                if (d.offset() <= last) continue;
                if (!follow && d.offset() > endOffset) return visited;
                last = d.offset();
                visited++;
                boolean more = visitor.visit(message(d));
                if (++unacked >= PREFETCH / 2) {
                    at.channel.basicAck(d.tag(), true);
                    unacked = 0;
                }
                if (!more || (!follow && d.offset() >= endOffset)) return visited;
            }
        } catch (IOException | InterruptedException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new HistoryException("reading the archive failed: " + e.getMessage(), e);
        } finally {
            closeQuietly(at.channel);
        }
    }

    /**
     * Visits every message the stream holds now, first to last, the end fixed when the read starts
     * (see {@link #tailOffset()}); at most {@code limit} long. Returns how many were visited.
     */
    public long readToEnd(java.time.Duration limit, Visitor visitor) throws IOException, InterruptedException {
        return read(new StreamStart.First(), tailOffset(), false, System.nanoTime() + limit.toNanos(), visitor);
    }

    /** A consuming channel, its consumer's tag, and the deliveries it hands over. */
    private record Attachment(Channel channel, String consumerTag, BlockingQueue<Delivery> queue) {}

    /**
     * Starts a consumer at this {@code x-stream-offset}, trying again on a new channel while the
     * broker answers that the stream is between leaders (a member on a node that just died), for
     * at most the attach patience ({@link #ATTACH_PATIENCE} unless the caller gave another).
     */
    private Attachment attach(Object offset) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + attachPatience.toNanos();
        long pauseMillis = 100;
        while (true) {
            Channel ch = null;
            try {
                ch = connection.createChannel();
                // Unbounded: the broker sends whole chunks, so a chunk read on the last credit
                // goes past the prefetch. What is held stays below the prefetch plus one chunk.
                BlockingQueue<Delivery> queue = new LinkedBlockingQueue<>();
                ch.basicQos(PREFETCH);
                String tag = ch.basicConsume(stream, false, Map.of("x-stream-offset", offset), consumer(ch, queue));
                return new Attachment(ch, tag, queue);
            } catch (IOException | ShutdownSignalException e) {
                if (ch != null) closeQuietly(ch);
                ChannelFailure failure = ChannelFailure.of(e);
                if (!failure.transientOnStream() || System.nanoTime() + pauseMillis * 1_000_000 > deadline)
                    throw new HistoryException("cannot read the stream " + stream + ": " + failure, e, failure.anotherNodeMayServe());
                Thread.sleep(pauseMillis);
                pauseMillis = Math.min(pauseMillis * 2, 1_000);
            }
        }
    }

    private ArchivedMessage message(Delivery d) {
        return new ArchivedMessage(d.offset(), d.exchange(), d.routingKey(), d.properties(), d.body(),
                readsEnvelopes ? envelope(d.body()) : Optional.empty());
    }

    private Optional<dev.bloodbank.envelope.Envelope> envelope(byte[] body) {
        try {
            return Optional.of(codec.decode(body));
        } catch (EnvelopeDecodingException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private record Delivery(long tag, long offset, String exchange, String routingKey, AMQP.BasicProperties properties, byte[] body) {}

    /** Put after the deliveries when the broker has answered a cancel. */
    private static final Delivery CANCELLED = new Delivery(-1, -1, "", "", null, new byte[0]);

    private static DefaultConsumer consumer(Channel ch, BlockingQueue<Delivery> queue) {
        return new DefaultConsumer(ch) {
            @Override
            public void handleDelivery(String consumerTag, Envelope envelope, AMQP.BasicProperties properties, byte[] body) {
                Object offset = properties.getHeaders() == null ? null : properties.getHeaders().get("x-stream-offset");
                long at = offset instanceof Number n ? n.longValue() : -1;
                queue.add(new Delivery(envelope.getDeliveryTag(), at, envelope.getExchange(), envelope.getRoutingKey(),
                        properties, body));
            }

            @Override
            public void handleCancelOk(String consumerTag) {
                queue.add(CANCELLED);
            }
        };
    }

    private static void closeQuietly(Channel ch) {
        try {
            if (ch.isOpen()) ch.close();
        } catch (IOException | java.util.concurrent.TimeoutException | ShutdownSignalException e) {
            // the read is over either way
        }
    }
}
