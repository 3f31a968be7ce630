package dev.bloodbank.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.bloodbank.envelope.Envelope;
import dev.bloodbank.envelope.EnvelopeCodec;
import dev.bloodbank.envelope.Envelopes;
import dev.bloodbank.envelope.Source;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class DeadLetterTest {

    private static final String DLQ = "fireflies.transcripts.work.dlq";
    private static final Envelope INPUT = Envelopes.create("fireflies.transcript.uploaded",
            JsonNodeFactory.instance.objectNode().put("media_file", "a.m4a"), new Source("host-1", "service", "uploader", null));
    private static final byte[] BODY = EnvelopeCodec.standard().encode(INPUT);

    private static DeadLetter withHeaders(Map<String, Object> headers) {
        return DeadLetter.read(DLQ, null, null, headers, BODY);
    }

    @Test
    @DisplayName("reads back every failure header the runtime and the driver write")
    void readsWhatFailureHeadersWrote() {
        Map<String, Object> original = new HashMap<>(Map.of("trace-id", "t-1", "x-death", List.of(Map.of("count", 1L))));
        Map<String, Object> written = FailureHeaders.forDeadLetter(original, "bloodbank.commands.v1", "fireflies.transcript.process",
                "fireflies.transcripts.work", "transcriber", 3,
                Failure.of(Failure.Reason.HANDLER_FAILED, new IllegalStateException("fireflies is down")),
                Instant.parse("2026-11-27T10:15:30.123456Z"));

        DeadLetter dead = DeadLetter.read(DLQ, "m-1", "fireflies.transcript.process", written, BODY);

        assertEquals(DLQ, dead.queue());
        assertEquals("handler-failed", dead.reason());
        assertEquals(3, dead.attempts());
        assertEquals(IllegalStateException.class.getName(), dead.errorClass());
        assertEquals("fireflies is down", dead.errorMessage());
        assertTrue(dead.stackTrace().startsWith("java.lang.IllegalStateException: fireflies is down"), dead::stackTrace);
        assertEquals("fireflies.transcripts.work", dead.originalQueue());
        assertEquals("bloodbank.commands.v1", dead.originalExchange());
        assertEquals("fireflies.transcript.process", dead.originalRoutingKey());
        assertEquals("transcriber", dead.service());
        assertEquals("2026-11-27T10:15:30.123Z", dead.failedAt());
        assertEquals("t-1", dead.header("trace-id"));
        assertFalse(dead.headers().containsKey("x-death"), "the broker's record is not ours: " + dead.headers());
        assertEquals("m-1", dead.messageId());
        assertEquals("fireflies.transcript.process", dead.type());
    }

    @ParameterizedTest(name = "reason header [{0}] reads as unknown")
    @NullAndEmptySource
    @ValueSource(strings = {"  "})
    @DisplayName("a missing or blank reason reads as unknown")
    void aMissingReasonIsUnknown(String reason) {
        Map<String, Object> headers = new HashMap<>();
        if (reason != null) headers.put(Headers.REASON, reason);
        assertEquals(DeadLetter.UNKNOWN_REASON, withHeaders(headers).reason());
        assertEquals("unknown", DeadLetter.UNKNOWN_REASON);
    }

    @Test
    @DisplayName("a reason Bloodbank does not write is reported as it is")
    void aForeignReasonIsKept() {
        assertEquals("expired", withHeaders(Map.of(Headers.REASON, "expired")).reason());
    }

    @ParameterizedTest(name = "attempt header [{0}] reads as 0")
    @ValueSource(strings = {"many", "", "2.5", "0", "-3", "99999999999"})
    @DisplayName("an attempt header that is not a positive whole number reads as 0, never throws")
    void aBadAttemptCountIsZero(String attempts) {
        assertEquals(0, withHeaders(Map.of(Headers.ATTEMPT, attempts)).attempts());
    }

    @Test
    @DisplayName("an attempt count reads the same as a number of any width or as text")
    void attemptCountsOfEveryForm() {
        assertEquals(4, withHeaders(Map.of(Headers.ATTEMPT, 4)).attempts());
        assertEquals(4, withHeaders(Map.of(Headers.ATTEMPT, 4L)).attempts());
        assertEquals(4, withHeaders(Map.of(Headers.ATTEMPT, (short) 4)).attempts());
        assertEquals(4, withHeaders(Map.of(Headers.ATTEMPT, " 4 ")).attempts());
        assertEquals(0, withHeaders(Map.of(Headers.ATTEMPT, 2.5d)).attempts());
    }

    @Test
    @DisplayName("a message dead-lettered by hand, without any header, reads without throwing")
    void noHeadersAtAll() {
        for (Map<String, Object> none : java.util.Arrays.<Map<String, Object>>asList(null, Map.of())) {
            DeadLetter dead = withHeaders(none);
            assertEquals("unknown", dead.reason());
            assertEquals(0, dead.attempts());
            assertNull(dead.errorClass());
            assertNull(dead.errorMessage());
            assertNull(dead.stackTrace());
            assertNull(dead.originalQueue());
            assertNull(dead.originalExchange());
            assertNull(dead.originalRoutingKey());
            assertNull(dead.service());
            assertNull(dead.failedAt());
            assertEquals(Map.of(), dead.headers());
        }
    }

    @Test
    @DisplayName("the id and type come from the AMQP properties, else from the envelope")
    void idAndTypeFallBackToTheEnvelope() {
        DeadLetter fromBody = DeadLetter.read(DLQ, null, null, Map.of(), BODY);
        assertEquals(INPUT.eventId().toString(), fromBody.messageId());
        assertEquals("fireflies.transcript.uploaded", fromBody.type());
        assertEquals(Optional.of(INPUT.eventId()), fromBody.envelope().map(Envelope::eventId));

        DeadLetter fromProperties = DeadLetter.read(DLQ, "m-9", "other.type", Map.of(), BODY);
        assertEquals("m-9", fromProperties.messageId());
        assertEquals("other.type", fromProperties.type());
    }

    @Test
    @DisplayName("a body that is not an envelope has no envelope, id or type, and reads as text")
    void aBodyThatIsNotAnEnvelope() {
        DeadLetter dead = DeadLetter.read(DLQ, null, null, Map.of(Headers.REASON, "invalid-json"),
                "<xml/>".getBytes(StandardCharsets.UTF_8));
        assertEquals(Optional.empty(), dead.envelope());
        assertNull(dead.messageId());
        assertNull(dead.type());
        assertEquals("<xml/>", dead.bodyText());
        assertEquals("", DeadLetter.read(DLQ, null, null, null, null).bodyText());
    }

    @Test
    @DisplayName("header values of any type read as text, sorted by name, nulls left out")
    void headerValuesAsText() {
        Map<String, Object> headers = new HashMap<>();
        headers.put("b-flag", true);
        headers.put("a-count", 7L);
        headers.put("c-missing", null);
        headers.put(Headers.ORIGINAL_QUEUE, new StringBuilder("work"));
        DeadLetter dead = withHeaders(headers);
        assertEquals(List.of("a-count", "b-flag", Headers.ORIGINAL_QUEUE), List.copyOf(dead.headers().keySet()));
        assertEquals("7", dead.header("a-count"));
        assertEquals("work", dead.originalQueue());
    }
}
