package dev.bloodbank.cli.dashboard;

import dev.bloodbank.topology.TopicPattern;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The archive's part of the API: {@code /api/keys}, {@code /api/events}, {@code /api/events/{id}}
 * and {@code /api/trace/{id}}, their query parameters checked, each bad one refused with a 400
 * that names it. Without an archive (archive.enabled false) every one of them is a 404 saying so.
 */
final class ArchiveRoutes {

    static final int MOST_EVENTS = 500;
    private static final Pattern AGO = Pattern.compile("(\\d{1,9})(ms|s|m|h|d)");
    private static final String EVENTS = "/api/events/";
    private static final String TRACE = "/api/trace/";

    private final Optional<ArchiveSource> archive;
    private final Clock clock;

    ArchiveRoutes(Optional<ArchiveSource> archive, Clock clock) {
        this.archive = archive;
        this.clock = clock;
    }

    /** Whether {@code path} is one of these routes. */
    static boolean serves(String path) {
        return path.equals("/api/keys") || path.equals("/api/events") || path.startsWith(EVENTS) || path.startsWith(TRACE);
    }

    Object answer(String path, Map<String, String> query) {
        ArchiveSource source = archive.orElseThrow(() -> new ApiError(404,
                "this topology has no archive (archive.enabled is false), so there are no per-key figures or events"));
        Instant now = clock.instant();
        if (path.equals("/api/keys"))
            return source.keys(whole(query, "minutes", ArchiveFollower.MINUTES, 1, ArchiveFollower.MINUTES));
        if (path.equals("/api/events")) {
            String given = query.getOrDefault("pattern", "").trim();
            String pattern = given.isEmpty() ? "#" : given;
            TopicPattern.problem(pattern).ifPresent(p -> {
                throw new ApiError(400, "pattern '" + pattern + "': " + p);
            });
            Instant since = time(query, "since", now, now.minus(Duration.ofMinutes(ArchiveFollower.MINUTES)));
            Instant until = time(query, "until", now, Instant.MAX);
            if (!until.isAfter(since)) throw new ApiError(400, "until " + until + " is not after since " + since);
            String text = query.getOrDefault("text", "");
            return source.events(new ArchiveSource.EventQuery(pattern, since, until, text,
                    whole(query, "limit", 50, 1, MOST_EVENTS)));
        }
        if (path.startsWith(EVENTS)) {
            UUID id = eventId(path.substring(EVENTS.length()));
            Instant since = time(query, "since", now, now.minus(Duration.ofDays(1)));
            return source.event(id, since).orElseThrow(() -> new ApiError(404,
                    "no event " + id + " in the archive since " + since + " (widen it with ?since=7d)"));
        }
        UUID id = eventId(path.substring(TRACE.length()));
        Instant since = time(query, "since", now, now.minus(Duration.ofDays(1)));
        return source.trace(id, since).orElseThrow(() -> new ApiError(404,
                "no event " + id + " in the archive since " + since + " (widen it with ?since=7d)"));
    }

    private static UUID eventId(String text) {
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            throw new ApiError(400, "'" + text + "' is not an event id (a UUID such as 3d66b816-ec3e-4e8c-bb4c-dc1bb9e21e80)");
        }
    }

    private static int whole(Map<String, String> query, String name, int fallback, int least, int most) {
        String value = query.get(name);
        if (value == null || value.isBlank()) return fallback;
        try {
            int n = Integer.parseInt(value.trim());
            if (n >= least && n <= most) return n;
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ApiError(400, name + " must be a whole number from " + least + " to " + most + ", was '" + value + "'");
    }

    /** An instant ({@code 2026-12-01T10:00:00Z}) or a duration back from now ({@code 90s}, {@code 15m}, {@code 2h}, {@code 7d}). */
    static Instant time(Map<String, String> query, String name, Instant now, Instant fallback) {
        String value = query.get(name);
        if (value == null || value.isBlank()) return fallback;
        Matcher ago = AGO.matcher(value.trim());
        if (ago.matches()) {
            long n = Long.parseLong(ago.group(1));
            Duration d = switch (ago.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
            return now.minus(d);
        }
        try {
            return Instant.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw new ApiError(400, name + " must be an instant such as 2026-12-01T10:00:00Z or a time back from now"
                    + " such as 15m, 2h, 7d; was '" + value + "'");
        }
    }
}
