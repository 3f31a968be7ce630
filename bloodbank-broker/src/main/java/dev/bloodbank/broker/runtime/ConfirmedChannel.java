package dev.bloodbank.broker.runtime;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.AlreadyClosedException;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.Return;
import com.rabbitmq.client.ShutdownSignalException;
import dev.bloodbank.flow.FlowListener;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One channel in confirm mode that many threads publish through. A lock around "take the next
 * sequence number, publish" keeps frames of different messages apart and sequence numbers in
 * step with what the broker counts. Each publish is tracked by its sequence number until the
 * broker acks or nacks it; a return (mandatory, no queue bound) marks it unroutable first, since
 * the broker sends the return before the ack.
 *
 * <p>Nothing vanishes: a publish whose confirm does not come within the confirm timeout fails,
 * and when the channel shuts down (connection lost, broker restart) every unconfirmed publish
 * fails with {@link PublishException.Reason#CONNECTION_LOST}; after automatic recovery the channel
 * is in confirm mode again and publishing resumes.
 *
 * <p>Nothing hangs: a caller waits for room in the window, for the broker to unblock publishing
 * and for the lock, all within one window timeout, and fails with {@code WINDOW_FULL} or
 * {@code BLOCKED} after it. A write itself can stall only when the broker stops reading the
 * socket; the confirm timer cuts the socket under a write stuck for longer than the confirm
 * timeout, which fails that write and what else is unconfirmed, and recovery connects again.
 */
final class ConfirmedChannel implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(ConfirmedChannel.class.getName());

    /** A publish awaiting its confirm. */
    private static final class Pending {
        final String key;
        final String messageId;
        final long sentNanos;
        final CompletableFuture<Long> future = new CompletableFuture<>();

        Pending(String key, String messageId, long sentNanos) {
            this.key = key;
            this.messageId = messageId;
            this.sentNanos = sentNanos;
        }
    }

    /** {@link #writeStarted} while no write is in progress; {@link System#nanoTime} never gives it in practice. */
    private static final long NOT_WRITING = Long.MIN_VALUE;

    private final Connection connection;
    private final ConnectionSocket socket;
    private final PublishingBlock block = new PublishingBlock();
    private final Channel channel;
    private final FlowListener listener;
    private final Semaphore window;
    private final int windowSize;
    private final long windowTimeoutNanos;
    private final long confirmTimeoutNanos;
    private final ReentrantLock publishing = new ReentrantLock();
    /** When the write under way began ({@link System#nanoTime}), else {@link #NOT_WRITING}; read by the confirm timer. */
    private volatile long writeStarted = NOT_WRITING;
    /**
     * Publishes awaiting their confirm, by sequence number. A hash map, not a sorted one: a publish
     * and a single confirm cost O(1), and a {@code multiple} confirm walks the numbers from the last
     * one it settled ({@link #settledThrough}) to its own, each number once over the channel's life.
     */
    private final ConcurrentHashMap<Long, Pending> pending = new ConcurrentHashMap<>();
    /** Every publish up to this sequence number is settled or was settled by a single confirm; confirm thread only. */
    private volatile long settledThrough;
    /** Message ids the broker returned, waiting for the confirm of the same publish. */
    private final Map<String, Return> returned = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer;
    private final AtomicBoolean closed = new AtomicBoolean();

    /**
     * @param socket the socket configurator that {@code connection} was opened with, so that a stalled
     *               write can be cut (see {@link Connections#open})
     */
    ConfirmedChannel(Connection connection, ConnectionSocket socket, RuntimeSettings settings) throws IOException {
        this.connection = connection;
        this.socket = socket;
        this.channel = connection.createChannel();
        this.listener = settings.listener();
        this.window = new Semaphore(settings.publishWindow());
        this.windowSize = settings.publishWindow();
        this.windowTimeoutNanos = settings.windowTimeout().toNanos();
        this.confirmTimeoutNanos = settings.confirmTimeout().toNanos();
        channel.confirmSelect();
        channel.addReturnListener(this::onReturn);
        channel.addConfirmListener(this::onAck, this::onNack);
        channel.addShutdownListener(this::onShutdown);
        connection.addBlockedListener(block);
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "bloodbank-confirm-timeout");
            t.setDaemon(true);
            return t;
        });
        long period = Math.max(10, Math.min(1000, settings.confirmTimeout().toMillis() / 4));
        timer.scheduleAtFixedRate(this::watch, period, period, TimeUnit.MILLISECONDS);
    }

    /**
     * Publishes with {@code mandatory} set. The future completes with the nanoseconds the confirm
     * took, or fails with a {@link PublishException}. Blocks while the window is full, the broker
     * blocks publishing or another publish is writing: in all, at most for the window timeout.
     */
    CompletableFuture<Long> send(String exchange, String routingKey, AMQP.BasicProperties properties, byte[] body, String key) {
        if (closed.get()) return failed(PublishException.Reason.CLOSED, "the publisher is closed");
        long deadline = System.nanoTime() + windowTimeoutNanos;
        try {
            if (!block.awaitOpen(deadline))
                return failed(PublishException.Reason.BLOCKED, "publish of " + key + " refused: " + block.describe());
            // the untimed tries first: room and a free lock are the rule, and cost no clock reading
            if (!window.tryAcquire() && !window.tryAcquire(deadline - System.nanoTime(), TimeUnit.NANOSECONDS))
                return failed(PublishException.Reason.WINDOW_FULL, "publish of " + key + " refused: "
                        + "the window of unconfirmed publishes stayed full for " + Duration.ofNanos(windowTimeoutNanos)
                        + (block.blocked() ? "; " + block.describe() : "; the broker confirms slower than messages are published"));
            if (!publishing.tryLock() && !publishing.tryLock(deadline - System.nanoTime(), TimeUnit.NANOSECONDS)) {
                window.release();
                return failed(PublishException.Reason.BLOCKED, "publish of " + key + " refused: " + (block.blocked()
                        ? block.describe() : "another publish has been writing to the connection for longer than "
                                + Duration.ofNanos(windowTimeoutNanos) + "; the broker is not reading from it"));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failed(PublishException.Reason.CLOSED, "interrupted while waiting for room to publish " + key);
        }
        Pending entry = null;
        long seq = -1;
        try {
            long now = System.nanoTime();
            entry = new Pending(key, properties.getMessageId(), now);
            seq = channel.getNextPublishSeqNo();
            pending.put(seq, entry);
            writeStarted = now;
            channel.basicPublish(exchange, routingKey, true, properties, body);
        } catch (IOException | AlreadyClosedException e) {
            // The connection is down, or the socket was cut under a stalled write. Whoever takes the
            // entry out of the map settles it: a shutdown may have failed it already.
            if (seq < 0 || pending.remove(seq, entry))
                settled(entry).completeExceptionally(new PublishException(PublishException.Reason.CONNECTION_LOST,
                        "cannot publish " + key + ": the connection to the broker is down (" + e.getMessage() + ")", e));
            return entry.future;
        } finally {
            writeStarted = NOT_WRITING;
            publishing.unlock();
        }
        listener.published(key);
        listener.inFlight(windowSize - window.availablePermits());
        return entry.future;
    }

    /**
     * Gives the window permit of a publish back, once, by whoever took it out of the pending map,
     * before its future completes (so a caller that publishes again from a callback finds room).
     * A {@code whenComplete} callback per publish did the same for one more object and one more
     * indirection per message.
     */
    private CompletableFuture<Long> settled(Pending p) {
        window.release();
        listener.inFlight(windowSize - window.availablePermits());
        return p.future;
    }

    private static CompletableFuture<Long> failed(PublishException.Reason reason, String message) {
        return CompletableFuture.failedFuture(new PublishException(reason, message));
    }

    private void onReturn(Return r) {
        String id = r.getProperties().getMessageId();
        if (id != null) returned.put(id, r);
    }

    private void onAck(long tag, boolean multiple) {
        settle(tag, multiple, true);
    }

    private void onNack(long tag, boolean multiple) {
        settle(tag, multiple, false);
    }

    private void settle(long tag, boolean multiple, boolean ack) {
        if (multiple) {
            // remove() is atomic: whoever takes an entry out, this or the timeout sweep, settles it
            for (long seq = settledThrough + 1; seq <= tag; seq++) {
                Pending p = pending.remove(seq);
                if (p != null) complete(p, ack);
            }
            settledThrough = Math.max(settledThrough, tag);
        } else {
            Pending p = pending.remove(tag);
            if (p != null) complete(p, ack);
            // confirms mostly come in order: keep the next multiple confirm's walk short
            if (tag == settledThrough + 1) settledThrough = tag;
        }
    }

    private void complete(Pending p, boolean ack) {
        // Returns are rare, and the broker sends one before its confirm, on this same thread: an empty
        // map means none waits, without hashing the 36-character id of every confirmed publish.
        Return r = p.messageId == null || returned.isEmpty() ? null : returned.remove(p.messageId);
        if (r != null) {
            listener.returned(p.key);
            settled(p).completeExceptionally(new PublishException(PublishException.Reason.UNROUTABLE,
                    "unroutable: no queue is bound to exchange '" + r.getExchange() + "' for routing key '"
                            + r.getRoutingKey() + "' (" + r.getReplyCode() + " " + r.getReplyText()
                            + "); apply the topology or add a subscription or worker for it"));
        } else if (ack) {
            long nanos = System.nanoTime() - p.sentNanos;
            listener.confirmed(p.key, nanos);
            settled(p).complete(nanos);
        } else {
            listener.nacked(p.key);
            settled(p).completeExceptionally(new PublishException(PublishException.Reason.NACKED,
                    "the broker refused " + p.key + " (nack): a queue may be over its length limit or unavailable"));
        }
    }

    /** The confirm timer's round. */
    private void watch() {
        cutStalledWrite();
        expire();
    }

    /**
     * Cuts the socket under a write that has not finished within the confirm timeout: the broker has
     * stopped reading from this connection (an alarm, a node that hangs, a network path that stopped
     * passing data one way). Its confirm could not come in time anyway; cutting frees the thread
     * that was writing and fails that publish and what else awaits a confirm (as lost, or as
     * unconfirmed when their time is up too), so that they are sent again once recovery has connected.
     */
    private void cutStalledWrite() {
        long started = writeStarted;
        if (started == NOT_WRITING || System.nanoTime() - started <= confirmTimeoutNanos) return;
        if (socket.cut())
            LOG.log(System.Logger.Level.WARNING, "a publish has been writing to the broker for more than "
                    + Duration.ofNanos(confirmTimeoutNanos) + (block.blocked() ? " (" + block.describe() + ")"
                    : ": the broker is not reading from the connection") + "; cut the connection to recover it; "
                    + "publishes awaiting a confirm are sent again");
    }

    private void expire() {
        long now = System.nanoTime();
        for (Map.Entry<Long, Pending> e : pending.entrySet()) {
            Pending p = e.getValue();
            if (now - p.sentNanos > confirmTimeoutNanos && pending.remove(e.getKey(), p)) {
                listener.nacked(p.key);
                settled(p).completeExceptionally(new PublishException(PublishException.Reason.CONFIRM_TIMEOUT,
                        "no confirm for " + p.key + " within " + Duration.ofNanos(confirmTimeoutNanos)
                                + "; it may or may not have reached its queues"));
            }
        }
    }

    private void onShutdown(ShutdownSignalException cause) {
        if (cause.isHardError()) block.connectionLost();
        failAll(closed.get() ? PublishException.Reason.CLOSED : PublishException.Reason.CONNECTION_LOST,
                "the channel closed before the broker confirmed (" + cause.getMessage()
                        + "); the message may or may not have reached its queues");
    }

    private void failAll(PublishException.Reason reason, String message) {
        // Sequence numbers start again at 1 on a recovered channel: nothing pending may survive.
        returned.clear();
        settledThrough = 0;
        for (Long tag : pending.keySet()) {
            Pending p = pending.remove(tag);
            if (p != null) {
                listener.nacked(p.key);
                settled(p).completeExceptionally(new PublishException(reason, message));
            }
        }
    }

    /**
     * Publishes still awaiting a confirm. The listener is told the taken window permits instead:
     * the same number, without counting a skip list on every publish and confirm.
     */
    int inFlight() {
        return pending.size();
    }

    /** Waits up to {@code timeout} for outstanding confirms, then closes the channel. */
    @Override
    public void close() {
        awaitConfirms(Duration.ofNanos(confirmTimeoutNanos));
        if (!closed.compareAndSet(false, true)) return;
        timer.shutdownNow();
        connection.removeBlockedListener(block);
        try {
            if (channel.isOpen()) channel.close();
        } catch (IOException | java.util.concurrent.TimeoutException | AlreadyClosedException e) {
            LOG.log(System.Logger.Level.DEBUG, "closing the publishing channel", e);
        }
        failAll(PublishException.Reason.CLOSED, "the publisher closed before the broker confirmed");
    }

    private void awaitConfirms(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!pending.isEmpty() && System.nanoTime() < deadline && channel.isOpen()) {
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
