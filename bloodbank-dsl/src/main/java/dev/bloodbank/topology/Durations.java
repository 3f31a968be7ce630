package dev.bloodbank.topology;

import java.time.Duration;

/** Durations in the form topology.yaml writes them, so that names, messages and listings all agree. */
public final class Durations {

    private Durations() {}

    /** {@code 250ms}, {@code 1s}, {@code 30s}, {@code 2m}, {@code 1h}: the largest whole unit. */
    public static String format(Duration duration) {
        long ms = duration.toMillis();
        if (ms % 3_600_000 == 0) return ms / 3_600_000 + "h";
        if (ms % 60_000 == 0) return ms / 60_000 + "m";
        if (ms % 1_000 == 0) return ms / 1_000 + "s";
        return ms + "ms";
    }
}
