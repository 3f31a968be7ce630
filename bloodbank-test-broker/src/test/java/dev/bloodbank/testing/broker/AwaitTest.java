package dev.bloodbank.testing.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class AwaitTest {

    @Test
    @DisplayName("returns as soon as the condition holds, checking once when it holds at once")
    void returnsWhenTheConditionHolds() {
        AtomicInteger checks = new AtomicInteger();
        Await.until(Duration.ofSeconds(10), "at once", () -> checks.incrementAndGet() > 0);
        assertEquals(1, checks.get());

        AtomicInteger reads = new AtomicInteger();
        int value = Await.until(Duration.ofSeconds(10), "the third read", reads::incrementAndGet, n -> n >= 3);
        assertEquals(3, value);
    }

    @Test
    @DisplayName("fails after the timeout, naming what it waited for and the last value read")
    void failsAfterTheTimeoutWithWhat() {
        long start = System.nanoTime();
        var e = assertThrows(AssertionError.class,
                () -> Await.until(Duration.ofMillis(150), "the queue to drain", () -> 7, n -> n == 0));
        long waited = (System.nanoTime() - start) / 1_000_000;
        assertEquals("timed out after PT0.15S waiting for the queue to drain; last read: 7", e.getMessage());
        assertTrue(waited >= 150 && waited < 150 + 10 * Await.MAX_PAUSE_MILLIS, "waited " + waited + " ms");

        var plain = assertThrows(AssertionError.class, () -> Await.until(Duration.ofMillis(20), "never", () -> false));
        assertEquals("timed out after PT0.02S waiting for never", plain.getMessage());
    }

    @Test
    @DisplayName("a check that throws fails the wait with that exception as the cause")
    void aFailingCheckFailsTheWait() {
        var checked = assertThrows(AssertionError.class,
                () -> Await.until(Duration.ofSeconds(10), "stats", () -> { throw new IOException("connection refused"); }));
        assertEquals("checking stats failed: java.io.IOException: connection refused", checked.getMessage());
        assertInstanceOf(IOException.class, checked.getCause());

        var unchecked = assertThrows(IllegalStateException.class,
                () -> Await.until(Duration.ofSeconds(10), "stats", () -> { throw new IllegalStateException("bad"); }));
        assertEquals("bad", unchecked.getMessage());
    }

    @Test
    @DisplayName("a timeout that is not positive is refused")
    void timeoutMustBePositive() {
        var e = assertThrows(IllegalArgumentException.class, () -> Await.until(Duration.ZERO, "x", () -> true));
        assertEquals("timeout must be positive, was PT0S", e.getMessage());
    }
}
