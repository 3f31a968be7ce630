package dev.bloodbank.broker.history;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import dev.bloodbank.broker.management.BrokerNodes;
import dev.bloodbank.envelope.Envelope;
import dev.bloodbank.topology.Topology;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

/**
 * The history of the bus, read from the archive stream of a topology: scans of a time window,
 * replay into one queue, trace of what an event caused, and tail from a point in the past.
 */
public final class History implements AutoCloseable {

    /**
     * How far before {@code since} a read attaches to the stream. The stream finds its start by the
     * broker's clock, the window is in the producers' clocks: this covers producers whose clocks
     * run up to five minutes ahead of the broker's. Reads filter exactly afterwards.
     */
    static final Duration START_SLACK = Duration.ofMinutes(5);

    private final Topology topology;
    private final Connection connection;
    private final boolean ownsConnection;
    private final ArchiveReader reader;

    private History(Topology topology, Connection connection, boolean ownsConnection) {
        this.topology = topology;
        this.connection = connection;
        this.ownsConnection = ownsConnection;
        if (!topology.archive().enabled()) {
            close();
            throw new HistoryException("the topology has no archive (archive.enabled is false in " + topology.source()
                    + "): there is no history to read");
        }
        try {
            this.reader = ArchiveReader.open(connection, topology.archive().stream());
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** Connects to the broker at this AMQP URL; {@link #close()} closes the connection. */
    public static History connect(Topology topology, String amqpUrl) {
        try {
            return new History(topology, BrokerNodes.connect(amqpUrl, "bloodbank history"), true);
        } catch (IOException | TimeoutException e) {
            throw new HistoryException("cannot connect to the broker: " + e.getMessage(), e);
        } catch (java.net.URISyntaxException | java.security.GeneralSecurityException | IllegalArgumentException e) {
            throw new HistoryException("bad AMQP URL: " + e.getMessage(), e);
        }
    }

    /** On a connection the caller keeps and closes. */
    public static History on(Connection connection, Topology topology) {
        return new History(topology, connection, false);
    }

    /**
     * Visits, in archive order, the messages whose envelope timestamp is in the window and whose key
     * {@code keys} accepts, among those in the archive when the scan starts. Messages that are not
     * envelopes are skipped. Returns how many were visited.
     */
    public long scan(TimeWindow window, Predicate<String> keys, ArchiveReader.Visitor visitor) {
        try {
            long end = reader.tailOffset();
            long[] matched = {0};
            reader.read(new StreamStart.Timestamp(window.since().minus(START_SLACK)), end, false, Long.MAX_VALUE, m -> {
                if (m.envelope().isEmpty() || !keys.test(m.routingKey()) || !window.includes(m.envelope().get().timestamp()))
                    return true;
                matched[0]++;
                return visitor.visit(m);
            });
            return matched[0];
        } catch (IOException e) {
            throw new HistoryException("reading the archive failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HistoryException("interrupted while reading the archive", e);
        }
    }

    /** What {@link #replay} would send, without sending anything. */
    public ReplayPlan plan(ReplayRequest request) {
        try (Channel channel = connection.createChannel()) {
            Prepared prepared = prepare(request, channel, false);
            return planOf(request, prepared);
        } catch (IOException | TimeoutException e) {
            throw new HistoryException("planning the replay failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HistoryException("interrupted while planning the replay", e);
        }
    }

    /**
     * Replays: sends what {@link #plan} shows to the target's queue only, with confirms, recording
     * progress under the replay's name. Run again with the same name after an interruption, it
     * resumes after the last confirmed batch, with the same replay id and window.
     */
    public ReplayResult replay(ReplayRequest request, ReplayListener listener) {
        try (Channel channel = connection.createChannel()) {
            channel.confirmSelect();
            Prepared prepared = prepare(request, channel, true);
            ReplayProgress.State state = prepared.state();
            if (state.done()) return new ReplayResult(state.name(), state.replayId(), state.queue(), state.sent(), 0, Duration.ZERO);
            ReplayPlan plan = planOf(request, prepared);
            prepared.progress().save(state);
            return new Replayer(reader).run(state, prepared.progress(), channel, request.ratePerSecond(),
                    plan.alreadySent() + plan.total(), listener);
        } catch (IOException | TimeoutException e) {
            throw new HistoryException("the replay stopped: " + e.getMessage() + "; run it again with the same --name to resume", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HistoryException("the replay was interrupted; run it again with the same --name to resume", e);
        }
    }

    private record Prepared(ReplayTarget target, ReplayProgress.State state, ReplayProgress progress) {}

    private Prepared prepare(ReplayRequest request, Channel channel, boolean keepProgress)
            throws IOException, InterruptedException {
        ReplayTarget target = ReplayTarget.of(topology, request.target());
        List<String> keys = target.select(topology, request.pattern());
        checkQueue(target.queue());
        Optional<ReplayProgress.State> saved = savedProgress(request.name());
        ReplayProgress progress = keepProgress || saved.isPresent() ? new ReplayProgress(channel, request.name()) : null;
        if (saved.isPresent()) {
            ReplayProgress.State s = saved.get();
            if (!s.queue().equals(target.queue()) || !s.keys().equals(keys))
                throw new HistoryException("replay '" + request.name() + "' was started for " + s.queue() + " with keys "
                        + s.keys() + "; give this one another --name");
            return new Prepared(target, s, progress);
        }
        ReplayProgress.State fresh = new ReplayProgress.State(request.name(), UUID.randomUUID(), request.window(), keys,
                target.queue(), reader.tailOffset(), -1, 0, false);
        return new Prepared(target, fresh, progress);
    }

    private ReplayPlan planOf(ReplayRequest request, Prepared prepared) throws IOException, InterruptedException {
        ReplayProgress.State s = prepared.state();
        Map<String, Long> counts = new LinkedHashMap<>();
        s.keys().forEach(k -> counts.put(k, 0L));
        Set<String> keys = new HashSet<>(s.keys());
        ReplayPlan.Endpoint[] ends = new ReplayPlan.Endpoint[2];
        long[] total = {0};
        StreamStart from = s.lastOffset() >= 0 ? new StreamStart.Offset(s.lastOffset() + 1)
                : new StreamStart.Timestamp(s.window().since().minus(START_SLACK));
        if (!s.done()) {
            reader.read(from, s.endOffset(), false, Long.MAX_VALUE, m -> {
                if (m.envelope().isEmpty() || !keys.contains(m.routingKey())) return true;
                Envelope e = m.envelope().get();
                if (!s.window().includes(e.timestamp())) return true;
                counts.merge(m.routingKey(), 1L, Long::sum);
                total[0]++;
                ReplayPlan.Endpoint end = new ReplayPlan.Endpoint(m.offset(), m.routingKey(), e.timestamp(), e.eventId());
                if (ends[0] == null) ends[0] = end;
                ends[1] = end;
                return true;
            });
        }
        return new ReplayPlan(s.name(), prepared.target().name(), s.queue(), s.window(), s.keys(), counts,
                Optional.ofNullable(ends[0]), Optional.ofNullable(ends[1]), total[0], s.sent(), s.lastOffset() >= 0 || s.sent() > 0,
                s.done());
    }

    private void checkQueue(String queue) throws IOException {
        try (Channel ch = connection.createChannel()) {
            ch.queueDeclarePassive(queue);
        } catch (IOException e) {
            throw new HistoryException("queue " + queue + " does not exist: run bloodbank apply first");
        } catch (TimeoutException e) {
            throw new IOException(e);
        }
    }

    /** The saved state of a replay of this name, without creating anything when there is none. */
    private Optional<ReplayProgress.State> savedProgress(String name) throws IOException {
        try (Channel ch = connection.createChannel()) {
            try {
                ch.queueDeclarePassive(ReplayProgress.QUEUE_PREFIX + name + ".progress");
            } catch (IOException e) {
                return Optional.empty();
            }
            return new ReplayProgress(ch, name).load();
        } catch (TimeoutException e) {
            throw new IOException(e);
        } catch (com.rabbitmq.client.AlreadyClosedException e) {
            return Optional.empty();
        }
    }

    /**
     * The event with this id and everything it caused, recursively, among the events archived
     * since {@code since}. Empty when the event is not there; the result says how far back it looked.
     */
    public TraceResult trace(UUID eventId, Instant since) {
        Trace trace = new Trace(eventId);
        long scanned = scan(new TimeWindow(since, Instant.MAX), key -> true, trace::visit);
        return new TraceResult(trace.tree(), since, scanned);
    }

    /** A trace: the tree when the event was found, the start of the scan and how many events it read. */
    public record TraceResult(Optional<TraceNode> root, Instant since, long scanned) {}

    /**
     * Visits the archived messages from {@code since} on whose key {@code keys} accepts, then keeps
     * following new ones as they are archived, until the visitor returns false or the deadline
     * ({@link System#nanoTime()}) passes.
     */
    public void tail(Instant since, Predicate<ArchivedMessage> keep, long deadlineNanos, ArchiveReader.Visitor visitor) {
        try {
            reader.read(new StreamStart.Timestamp(since.minus(START_SLACK)), -1, true, deadlineNanos, m -> {
                if (m.envelope().isPresent() && m.envelope().get().timestamp().isBefore(since)) return true;
                return !keep.test(m) || visitor.visit(m);
            });
        } catch (IOException e) {
            throw new HistoryException("reading the archive failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The topology this history belongs to. */
    public Topology topology() {
        return topology;
    }

    ArchiveReader reader() {
        return reader;
    }

    @Override
    public void close() {
        if (!ownsConnection) return;
        try {
            if (connection.isOpen()) connection.close(5_000);
        } catch (IOException | com.rabbitmq.client.AlreadyClosedException e) {
            // closing anyway
        }
    }
}
