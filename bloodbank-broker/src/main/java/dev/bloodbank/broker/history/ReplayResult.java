package dev.bloodbank.broker.history;

import java.time.Duration;
import java.util.UUID;

/** A finished replay: {@code sent} counts every confirmed message over all its runs, {@code sentNow} this run's. */
public record ReplayResult(String name, UUID replayId, String queue, long sent, long sentNow, Duration took) {}
