package dev.bloodbank.engine;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.LongSupplier;

/**
 * Remembers handled ids in this process, bounded both ways: at most {@code maxEntries} ids, each
 * for at most {@code window}. Redeliveries come soon after the first delivery (a lost ack, a
 * connection drop), so a window of minutes catches them without holding memory for ever.
 * Competing consumers in other processes do not share it; use a shared store for that.
 */
public final class InMemoryDedupStore implements DedupStore {

    public static final int DEFAULT_MAX_ENTRIES = 100_000;
    public static final Duration DEFAULT_WINDOW = Duration.ofMinutes(30);

    private record Key(String consumer, UUID eventId) {}

    private final int maxEntries;
    private final long windowNanos;
    private final LongSupplier nanoClock;
    /** Insertion order is expiry order, so eviction only ever looks at the head. */
    private final LinkedHashMap<Key, Long> expiries = new LinkedHashMap<>();

    public InMemoryDedupStore(int maxEntries, Duration window) {
        this(maxEntries, window, System::nanoTime);
    }

    /**
     * A store whose window runs on {@code clock}: the test driver's virtual clock, so that moving
     * it past the window lets a duplicate through again.
     */
    public InMemoryDedupStore(int maxEntries, Duration window, Clock clock) {
        this(maxEntries, window, () -> {
            Instant now = clock.instant();
            return Math.addExact(Math.multiplyExact(now.getEpochSecond(), 1_000_000_000L), now.getNano());
        });
    }

    InMemoryDedupStore(int maxEntries, Duration window, LongSupplier nanoClock) {
        if (maxEntries < 1) throw new IllegalArgumentException("maxEntries must be at least 1, was " + maxEntries);
        if (window.isNegative() || window.isZero()) throw new IllegalArgumentException("window must be positive, was " + window);
        this.maxEntries = maxEntries;
        this.windowNanos = window.toNanos();
        this.nanoClock = nanoClock;
    }

    /** {@value #DEFAULT_MAX_ENTRIES} ids for 30 minutes. */
    public static InMemoryDedupStore withDefaults() {
        return new InMemoryDedupStore(DEFAULT_MAX_ENTRIES, DEFAULT_WINDOW);
    }

    @Override
    public synchronized boolean seen(String consumer, UUID eventId) {
        Long expiry = expiries.get(new Key(consumer, eventId));
        return expiry != null && expiry - nanoClock.getAsLong() > 0;
    }

    @Override
    public synchronized void remember(String consumer, UUID eventId) {
        long now = nanoClock.getAsLong();
        Key key = new Key(consumer, eventId);
        expiries.remove(key);
        expiries.put(key, now + windowNanos);
        Iterator<Map.Entry<Key, Long>> oldest = expiries.entrySet().iterator();
        while (oldest.hasNext()) {
            Map.Entry<Key, Long> head = oldest.next();
            if (expiries.size() > maxEntries || head.getValue() - now <= 0) oldest.remove();
            else break;
        }
    }

    /** How many ids are held now. */
    public synchronized int size() {
        return expiries.size();
    }
}
