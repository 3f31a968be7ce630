package dev.bloodbank.envelope;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * New event ids: random (version 4, IETF variant) UUIDs drawn from {@link ThreadLocalRandom}.
 *
 * <p>An event id has to be unique, not secret: it names an event for deduplication and
 * correlation, and nobody gains anything by guessing the next one. {@link UUID#randomUUID()}
 * draws from a shared {@code SecureRandom}, a synchronized generator that costs about a
 * microsecond and a lock per id on every publishing thread; 122 bits from the per-thread
 * generator (seeded per thread from the system's entropy) make collisions exactly as unlikely.
 */
final class EventIds {

    private static final long VERSION_MASK = 0xffffffffffff0fffL;
    private static final long VERSION_4 = 0x0000000000004000L;
    private static final long VARIANT_MASK = 0x3fffffffffffffffL;
    private static final long VARIANT_IETF = 0x8000000000000000L;

    private EventIds() {}

    /** A new random id; {@code version()} is 4 and {@code variant()} is 2, as for {@link UUID#randomUUID()}. */
    static UUID next() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long most = (random.nextLong() & VERSION_MASK) | VERSION_4;
        long least = (random.nextLong() & VARIANT_MASK) | VARIANT_IETF;
        return new UUID(most, least);
    }
}
