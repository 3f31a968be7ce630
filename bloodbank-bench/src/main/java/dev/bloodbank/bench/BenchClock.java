package dev.bloodbank.bench;

/**
 * The clock both clients stamp messages with: nanoseconds since this class loaded. Publisher and
 * consumer run in one process, so one monotonic clock measures latency exactly, and the stamps
 * stay positive (JSON Schema's {@code minimum: 0} holds, and raw bodies keep a fixed width).
 */
final class BenchClock {

    private static final long ORIGIN = System.nanoTime();

    private BenchClock() {}

    static long now() {
        return System.nanoTime() - ORIGIN;
    }
}
