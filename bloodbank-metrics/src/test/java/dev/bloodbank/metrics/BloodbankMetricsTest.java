package dev.bloodbank.metrics;

import static dev.bloodbank.metrics.MetricsTopology.COMMAND;
import static dev.bloodbank.metrics.MetricsTopology.EVENT;
import static dev.bloodbank.metrics.MetricsTopology.TOPOLOGY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bloodbank.flow.FlowListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class BloodbankMetricsTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final BloodbankMetrics metrics = BloodbankMetrics.of(TOPOLOGY, "ingest");
    private final FlowListener listener = metrics.listener();

    BloodbankMetricsTest() {
        metrics.bindTo(registry);
    }

    @AfterEach
    void close() {
        metrics.close();
    }

    private double count(String name, String key, String service, String outcome) {
        Counter c = registry.find(name).tags("key", key, "service", service, "outcome", outcome).counter();
        assertNotNull(c, name + " " + key + " " + service + " " + outcome);
        return c.count();
    }

    @Test
    @DisplayName("publish outcomes are counted per key and the confirm time is recorded")
    void publishOutcomes() {
        listener.published(EVENT);
        listener.published(EVENT);
        listener.confirmed(EVENT, Duration.ofMillis(3).toNanos());
        listener.nacked(EVENT);
        listener.returned(COMMAND);

        assertEquals(2, count(MeterNames.PUBLISHED, EVENT, "ingest", "sent"));
        assertEquals(1, count(MeterNames.PUBLISHED, EVENT, "ingest", "confirmed"));
        assertEquals(1, count(MeterNames.PUBLISHED, EVENT, "ingest", "nacked"));
        assertEquals(1, count(MeterNames.PUBLISHED, COMMAND, "ingest", "returned"));
        Timer confirm = registry.find(MeterNames.CONFIRM).tags("key", EVENT).timer();
        assertEquals(1, confirm.count());
        assertEquals(3.0, confirm.totalTime(TimeUnit.MILLISECONDS), 0.001);
    }

    @Test
    @DisplayName("consume outcomes are tagged by the consuming service, not the publishing one")
    void consumeOutcomes() {
        listener.consumed("archive", EVENT, Duration.ofMillis(20).toNanos());
        listener.handled("archive", EVENT, Duration.ofMillis(2).toNanos());
        listener.retried("archive", EVENT, 2);
        listener.deadLettered("archive", EVENT, 5);
        listener.duplicate("archive", EVENT);
        listener.invalid("archive", "unknown");

        assertEquals(1, count(MeterNames.CONSUMED, EVENT, "archive", "handled"));
        assertEquals(1, count(MeterNames.CONSUMED, EVENT, "archive", "retried"));
        assertEquals(1, count(MeterNames.CONSUMED, EVENT, "archive", "dead_lettered"));
        assertEquals(1, count(MeterNames.CONSUMED, EVENT, "archive", "duplicate"));
        assertEquals(1, count(MeterNames.CONSUMED, "unknown", "archive", "invalid"));
        assertEquals(1, registry.find(MeterNames.HANDLER).tags("key", EVENT, "service", "archive").timer().count());
        assertEquals(20.0, registry.find(MeterNames.LATENCY).tags("key", EVENT, "service", "archive").timer()
                .totalTime(TimeUnit.MILLISECONDS), 0.001);
    }

    @Test
    @DisplayName("events and commands carry kind=event and kind=command; a key the topology lacks, kind=unknown")
    void eventsAndCommandsToldApart() {
        listener.published(EVENT);
        listener.published(COMMAND);
        listener.handled("archive", EVENT, 1);
        listener.handled("agent", COMMAND, 1);
        listener.invalid("archive", "unknown");

        assertEquals(1, registry.get(MeterNames.PUBLISHED).tags("kind", "event", "outcome", "sent").counter().count());
        assertEquals(1, registry.get(MeterNames.PUBLISHED).tags("kind", "command", "outcome", "sent").counter().count());
        assertEquals(EVENT, registry.get(MeterNames.HANDLER).tag("kind", "event").timer().getId().getTag("key"));
        assertEquals(COMMAND, registry.get(MeterNames.HANDLER).tag("kind", "command").timer().getId().getTag("key"));
        assertEquals(1, registry.get(MeterNames.CONSUMED).tags("kind", "unknown", "outcome", "invalid").counter().count());
    }

    @Test
    @DisplayName("a negative latency (producer clock ahead) is not recorded")
    void negativeLatencyIgnored() {
        listener.consumed("archive", EVENT, Duration.ofMillis(20).toNanos());
        listener.consumed("archive", EVENT, -5);

        Timer latency = registry.get(MeterNames.LATENCY).tags("key", EVENT, "service", "archive").timer();
        assertEquals(1, latency.count());
        assertEquals(20.0, latency.totalTime(TimeUnit.MILLISECONDS), 0.001);
    }

    @Test
    @DisplayName("meters are registered once per key and reused for every message")
    void metersAreHeld() {
        listener.handled("archive", EVENT, 1);
        Meter first = registry.find(MeterNames.HANDLER).timer();
        int meters = registry.getMeters().size();
        for (int i = 0; i < 1000; i++) listener.handled("archive", EVENT, 1);
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
    @DisplayName("closing removes every meter registered, and later messages register none")
    void closeRemovesMeters() {
        listener.published(EVENT);
        listener.handled("archive", EVENT, 1);
        assertTrue(registry.getMeters().size() > 1);

        metrics.close();
        listener.published(EVENT);
        listener.handled("archive", COMMAND, 1);

        assertTrue(registry.getMeters().isEmpty(), () -> "left: " + registry.getMeters());
    }

    @Test
    @DisplayName("before it is bound, the listener records nothing and registers nothing")
    void unboundRecordsNothing() {
        SimpleMeterRegistry later = new SimpleMeterRegistry();
        try (BloodbankMetrics unbound = BloodbankMetrics.of(TOPOLOGY, "ingest")) {
            unbound.listener().published(EVENT);
            assertNull(unbound.registry());

            unbound.bindTo(later);
            unbound.listener().published(EVENT);

            assertEquals(1, later.get(MeterNames.PUBLISHED).tags("key", EVENT, "outcome", "sent").counter().count());
        }
    }

    @Test
    @DisplayName("binding twice is refused with what to do instead")
    void bindOnce() {
        var e = assertThrows(IllegalStateException.class, () -> metrics.bindTo(new SimpleMeterRegistry()));
        assertTrue(e.getMessage().contains("CompositeMeterRegistry"), e.getMessage());
    }

    @Test
    @DisplayName("client-side percentiles by default; percentile histograms, which sum across instances, as an option")
    void percentilesOrHistograms() {
        listener.confirmed(EVENT, Duration.ofMillis(3).toNanos());
        var snapshot = registry.get(MeterNames.CONFIRM).timer().takeSnapshot();
        assertEquals("[0.5, 0.95, 0.99]", Arrays.toString(Arrays.stream(snapshot.percentileValues())
                .mapToDouble(ValueAtPercentile::percentile).toArray()));

        // Buckets only exist in registries whose backend aggregates them, as Prometheus does.
        PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        try (BloodbankMetrics plain = BloodbankMetrics.of(TOPOLOGY, "ingest")) {
            plain.bindTo(prometheus);
            plain.listener().confirmed(EVENT, Duration.ofMillis(3).toNanos());
            assertFalse(prometheus.scrape().contains("bloodbank_publish_confirm_seconds_bucket"), "no buckets by default");
        }
        try (BloodbankMetrics histograms = BloodbankMetrics.builder(TOPOLOGY, "ingest").percentileHistogram(true).build()) {
            histograms.bindTo(prometheus);
            histograms.listener().confirmed(EVENT, Duration.ofMillis(3).toNanos());
            assertTrue(prometheus.scrape().contains(
                    "bloodbank_publish_confirm_seconds_bucket{key=\"fireflies.transcript.uploaded\",kind=\"event\",service=\"ingest\",le=\"+Inf\"} 1"),
                    prometheus::scrape);
        }
    }

    @Test
    @DisplayName("no percentiles turns the client-side ones off")
    void percentilesOff() {
        SimpleMeterRegistry other = new SimpleMeterRegistry();
        try (BloodbankMetrics none = BloodbankMetrics.builder(TOPOLOGY, "ingest").percentiles().build()) {
            none.bindTo(other);
            none.listener().confirmed(EVENT, Duration.ofMillis(3).toNanos());
            var snapshot = other.get(MeterNames.CONFIRM).timer().takeSnapshot();
            assertEquals(1, snapshot.count());
            assertEquals(0, snapshot.percentileValues().length);
        }
    }

    @Test
    @DisplayName("bad options are refused with the value")
    void badOptions() {
        var percentile = assertThrows(IllegalArgumentException.class,
                () -> BloodbankMetrics.builder(TOPOLOGY, "ingest").percentiles(0.5, 99).build());
        assertEquals("a percentile must be between 0 and 1 (exclusive), was 99.0", percentile.getMessage());
        var service = assertThrows(IllegalArgumentException.class, () -> BloodbankMetrics.of(TOPOLOGY, " "));
        assertEquals("service is empty: name the publishing application", service.getMessage());
    }
}
