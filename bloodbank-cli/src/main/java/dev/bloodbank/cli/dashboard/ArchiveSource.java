package dev.bloodbank.cli.dashboard;

import dev.bloodbank.broker.history.TraceNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * What the dashboard needs from the event archive (the stream every event lands in): per-key
 * figures, which RabbitMQ's queue statistics cannot give, and the events themselves for the
 * browser. {@link ArchiveFollower} implements it; {@link ArchiveRoutes} serves it as
 * {@code /api/keys}, {@code /api/events}, {@code /api/events/{id}} and {@code /api/trace/{id}}.
 */
interface ArchiveSource {

    /** Per-key figures over the last {@code minutes} whole and current minutes, for every key seen in them. */
    KeysView keys(int minutes);

    /** The archived events that match {@code query}, newest first. */
    EventsView events(EventQuery query);

    /** One archived event by its {@code event_id}, looked for among the events archived since {@code since}. */
    Optional<ArchivedEvent> event(UUID eventId, Instant since);

    /** What the event caused: the archive's trace, read from {@code since}. */
    Optional<TraceNode> trace(UUID eventId, Instant since);

    /**
     * @param following          whether the follower is reading the archive now (false: {@code problem} says why)
     * @param deadLettersCounted whether dead letters are being counted now (see {@link FailureTap})
     * @param retriesCounted     whether retries are being counted now (see {@link FailureTap})
     * @param minuteStarts       the start of each minute of {@code perMinute}, oldest first; the last one is the current minute
     */
    record KeysView(boolean following, boolean deadLettersCounted, boolean retriesCounted, String problem, String stream,
                    long archived, List<Instant> minuteStarts, List<KeyFigures> keys) {}

    /**
     * The figures of one key over the view's minutes. Latency is the time from the envelope's
     * {@code timestamp} to the dashboard reading the event from the archive (docs/dashboard.md), in
     * milliseconds, over {@code latencySamples} events read live; null when there are none.
     * {@code retried} and {@code deadLettered} count the key's retries and dead letters since the
     * dashboard started (see {@link FailureTap}), each null while it cannot count them (the broker
     * away; for retries also a vhost applied before the retry exchange existed).
     *
     * @param perMinute archived per minute, oldest minute first
     * @param unrouted  of {@code total}, how many reached no subscription or worker queue
     */
    record KeyFigures(String key, List<Long> perMinute, long total, Long p50Millis, Long p99Millis, long latencySamples,
                      long unrouted, Long retried, Long deadLettered) {}

    /** A key pattern (topic-pattern semantics), a window of envelope timestamps, text the envelope must contain, how many at most. */
    record EventQuery(String pattern, Instant since, Instant until, String text, int limit) {}

    /**
     * @param source "recent" when answered from the events the follower keeps, "archive" when read from the stream
     */
    record EventsView(String source, List<ArchivedEvent> events) {}

    /** An event as the archive holds it: the whole envelope as text, and its AMQP headers. */
    record ArchivedEvent(long offset, String exchange, String key, String eventId, Instant timestamp, String sourceApp,
                         List<String> correlationIds, Map<String, String> headers, String envelope) {}
}
