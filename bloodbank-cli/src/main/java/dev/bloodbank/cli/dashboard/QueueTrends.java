package dev.bloodbank.cli.dashboard;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * What one sample alone cannot tell: whether a queue grew since the samples before. Keeps, per
 * queue, the last depth seen and when it last went up; one sampler thread writes it.
 */
final class QueueTrends {

    /** How long a dead-letter queue that grew stays highlighted: long enough for a person to notice. */
    static final Duration GROWTH_MEMORY = Duration.ofMinutes(1);
    /** Samples in a row a backlog must grow, with consumers attached, before they count as behind. */
    static final int BEHIND_AFTER = 3;

    private final Map<String, Trend> trends = new HashMap<>();

    private static final class Trend {
        long depth;
        Instant grewAt;
        int risingSamples;
    }

    /** Records a queue's depth at {@code at}; returns whether it went up since the last sample. */
    boolean record(String queue, long depth, Instant at) {
        Trend trend = trends.get(queue);
        if (trend == null) {
            trend = new Trend();
            trend.depth = depth;
            trends.put(queue, trend);
            return false;
        }
        boolean grew = depth > trend.depth;
        if (grew) trend.grewAt = at;
        trend.risingSamples = grew ? trend.risingSamples + 1 : depth < trend.depth ? 0 : trend.risingSamples;
        trend.depth = depth;
        return grew;
    }

    /** Whether the queue grew within {@link #GROWTH_MEMORY} before {@code now}. */
    boolean grewRecently(String queue, Instant now) {
        Trend trend = trends.get(queue);
        return trend != null && trend.grewAt != null && trend.grewAt.plus(GROWTH_MEMORY).isAfter(now);
    }

    /** Whether the queue grew over the last {@link #BEHIND_AFTER} samples without shrinking. */
    boolean keepsRising(String queue) {
        Trend trend = trends.get(queue);
        return trend != null && trend.risingSamples >= BEHIND_AFTER;
    }
}
