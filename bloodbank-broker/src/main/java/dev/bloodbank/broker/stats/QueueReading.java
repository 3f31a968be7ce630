package dev.bloodbank.broker.stats;

import dev.bloodbank.broker.management.QueueStats;

/**
 * One queue the topology names, and what the broker reports for it; {@code stats} is null when
 * the queue does not exist on the broker (the topology was not applied, or not since it changed).
 */
public record QueueReading(String queue, QueueStats stats) {

    public boolean exists() {
        return stats != null;
    }

    /** Ready plus unacknowledged messages; 0 when the queue is missing or not yet reported. */
    public long depth() {
        if (stats == null) return 0;
        Long depth = stats.depth();
        return depth == null ? 0 : depth;
    }
}
