package dev.bloodbank.cli.dashboard;

import dev.bloodbank.broker.history.ArchivedMessage;
import dev.bloodbank.broker.history.History;
import dev.bloodbank.broker.history.TimeWindow;
import dev.bloodbank.broker.history.TraceNode;
import dev.bloodbank.envelope.Envelope;
import dev.bloodbank.topology.TopicPattern;
import dev.bloodbank.topology.Topology;
import dev.bloodbank.topology.routing.Routing;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * One consumer that follows the archive stream for as long as the dashboard runs and turns every
 * event into per-key counters and an entry of the recent events. It starts a window's length in
 * the past, so the charts are full from the first look, then reads live; the stream is never read
 * twice for the figures, however many pages poll them. When the broker goes away it reconnects
 * and goes on from the last event it counted, skipping by stream offset what it already has.
 *
 * <p>Retries and dead letters never reach the archive; a {@link FailureTap} counts them into the
 * same per-key figures.
 *
 * <p>Questions the recent events cannot answer (an older window, an event no longer among them, a
 * trace) are scans of their own, on a connection of their own, while the follower goes on.
 */
final class ArchiveFollower implements ArchiveSource, AutoCloseable {

    /** The window of the per-key figures. */
    static final int MINUTES = 15;
    static final int RECENT = 500;
    private static final Duration RECONNECT_PAUSE = Duration.ofSeconds(2);
    /** Reconnecting, read again from this long before the last counted event: producers' clocks disagree a little. */
    private static final Duration REREAD = Duration.ofMinutes(1);

    private final Topology topology;
    private final String amqpUrl;
    private final Clock clock;
    private final Routing routing;
    private final Map<String, Boolean> unroutedByKey = new HashMap<>();
    private final KeyCounters counters = new KeyCounters(MINUTES);
    private final RecentEvents recent;
    private final CountDownLatch stop = new CountDownLatch(1);
    private final Thread thread;
    private final FailureTap failures;
    private volatile boolean following;
    private volatile String problem = "connecting to the archive…";
    private volatile long archived;
    private volatile History current;
    // Written by the follower thread only.
    private long lastOffset = -1;
    private Instant lastTimestamp;
    private Instant attachedAt;

    ArchiveFollower(Topology topology, String amqpUrl, Clock clock) {
        this.topology = topology;
        this.amqpUrl = amqpUrl;
        this.clock = clock;
        this.routing = Routing.of(topology);
        Instant from = clock.instant().minus(Duration.ofMinutes(MINUTES));
        this.recent = new RecentEvents(RECENT, from);
        this.thread = new Thread(() -> follow(from), "bloodbank-dashboard-archive");
        thread.setDaemon(true);
        this.failures = new FailureTap(routing, topology.exchanges().retry(), amqpUrl, counters, clock);
    }

    void start() {
        thread.start();
        failures.start();
    }

    private void follow(Instant from) {
        Instant since = from;
        while (stop.getCount() > 0) {
            try (History history = History.connect(topology, amqpUrl)) {
                current = history;
                attachedAt = clock.instant();
                following = true;
                problem = null;
                history.tail(since, m -> true, System.nanoTime() + Duration.ofDays(3650).toNanos(), this::visit);
            } catch (RuntimeException e) {
                problem = "the archive cannot be read: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
            } finally {
                current = null;
                following = false;
            }
            if (lastTimestamp != null) since = lastTimestamp.minus(REREAD);
            try {
                if (stop.await(RECONNECT_PAUSE.toMillis(), TimeUnit.MILLISECONDS)) return;
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private boolean visit(ArchivedMessage m) {
        if (stop.getCount() == 0) return false;
        if (m.offset() <= lastOffset || m.envelope().isEmpty()) return true;
        lastOffset = m.offset();
        Envelope e = m.envelope().get();
        Instant now = clock.instant();
        lastTimestamp = e.timestamp();
        // Only an event stamped after we attached is read live; one read while catching up says nothing of latency.
        long latency = e.timestamp().isBefore(attachedAt) ? -1 : Math.max(0, Duration.between(e.timestamp(), now).toMillis());
        boolean unrouted = unroutedByKey.computeIfAbsent(m.exchange() + " " + m.routingKey(),
                k -> routing.route(m.exchange(), m.routingKey()).unrouted());
        counters.record(m.routingKey(), e.timestamp(), now, unrouted, latency);
        recent.add(new RecentEvents.Entry(event(m, e), e.payload().toString()));
        archived++;
        return true;
    }

    static ArchivedEvent event(ArchivedMessage m, Envelope e) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (m.properties().getHeaders() != null)
            m.properties().getHeaders().forEach((name, value) -> headers.put(name, String.valueOf(value)));
        return new ArchivedEvent(m.offset(), m.exchange(), m.routingKey(), e.eventId().toString(), e.timestamp(),
                e.source().app(), e.correlationIds().stream().map(UUID::toString).toList(), headers,
                new String(m.body(), StandardCharsets.UTF_8));
    }

    @Override
    public KeysView keys(int minutes) {
        Instant now = clock.instant();
        int shown = Math.max(1, Math.min(minutes, MINUTES));
        boolean countingDeadLetters = failures.countingDeadLetters();
        boolean countingRetries = failures.countingRetries();
        return new KeysView(following, countingDeadLetters, countingRetries, problem, topology.archive().stream(), archived,
                KeyCounters.minuteStarts(now, shown), counters.figures(now, shown, countingDeadLetters, countingRetries));
    }

    @Override
    public EventsView events(EventQuery query) {
        // The newest `limit` matches are all among the recent events when that many are there, whatever the window.
        List<ArchivedEvent> kept = recent.matching(query);
        if (kept.size() == query.limit() || recent.covers(query.since())) return new EventsView("recent", kept);
        ArrayDeque<ArchivedEvent> newestFirst = new ArrayDeque<>();
        try (History history = History.connect(topology, amqpUrl)) {
            history.scan(new TimeWindow(query.since(), query.until()), key -> TopicPattern.matches(query.pattern(), key), m -> {
                Envelope e = m.envelope().orElseThrow();
                RecentEvents.Entry entry = new RecentEvents.Entry(event(m, e), e.payload().toString());
                if (!RecentEvents.matches(query, entry)) return true;
                newestFirst.addFirst(entry.event());
                if (newestFirst.size() > query.limit()) newestFirst.removeLast();
                return true;
            });
        }
        return new EventsView("archive", new ArrayList<>(newestFirst));
    }

    @Override
    public Optional<ArchivedEvent> event(UUID eventId, Instant since) {
        String id = eventId.toString();
        Optional<ArchivedEvent> kept = recent.find(id);
        if (kept.isPresent()) return kept;
        List<ArchivedEvent> found = new ArrayList<>(1);
        try (History history = History.connect(topology, amqpUrl)) {
            history.scan(new TimeWindow(since, Instant.MAX), key -> true, m -> {
                Envelope e = m.envelope().orElseThrow();
                if (!e.eventId().equals(eventId)) return true;
                found.add(event(m, e));
                return false;
            });
        }
        return found.stream().findFirst();
    }

    @Override
    public Optional<TraceNode> trace(UUID eventId, Instant since) {
        try (History history = History.connect(topology, amqpUrl)) {
            return history.trace(eventId, since).root();
        }
    }

    @Override
    public void close() {
        stop.countDown();
        failures.close();
        History h = current;
        if (h != null) h.close();   // ends the follower's read at once
        thread.interrupt();
    }
}
