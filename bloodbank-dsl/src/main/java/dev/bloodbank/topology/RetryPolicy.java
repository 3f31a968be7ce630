package dev.bloodbank.topology;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * How often and how slowly a failing handler is retried. {@code attempts} counts every delivery,
 * the first included: {@code attempts: 1} means no retry.
 */
public record RetryPolicy(int attempts, Duration initialDelay, double multiplier, Duration maxDelay) {

    public static final RetryPolicy DEFAULT =
            new RetryPolicy(5, Duration.ofSeconds(1), 2.0, Duration.ofSeconds(60));

    public RetryPolicy {
        if (attempts < 1) throw new IllegalArgumentException("attempts must be at least 1, was " + attempts);
        if (initialDelay.isNegative() || initialDelay.isZero())
            throw new IllegalArgumentException("initialDelay must be positive, was " + initialDelay);
        if (multiplier < 1.0) throw new IllegalArgumentException("multiplier must be at least 1.0, was " + multiplier);
        if (maxDelay.compareTo(initialDelay) < 0)
            throw new IllegalArgumentException("maxDelay " + maxDelay + " is shorter than initialDelay " + initialDelay);
    }

    /** The wait before delivery number {@code attempt + 1}, for {@code attempt} in 1..attempts-1. */
    public Duration delayAfter(int attempt) {
        if (attempt < 1 || attempt >= attempts)
            throw new IllegalArgumentException("attempt " + attempt + " has no retry (attempts: " + attempts + ")");
        double millis = initialDelay.toMillis() * Math.pow(multiplier, attempt - 1);
        return millis >= maxDelay.toMillis() ? maxDelay : Duration.ofMillis(Math.round(millis));
    }

    /**
     * The distinct back-off delays, shortest first. Each becomes one retry queue with a fixed TTL,
     * so a short delay never waits behind a long one at the head of a shared queue.
     */
    public List<Duration> delays() {
        List<Duration> delays = new ArrayList<>();
        for (int attempt = 1; attempt < attempts; attempt++) {
            Duration d = delayAfter(attempt);
            if (!delays.contains(d)) delays.add(d);
        }
        return List.copyOf(delays);
    }
}
