package dev.bloodbank.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class InMemoryDedupStoreTest {

    private final AtomicLong now = new AtomicLong();

    @Test
    void remembersPerConsumer() {
        InMemoryDedupStore store = new InMemoryDedupStore(10, Duration.ofMinutes(1), now::get);
        UUID id = UUID.randomUUID();
        store.remember("a", id);
        assertTrue(store.seen("a", id));
        assertFalse(store.seen("b", id));
    }

    @Test
    void forgetsTheOldestBeyondItsCapacity() {
        InMemoryDedupStore store = new InMemoryDedupStore(2, Duration.ofMinutes(1), now::get);
        UUID first = UUID.randomUUID();
        store.remember("a", first);
        store.remember("a", UUID.randomUUID());
        store.remember("a", UUID.randomUUID());
        assertFalse(store.seen("a", first));
        assertEquals(2, store.size());
    }

    @Test
    void forgetsIdsOlderThanTheWindow() {
        InMemoryDedupStore store = new InMemoryDedupStore(10, Duration.ofSeconds(5), now::get);
        UUID id = UUID.randomUUID();
        store.remember("a", id);
        now.addAndGet(Duration.ofSeconds(6).toNanos());
        assertFalse(store.seen("a", id));
        store.remember("a", UUID.randomUUID());
        assertEquals(1, store.size(), "the expired id was evicted");
    }

    @Test
    void refusesAnEmptyBound() {
        assertThrows(IllegalArgumentException.class, () -> new InMemoryDedupStore(0, Duration.ofMinutes(1)));
        assertThrows(IllegalArgumentException.class, () -> new InMemoryDedupStore(1, Duration.ZERO));
    }
}
