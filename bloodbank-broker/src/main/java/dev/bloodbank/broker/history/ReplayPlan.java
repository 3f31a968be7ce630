package dev.bloodbank.broker.history;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * What a replay would send, computed by reading the window without sending anything: the count per
 * key, the first and last event, and where they go. When a replay of that name already ran part
 * way, the counts are what is left and {@code alreadySent} what it sent before.
 */
public record ReplayPlan(String name, String target, String queue, TimeWindow window, List<String> keys,
        Map<String, Long> countsByKey, Optional<Endpoint> first, Optional<Endpoint> last, long total,
        long alreadySent, boolean resuming, boolean done) {

    /** The first or last event of the plan. */
    public record Endpoint(long offset, String key, Instant timestamp, UUID eventId) {}

    public ReplayPlan {
        keys = List.copyOf(keys);
        countsByKey = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(countsByKey));
    }
}
