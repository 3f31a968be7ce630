package dev.bloodbank.broker.history;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** One event of a trace and the events it caused (those naming it in their correlation_ids), in archive order. */
public record TraceNode(UUID eventId, String key, Instant timestamp, String sourceApp, long offset, List<TraceNode> caused) {

    public TraceNode {
        caused = List.copyOf(caused);
    }

    /** This event and everything below it. */
    public int size() {
        return 1 + caused.stream().mapToInt(TraceNode::size).sum();
    }
}
