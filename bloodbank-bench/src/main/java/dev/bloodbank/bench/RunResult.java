package dev.bloodbank.bench;

/**
 * One measured run of one client: how many messages went through, how long from the first
 * publish to the last consumed message, the CPU the process used meanwhile (and how much of it the
 * JIT compilers spent), and the consumer latencies. Round 0 is the warm-up.
 */
record RunResult(String client, int round, int messages, long elapsedNanos, ProcessCpu.Reading cpu, LatencyRecorder.Latency latency) {

    /** Microseconds of this process's CPU per message: the client's own cost, JIT and GC included. */
    double cpuMicrosPerMessage() {
        return cpu.cpuNanos() / 1_000.0 / messages;
    }

    /** Milliseconds the JIT compilers spent during the run. */
    long jitMillis() {
        return cpu.jitMillis();
    }

    /** The JIT's compilation time over the run's wall time: near zero once the client's code is compiled. */
    double jitShare() {
        return cpu.jitMillis() * 1e6 / elapsedNanos;
    }

    RunResult inRound(int number) {
        return new RunResult(client, number, messages, elapsedNanos, cpu, latency);
    }

    /** Messages per second, end to end. */
    double throughput() {
        return messages / (elapsedNanos / 1e9);
    }
}
