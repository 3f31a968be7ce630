package dev.bloodbank.bench;

/**
 * One measured run of one client: how many messages went through, how long from the first
 * publish to the last consumed message, and the consumer latencies.
 */
record RunResult(String client, int messages, long elapsedNanos, LatencyRecorder.Latency latency) {

    /** Messages per second, end to end. */
    double throughput() {
        return messages / (elapsedNanos / 1e9);
    }
}
