package dev.bloodbank.cli.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("per-key counters over a rolling window of minutes")
class KeyCountersTest {

    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    @Test
    @DisplayName("an event counts in the minute of its timestamp; the window forgets what left it, and keys silent for all of it")
    void rollingMinutes() {
        KeyCounters counters = new KeyCounters(3);
        counters.record("a.b.c", T0.plusSeconds(5), T0.plusSeconds(130), false, -1);
        counters.record("a.b.c", T0.plusSeconds(70), T0.plusSeconds(130), false, -1);
        counters.record("a.b.c", T0.plusSeconds(125), T0.plusSeconds(130), true, -1);
        counters.record("x.y.z", T0.plusSeconds(10), T0.plusSeconds(130), false, -1);
        List<ArchiveSource.KeyFigures> now = counters.figures(T0.plusSeconds(130), 3, true, true);
        assertEquals(List.of("a.b.c", "x.y.z"), now.stream().map(ArchiveSource.KeyFigures::key).toList());
        assertEquals(List.of(1L, 1L, 1L), now.get(0).perMinute());
        assertEquals(1, now.get(0).unrouted());
        assertNull(now.get(0).p50Millis(), "nothing was measured");

        List<ArchiveSource.KeyFigures> later = counters.figures(T0.plusSeconds(190), 3, true, true);
        assertEquals(List.of("a.b.c"), later.stream().map(ArchiveSource.KeyFigures::key).toList(), "x.y.z left the window");
        assertEquals(List.of(1L, 1L, 0L), later.get(0).perMinute());
        assertEquals(List.of(1L), counters.figures(T0.plusSeconds(130), 1, true, true).get(0).perMinute());
    }

    @Test
    @DisplayName("an event older than the window is not counted; one stamped ahead of our clock counts now")
    void outsideTheWindow() {
        KeyCounters counters = new KeyCounters(2);
        counters.record("k", T0, T0.plusSeconds(600), false, -1);
        assertEquals(List.of(), counters.figures(T0.plusSeconds(600), 2, true, true));
        counters.record("k", T0.plusSeconds(900), T0.plusSeconds(600), false, 0);
        assertEquals(List.of(0L, 1L), counters.figures(T0.plusSeconds(600), 2, true, true).get(0).perMinute());
    }

    @Test
    @DisplayName("p50 and p99 come from the histogram, never below the true value and at most 19 % above it")
    void percentiles() {
        KeyCounters counters = new KeyCounters(1);
        for (int i = 1; i <= 100; i++) counters.record("k", T0, T0, false, i * 10L);
        ArchiveSource.KeyFigures f = counters.figures(T0, 1, true, true).get(0);
        assertEquals(100, f.latencySamples());
        assertTrue(f.p50Millis() >= 500 && f.p50Millis() <= 595, f::toString);
        assertTrue(f.p99Millis() >= 990 && f.p99Millis() <= 1178, f::toString);
    }

    @Test
    @DisplayName("keys beyond the most it keeps are counted together, so memory stays bounded")
    void boundedKeys() {
        KeyCounters counters = new KeyCounters(1);
        for (int i = 0; i < KeyCounters.MOST_KEYS + 10; i++) counters.record("k" + i, T0, T0, false, -1);
        List<ArchiveSource.KeyFigures> f = counters.figures(T0, 1, true, true);
        assertEquals(KeyCounters.MOST_KEYS + 1, f.size());
        assertEquals(10, f.stream().filter(k -> k.key().equals(KeyCounters.OTHER_KEYS)).findFirst().orElseThrow().total());
    }

    @Test
    @DisplayName("dead letters count per key in the minute they are seen; unknown (null) while they cannot be counted")
    void deadLetters() {
        KeyCounters counters = new KeyCounters(3);
        counters.record("a.b.c", T0.plusSeconds(5), T0.plusSeconds(10), false, -1);
        counters.deadLettered("a.b.c", T0.plusSeconds(70));
        counters.deadLettered("a.b.c", T0.plusSeconds(75));
        counters.deadLettered("old.key.seen", T0.plusSeconds(80));

        List<ArchiveSource.KeyFigures> f = counters.figures(T0.plusSeconds(90), 3, true, true);
        assertEquals(List.of("a.b.c", "old.key.seen"), f.stream().map(ArchiveSource.KeyFigures::key).toList(),
                "a key with dead letters and no event archived in the window is still shown");
        assertEquals(2L, f.get(0).deadLettered());
        assertEquals(0L, f.get(1).total());
        assertEquals(1L, f.get(1).deadLettered());
        assertEquals(0L, f.get(0).retried());

        assertNull(counters.figures(T0.plusSeconds(90), 3, false, true).get(0).deadLettered(), "not counting: unknown, not 0");
        assertEquals(List.of(), counters.figures(T0.plusSeconds(400), 3, true, true), "the dead letters left the window too");
    }

    @Test
    @DisplayName("retries count per key in the minute they are seen, beside the dead letters; unknown (null) while they cannot be counted")
    void retries() {
        KeyCounters counters = new KeyCounters(3);
        counters.retried("a.b.c", T0.plusSeconds(5));
        counters.retried("a.b.c", T0.plusSeconds(65));
        counters.deadLettered("a.b.c", T0.plusSeconds(66));

        ArchiveSource.KeyFigures f = counters.figures(T0.plusSeconds(90), 3, true, true).get(0);
        assertEquals(2L, f.retried(), "a key with only retries and dead letters is still shown");
        assertEquals(1L, f.deadLettered());
        assertEquals(0L, f.total());
        assertEquals(1L, counters.figures(T0.plusSeconds(90), 1, true, true).get(0).retried(), "the last minute only");
        assertNull(counters.figures(T0.plusSeconds(90), 3, true, false).get(0).retried(), "not counting: unknown, not 0");
        assertEquals(1L, counters.figures(T0.plusSeconds(90), 3, true, false).get(0).deadLettered());
        assertEquals(List.of(), counters.figures(T0.plusSeconds(400), 3, true, true), "the retries left the window too");
    }
}
