package dev.bloodbank.bench;

import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Collects one latency per consumed message into a preallocated array (no allocation while
 * measuring) and counts down until every expected message arrived.
 */
final class LatencyRecorder {

    private final long[] samples;
    private final AtomicInteger count = new AtomicInteger();
    private final CountDownLatch done;

    LatencyRecorder(int expected) {
        this.samples = new long[expected];
        this.done = new CountDownLatch(expected);
    }

    void record(long latencyNanos) {
        int i = count.getAndIncrement();
        if (i < samples.length) samples[i] = latencyNanos;
        done.countDown();
    }

    /** Waits for every expected message; false at the timeout. */
    boolean await(Duration timeout) throws InterruptedException {
        return done.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    int count() {
        return count.get();
    }

    Latency latency() {
        int n = Math.min(count.get(), samples.length);
        long[] sorted = Arrays.copyOf(samples, n);
        Arrays.sort(sorted);
        return new Latency(percentile(sorted, 0.50), percentile(sorted, 0.95), percentile(sorted, 0.99),
                n == 0 ? 0 : millis(sorted[n - 1]));
    }

    /** Nearest-rank percentile, in milliseconds. */
    private static double percentile(long[] sorted, double p) {
        if (sorted.length == 0) return 0;
        int rank = (int) Math.ceil(p * sorted.length);
        return millis(sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))]);
    }

    private static double millis(long nanos) {
        return nanos / 1_000_000.0;
    }

    /** Consumer latency percentiles, publish to consume, in milliseconds. */
    record Latency(double p50, double p95, double p99, double max) {}
}
