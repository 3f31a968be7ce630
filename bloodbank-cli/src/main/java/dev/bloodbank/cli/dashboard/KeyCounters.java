package dev.bloodbank.cli.dashboard;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Per-key counters over a rolling window of whole minutes, filled one archived event at a time.
 * Each key holds one slot per minute of the window, reused as the window moves, so memory depends
 * on the number of keys and never on the traffic. An event counts in the minute of its envelope
 * timestamp: a follower catching up after a restart fills the minutes the events belong to, not
 * the minute it read them in.
 */
final class KeyCounters {

    /** More keys than any topology declares: beyond this, keys nobody declared are counted together. */
    static final int MOST_KEYS = 5_000;
    static final String OTHER_KEYS = "(other keys)";

    private static final class Slots {
        final long[] minute;
        final long[] count;
        final long[] unrouted;
        final long[] retried;
        final long[] deadLettered;
        final long[][] latency;

        Slots(int minutes) {
            minute = new long[minutes];
            count = new long[minutes];
            unrouted = new long[minutes];
            retried = new long[minutes];
            deadLettered = new long[minutes];
            latency = new long[minutes][LatencyHistogram.BUCKETS];
            java.util.Arrays.fill(minute, Long.MIN_VALUE);
        }

        int slot(long epochMinute) {
            int i = (int) Math.floorMod(epochMinute, (long) minute.length);
            if (minute[i] != epochMinute) {
                minute[i] = epochMinute;
                count[i] = 0;
                unrouted[i] = 0;
                retried[i] = 0;
                deadLettered[i] = 0;
                java.util.Arrays.fill(latency[i], 0);
            }
            return i;
        }

        boolean holds(long epochMinute) {
            return minute[(int) Math.floorMod(epochMinute, (long) minute.length)] == epochMinute;
        }
    }

    private final int minutes;
    private final Map<String, Slots> byKey = new HashMap<>();

    KeyCounters(int minutes) {
        if (minutes < 1) throw new IllegalArgumentException("minutes must be at least 1, was " + minutes);
        this.minutes = minutes;
    }

    int minutes() {
        return minutes;
    }

    /**
     * Counts one event of {@code key} stamped {@code timestamp}, read at {@code now}.
     *
     * @param latencyMillis its latency, or a negative number when it was not measured
     */
    synchronized void record(String key, Instant timestamp, Instant now, boolean unrouted, long latencyMillis) {
        long current = epochMinute(now);
        long at = Math.min(epochMinute(timestamp), current);   // a producer clock ahead of ours counts now
        if (at <= current - minutes) return;
        Slots slots = slots(key);
        int i = slots.slot(at);
        slots.count[i]++;
        if (unrouted) slots.unrouted[i]++;
        if (latencyMillis >= 0) slots.latency[i][LatencyHistogram.bucket(latencyMillis)]++;
    }

    /** Counts one message of {@code key} sent to a retry queue at {@code now}. */
    synchronized void retried(String key, Instant now) {
        Slots slots = slots(key);
        slots.retried[slots.slot(epochMinute(now))]++;
    }

    /** Counts one message of {@code key} dead-lettered at {@code now}. */
    synchronized void deadLettered(String key, Instant now) {
        Slots slots = slots(key);
        slots.deadLettered[slots.slot(epochMinute(now))]++;
    }

    private Slots slots(String key) {
        Slots slots = byKey.get(key);
        if (slots == null) {
            if (byKey.size() >= MOST_KEYS) key = OTHER_KEYS;
            slots = byKey.computeIfAbsent(key, k -> new Slots(minutes));
        }
        return slots;
    }

    /** The starts of the last {@code shown} minutes up to {@code now}'s, oldest first. */
    static List<Instant> minuteStarts(Instant now, int shown) {
        long current = epochMinute(now);
        List<Instant> out = new ArrayList<>(shown);
        for (long m = current - shown + 1; m <= current; m++) out.add(Instant.ofEpochSecond(m * 60));
        return out;
    }

    /**
     * The figures of every key with an event, a retry or a dead letter in the last {@code shown}
     * minutes, by key; forgets keys silent for the whole window.
     *
     * @param deadLettersCounted whether dead letters are being counted now; when not, a key's
     *     dead-lettered figure is null (unknown), never a misleading 0
     * @param retriesCounted     the same for retries
     */
    synchronized List<ArchiveSource.KeyFigures> figures(Instant now, int shown, boolean deadLettersCounted, boolean retriesCounted) {
        int n = Math.max(1, Math.min(shown, minutes));
        long current = epochMinute(now);
        Map<String, ArchiveSource.KeyFigures> out = new TreeMap<>();
        for (Iterator<Map.Entry<String, Slots>> it = byKey.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, Slots> e = it.next();
            Slots s = e.getValue();
            boolean any = false;
            for (long m = current - minutes + 1; m <= current && !any; m++)
                any = s.holds(m) && (s.count[s.slot(m)] > 0 || s.retried[s.slot(m)] > 0 || s.deadLettered[s.slot(m)] > 0);
            if (!any) {
                it.remove();
                continue;
            }
            List<Long> perMinute = new ArrayList<>(n);
            long total = 0;
            long unrouted = 0;
            long retried = 0;
            long dead = 0;
            long[] latency = new long[LatencyHistogram.BUCKETS];
            for (long m = current - n + 1; m <= current; m++) {
                if (!s.holds(m)) {
                    perMinute.add(0L);
                    continue;
                }
                int i = s.slot(m);
                perMinute.add(s.count[i]);
                total += s.count[i];
                unrouted += s.unrouted[i];
                retried += s.retried[i];
                dead += s.deadLettered[i];
                for (int b = 0; b < latency.length; b++) latency[b] += s.latency[i][b];
            }
            if (total == 0 && retried == 0 && dead == 0) continue;
            long samples = 0;
            for (long c : latency) samples += c;
            out.put(e.getKey(), new ArchiveSource.KeyFigures(e.getKey(), List.copyOf(perMinute), total,
                    LatencyHistogram.percentile(latency, 0.50), LatencyHistogram.percentile(latency, 0.99), samples,
                    unrouted, retriesCounted ? retried : null, deadLettersCounted ? dead : null));
        }
        return List.copyOf(out.values());
    }

    private static long epochMinute(Instant at) {
        return Math.floorDiv(at.getEpochSecond(), 60);
    }
}
