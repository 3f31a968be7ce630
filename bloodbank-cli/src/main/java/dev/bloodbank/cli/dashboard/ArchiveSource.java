package dev.bloodbank.cli.dashboard;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the dashboard needs from the event archive (the stream every event lands in): per-key
 * figures, which RabbitMQ's queue statistics cannot give, and the latest events for the browser.
 * The archive's stream reader is to implement it; its records are then to be served by
 * {@link HttpApi} as {@code /api/keys} and {@code /api/events}, the way {@link FlowView} is served
 * as {@code /api/flow}. Until the archive exists nothing implements it and the page shows neither view.
 */
public interface ArchiveSource {

    /** Per-key figures over the {@code window} that ends now, for every key seen in it. */
    List<KeyFigures> keyFigures(Duration window);

    /** The latest archived events that match {@code query}, newest first. */
    List<ArchivedEvent> events(EventQuery query);

    /** One archived event by its {@code event_id}, with what it caused (its trace). */
    Optional<Traced> event(String eventId, Instant since);

    /**
     * @param perMinute published per minute, oldest minute first
     * @param p50       end-to-end latency from the envelope's timestamp to its handling, median
     */
    record KeyFigures(String key, List<Long> perMinute, Duration p50, Duration p99, long unrouted, long retried,
                      long deadLettered) {}

    /** A key pattern (topic-pattern semantics), a time window, text the payload must contain, and how many at most. */
    record EventQuery(String pattern, Instant since, Instant until, String text, int limit) {}

    /** An event as the archive holds it: the whole envelope as text, and its headers. */
    record ArchivedEvent(long offset, String key, String eventId, Instant timestamp, String sourceApp,
                         Map<String, String> headers, String envelope) {}

    /** An event and the events whose correlation ids lead back to it, recursively. */
    record Traced(ArchivedEvent event, List<Traced> caused) {}
}
