package dev.bloodbank.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class MicrometerFlowListenerTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final MicrometerFlowListener listener = new MicrometerFlowListener(registry, "ingest");

    private double count(String name, String key, String service, String outcome) {
        Counter c = registry.find(name).tags("key", key, "service", service, "outcome", outcome).counter();
        assertNotNull(c, name + " " + key + " " + service + " " + outcome);
        return c.count();
    }

    @Test
    @DisplayName("publish outcomes are counted per key and the confirm time is recorded")
    void publishOutcomes() {
        listener.published("a.b.created");
        listener.published("a.b.created");
        listener.confirmed("a.b.created", Duration.ofMillis(3).toNanos());
        listener.nacked("a.b.created");
        listener.returned("x.y.created");

        assertEquals(2, count(MeterNames.PUBLISHED, "a.b.created", "ingest", "sent"));
        assertEquals(1, count(MeterNames.PUBLISHED, "a.b.created", "ingest", "confirmed"));
        assertEquals(1, count(MeterNames.PUBLISHED, "a.b.created", "ingest", "nacked"));
        assertEquals(1, count(MeterNames.PUBLISHED, "x.y.created", "ingest", "returned"));
        Timer confirm = registry.find(MeterNames.CONFIRM).tags("key", "a.b.created").timer();
        assertEquals(1, confirm.count());
        assertEquals(3.0, confirm.totalTime(TimeUnit.MILLISECONDS), 0.001);
    }

    @Test
    @DisplayName("consume outcomes are tagged by the consuming service, not the publishing one")
    void consumeOutcomes() {
        listener.consumed("archive", "a.b.created", Duration.ofMillis(20).toNanos());
        listener.handled("archive", "a.b.created", Duration.ofMillis(2).toNanos());
        listener.retried("archive", "a.b.created", 2);
        listener.deadLettered("archive", "a.b.created", 5);
        listener.duplicate("archive", "a.b.created");
        listener.invalid("archive", "unknown");

        assertEquals(1, count(MeterNames.CONSUMED, "a.b.created", "archive", "handled"));
        assertEquals(1, count(MeterNames.CONSUMED, "a.b.created", "archive", "retried"));
        assertEquals(1, count(MeterNames.CONSUMED, "a.b.created", "archive", "dead_lettered"));
        assertEquals(1, count(MeterNames.CONSUMED, "a.b.created", "archive", "duplicate"));
        assertEquals(1, count(MeterNames.CONSUMED, "unknown", "archive", "invalid"));
        assertEquals(1, registry.find(MeterNames.HANDLER).tags("key", "a.b.created", "service", "archive").timer().count());
        assertEquals(20.0, registry.find(MeterNames.LATENCY).tags("key", "a.b.created", "service", "archive").timer()
                .totalTime(TimeUnit.MILLISECONDS), 0.001);
    }

    @Test
    @DisplayName("a negative latency (producer clock ahead) is not recorded")
    void negativeLatencyIgnored() {
        listener.consumed("archive", "a.b.created", -5);
        Timer latency = registry.find(MeterNames.LATENCY).timer();
        assertTrue(latency == null || latency.count() == 0);
    }

    @Test
    @DisplayName("meters are registered once per key and reused for every message")
    void metersAreHeld() {
        listener.handled("archive", "a.b.created", 1);
        Meter first = registry.find(MeterNames.HANDLER).timer();
        int meters = registry.getMeters().size();
        for (int i = 0; i < 1000; i++) listener.handled("archive", "a.b.created", 1);
        assertEquals(meters, registry.getMeters().size());
        assertSame(first, registry.find(MeterNames.HANDLER).timer());
        assertEquals(1001, registry.find(MeterNames.HANDLER).timer().count());
    }

    @Test
    @DisplayName("in-flight publishes are a gauge")
    void inFlightGauge() {
        listener.inFlight(17);
        assertEquals(17.0, registry.find(MeterNames.IN_FLIGHT).tags("service", "ingest").gauge().value());
    }

    @Test
    @DisplayName("closing removes every meter the listener registered")
    void closeRemovesMeters() {
        listener.published("a.b.created");
        listener.handled("archive", "a.b.created", 1);
        listener.close();
        assertTrue(registry.getMeters().isEmpty(), () -> "left: " + registry.getMeters());
    }
}
