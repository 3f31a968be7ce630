package dev.bloodbank.cli.dashboard;

/**
 * Latencies counted in buckets a quarter of a power of two wide, so a percentile costs a walk over
 * a hundred counters and memory does not grow with traffic. A percentile is reported as its
 * bucket's upper edge: at most 19 % above the true value, never below it.
 */
final class LatencyHistogram {

    /** Four buckets per doubling, up to 2^24 ms (4.6 hours); longer falls into the last bucket. */
    private static final int PER_DOUBLING = 4;
    static final int BUCKETS = 24 * PER_DOUBLING + 1;

    private LatencyHistogram() {}

    static int bucket(long millis) {
        if (millis <= 0) return 0;
        int b = (int) Math.floor(Math.log(millis + 1.0) / Math.log(2) * PER_DOUBLING);
        return Math.min(b, BUCKETS - 1);
    }

    /** The largest latency bucket {@code b} holds, in milliseconds. */
    static long upperEdge(int b) {
        return Math.max(0, (long) Math.ceil(Math.pow(2, (b + 1) / (double) PER_DOUBLING)) - 1);
    }

    /** The {@code quantile} (0 to 1) of the counts summed in {@code counts}, or null when they hold nothing. */
    static Long percentile(long[] counts, double quantile) {
        long total = 0;
        for (long c : counts) total += c;
        if (total == 0) return null;
        long rank = (long) Math.ceil(quantile * total);
        long seen = 0;
        for (int b = 0; b < counts.length; b++) {
            seen += counts[b];
            if (seen >= rank && counts[b] > 0) return upperEdge(b);
        }
        return upperEdge(counts.length - 1);
    }
}
