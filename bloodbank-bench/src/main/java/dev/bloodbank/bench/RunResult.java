package dev.bloodbank.bench;

/**
 * One measured run of one client: how many messages went through, how long from the first
 * publish to the last consumed message, the CPU the process used meanwhile, and the consumer latencies.
 * Round 0 is the warm-up.
 */
record RunResult(String client, int round, int messages, long elapsedNanos, long cpuNanos, LatencyRecorder.Latency latency) {

    /** Microseconds of this process's CPU per message: both clients' own cost, JIT and GC included. */
    double cpuMicrosPerMessage() {
        return cpuNanos / 1_000.0 / messages;
    }

    RunResult inRound(int number) {
        return new RunResult(client, number, messages, elapsedNanos, cpuNanos, latency);
    }

    /** Messages per second, end to end. */
    double throughput() {
        return messages / (elapsedNanos / 1e9);
    }
}
