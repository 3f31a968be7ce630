package dev.bloodbank.topology;

import java.time.Duration;

/**
 * The archive: one RabbitMQ stream that keeps every event and/or command published, for the
 * retention set here, so that history can be replayed, traced and tailed. Retention is a bound on
 * age and on size; whichever is reached first drops the oldest segments.
 *
 * @param enabled whether the archive exists at all
 * @param stream the stream queue's name
 * @param maxAge how long a message is kept at least (the broker drops whole segments, so a little longer)
 * @param maxBytes how many bytes the stream may hold
 * @param keep which exchanges feed it
 */
public record Archive(boolean enabled, String stream, Duration maxAge, long maxBytes, Keep keep) {

    public static final String DEFAULT_STREAM = "bloodbank.archive.v1";
    public static final Duration DEFAULT_MAX_AGE = Duration.ofDays(7);
    public static final long DEFAULT_MAX_BYTES = 5_000_000_000L;

    /** What a topology.yaml without an {@code archive:} section gets. */
    public static final Archive DEFAULT = new Archive(true, DEFAULT_STREAM, DEFAULT_MAX_AGE, DEFAULT_MAX_BYTES, Keep.BOTH);
    /** No archive; what a topology built in code without one has. */
    public static final Archive OFF = new Archive(false, DEFAULT_STREAM, DEFAULT_MAX_AGE, DEFAULT_MAX_BYTES, Keep.BOTH);

    public Archive {
        if (maxAge.isNegative() || maxAge.isZero()) throw new IllegalArgumentException("maxAge must be positive, was " + maxAge);
        if (maxBytes < 1) throw new IllegalArgumentException("maxBytes must be positive, was " + maxBytes);
    }

    /** Which exchanges feed the archive. */
    public enum Keep {
        EVENTS, COMMANDS, BOTH;

        public boolean events() {
            return this != COMMANDS;
        }

        public boolean commands() {
            return this != EVENTS;
        }

        public String word() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public Archive withEnabled(boolean enabled) {
        return new Archive(enabled, stream, maxAge, maxBytes, keep);
    }

    public Archive withKeep(Keep keep) {
        return new Archive(enabled, stream, maxAge, maxBytes, keep);
    }

    public Archive withRetention(Duration maxAge, long maxBytes) {
        return new Archive(enabled, stream, maxAge, maxBytes, keep);
    }

    public Archive withStream(String stream) {
        return new Archive(enabled, stream, maxAge, maxBytes, keep);
    }
}
