package dev.bloodbank.envelope;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("event ids are random version-4 UUIDs")
class EventIdsTest {

    @Test
    void everyIdIsVersion4OfTheIetfVariantAndRoundTripsThroughText() {
        for (int i = 0; i < 10_000; i++) {
            UUID id = EventIds.next();
            assertEquals(4, id.version(), id.toString());
            assertEquals(2, id.variant(), id.toString());
            assertEquals(id, UUID.fromString(id.toString()));
        }
    }

    @Test
    void idsDoNotRepeatAcrossThreads() throws InterruptedException {
        Set<UUID> ids = java.util.concurrent.ConcurrentHashMap.newKeySet();
        Thread[] threads = new Thread[4];
        for (int t = 0; t < threads.length; t++) {
            threads[t] = new Thread(() -> {
                for (int i = 0; i < 50_000; i++) ids.add(EventIds.next());
            });
            threads[t].start();
        }
        for (Thread thread : threads) thread.join();
        assertEquals(200_000, ids.size());
    }

    @Test
    void newEnvelopesCarryTheseIds() {
        Set<UUID> seen = new HashSet<>();
        for (int i = 0; i < 1_000; i++) {
            Envelope envelope = Envelopes.create("a.b.c", com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode(),
                    new Source("host", "service", "app", null));
            assertEquals(4, envelope.eventId().version());
            seen.add(envelope.eventId());
        }
        assertEquals(1_000, seen.size());
    }
}
