package dev.bloodbank.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class FailureHeadersTest {

    private static final Failure FAILED = Failure.of(Failure.Reason.HANDLER_FAILED, new IllegalStateException("down"));

    @Test
    @DisplayName("a retry copy counts the attempt and the failure, without the stack trace")
    void retryHeaders() {
        Map<String, Object> h = FailureHeaders.forRetry(Map.of("trace-id", "t-1"), "bloodbank.events.v1", "a.b.created",
                "svc.queue", "svc", 2, FAILED);
        assertEquals(2, h.get(Headers.ATTEMPT));
        assertEquals("handler-failed", h.get(Headers.REASON));
        assertEquals("down", h.get(Headers.ERROR_MESSAGE));
        assertNull(h.get(Headers.STACK_TRACE));
        assertNull(h.get(Headers.FAILED_AT));
        assertEquals("t-1", h.get("trace-id"));
        assertEquals("svc.queue", h.get(Headers.ORIGINAL_QUEUE));
        assertEquals("bloodbank.events.v1", h.get(Headers.ORIGINAL_EXCHANGE));
        assertEquals("a.b.created", h.get(Headers.ORIGINAL_ROUTING_KEY));
    }

    @Test
    @DisplayName("the origin is the first one: a retried message arrives from the default exchange")
    void theOriginIsWrittenOnce() {
        Map<String, Object> first = FailureHeaders.forRetry(null, "bloodbank.events.v1", "a.b.created", "svc.queue", "svc", 2, FAILED);
        first.put("x-death", "by the retry queue's TTL");
        first.put("x-first-death-reason", "expired");
        Map<String, Object> dead = FailureHeaders.forDeadLetter(first, "", "svc.queue", "svc.queue", "svc", 3,
                FAILED, Instant.parse("2026-11-27T10:00:00Z"));
        assertEquals("bloodbank.events.v1", dead.get(Headers.ORIGINAL_EXCHANGE));
        assertEquals("a.b.created", dead.get(Headers.ORIGINAL_ROUTING_KEY));
        assertEquals(3, dead.get(Headers.ATTEMPT));
        assertEquals("2026-11-27T10:00:00Z", dead.get(Headers.FAILED_AT));
        assertFalse(dead.containsKey("x-death"));
        assertFalse(dead.containsKey("x-first-death-reason"));
    }

    @Test
    @DisplayName("a replay starts afresh but keeps where the message first came from")
    void replayHeaders() {
        Map<String, Object> dead = new HashMap<>(FailureHeaders.forDeadLetter(Map.of("trace-id", "t-1"), "bloodbank.events.v1",
                "a.b.created", "svc.queue", "svc", 3, FAILED, Instant.parse("2026-11-27T10:00:00Z")));
        dead.put("x-last-death-queue", "svc.queue");
        assertEquals(Map.of("trace-id", "t-1", Headers.ORIGINAL_EXCHANGE, "bloodbank.events.v1",
                Headers.ORIGINAL_ROUTING_KEY, "a.b.created"), FailureHeaders.forReplay(dead));
        assertEquals(Map.of(), FailureHeaders.forReplay(null));
    }

    @Test
    @DisplayName("the attempt count is read once for deliveries and dead letters alike")
    void attemptReading() {
        assertEquals(OptionalInt.of(3), FailureHeaders.attempt(Map.of(Headers.ATTEMPT, 3)));
        assertEquals(OptionalInt.of(3), FailureHeaders.attempt(Map.of(Headers.ATTEMPT, "3")));
        assertEquals(OptionalInt.empty(), FailureHeaders.attempt(Map.of(Headers.ATTEMPT, "three")));
        assertEquals(OptionalInt.empty(), FailureHeaders.attempt(Map.of()));
        assertEquals(OptionalInt.empty(), FailureHeaders.attempt(null));
        // what each reader makes of an unknown count: a delivery is at least the first, a dead letter was not counted
        Map<String, Object> bad = Map.of(Headers.ATTEMPT, "three");
        assertEquals(1, new Delivery("q", "k", new byte[0], bad, false).attempt());
        assertEquals(0, DeadLetter.read("q.dlq", null, null, bad, new byte[0]).attempts());
    }
}
