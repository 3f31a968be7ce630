package dev.bloodbank.envelope;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class EnvelopeCodecTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final EnvelopeCodec codec = EnvelopeCodec.standard();

    static byte[] fixture(String name) throws IOException {
        try (InputStream in = EnvelopeCodecTest.class.getResourceAsStream("/envelopes/" + name)) {
            if (in == null) throw new IllegalStateException("no fixture " + name);
            return in.readAllBytes();
        }
    }

    @DisplayName("every envelope from the Python producers round-trips without losing a field")
    @ParameterizedTest
    @ValueSource(strings = {"python-publish-example.json", "agent-context-example.json"})
    void pythonFixturesRoundTrip(String name) throws Exception {
        byte[] original = fixture(name);
        byte[] written = codec.encode(codec.decode(original));

        ObjectNode expected = (ObjectNode) JSON.readTree(original);
        ObjectNode actual = (ObjectNode) JSON.readTree(written);
        assertEquals(Instant.parse(normalise(expected.remove("timestamp").asText())),
                Instant.parse(actual.remove("timestamp").asText()), "timestamp as an instant");
        assertEquals(expected, actual);
    }

    private static String normalise(String timestamp) {
        return EnvelopeCodec.formatTimestamp(EnvelopeCodec.parseTimestamp(timestamp));
    }

    @Test
    void unknownTopLevelFieldsAreKeptAndWrittenBackLast() throws Exception {
        Envelope envelope = codec.decode(fixture("agent-context-example.json"));
        assertEquals("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
                envelope.extensions().get("trace_parent").asText());
        Iterator<String> names = JSON.readTree(codec.encode(envelope)).fieldNames();
        String last = null;
        while (names.hasNext()) last = names.next();
        assertEquals("trace_parent", last);
    }

    @DisplayName("both timestamp forms parse, and sub-second precision survives writing")
    @ParameterizedTest
    @CsvSource({
        "2026-11-27T10:15:30.123Z,         2026-11-27T10:15:30.123Z",
        "2026-11-27T10:15:30.123456+00:00, 2026-11-27T10:15:30.123456Z",
        "2026-11-27T12:15:30.123456+02:00, 2026-11-27T10:15:30.123456Z",
        "2026-11-27T10:15:30.123456,       2026-11-27T10:15:30.123456Z",
        "2026-11-27T10:15:30Z,             2026-11-27T10:15:30Z",
        "2026-11-27T10:15:30.1Z,           2026-11-27T10:15:30.100Z",
    })
    void timestampForms(String written, String expected) {
        assertEquals(expected, EnvelopeCodec.formatTimestamp(EnvelopeCodec.parseTimestamp(written)));
    }

    @Test
    void microsecondsFromPythonSurviveARoundTrip() throws Exception {
        Envelope envelope = codec.decode(fixture("python-publish-example.json"));
        assertEquals(123_456_000, envelope.timestamp().getNano());
        assertEquals("2026-11-27T10:15:30.123456Z", JSON.readTree(codec.encode(envelope)).get("timestamp").asText());
    }

    @Test
    void nullMetaAndAgentContextAreWrittenAsNull() throws Exception {
        Envelope envelope = codec.decode(fixture("python-publish-example.json"));
        assertNull(envelope.agentContext());
        assertNull(envelope.source().meta());
        JsonNode tree = JSON.readTree(codec.encode(envelope));
        assertTrue(tree.get("agent_context").isNull());
        assertTrue(tree.get("source").get("meta").isNull());
    }

    @DisplayName("a body that is not JSON is told apart from JSON that is not an envelope")
    @ParameterizedTest
    @ValueSource(strings = {"not json at all", "{\"event_id\": ", "", "\u0000\u0001"})
    void notJson(String body) {
        EnvelopeDecodingException e = assertThrows(EnvelopeDecodingException.class, () -> codec.decode(body));
        assertEquals(EnvelopeDecodingException.Problem.NOT_JSON, e.problem());
        assertNull(e.field());
    }

    @DisplayName("JSON that is not an envelope names the missing or bad field")
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "event_id|                  {\"event_type\":\"a.b.c\"}",
        "event_id|                  {\"event_id\":\"nope\"}",
        "event_type|                {\"event_id\":\"7c9e6679-7425-40de-944b-e07fc1f90ae7\"}",
        "timestamp|                 {\"event_id\":\"7c9e6679-7425-40de-944b-e07fc1f90ae7\",\"event_type\":\"a.b.c\",\"timestamp\":\"yesterday\"}",
        "version|                   {\"event_id\":\"7c9e6679-7425-40de-944b-e07fc1f90ae7\",\"event_type\":\"a.b.c\",\"timestamp\":\"2026-11-27T10:15:30Z\"}",
        "source|                    {\"event_id\":\"7c9e6679-7425-40de-944b-e07fc1f90ae7\",\"event_type\":\"a.b.c\",\"timestamp\":\"2026-11-27T10:15:30Z\",\"version\":\"1\",\"source\":\"me\"}",
        "source.app|                {\"event_id\":\"7c9e6679-7425-40de-944b-e07fc1f90ae7\",\"event_type\":\"a.b.c\",\"timestamp\":\"2026-11-27T10:15:30Z\",\"version\":\"1\",\"source\":{\"app\":7}}",
        "correlation_ids[1]|        {\"event_id\":\"7c9e6679-7425-40de-944b-e07fc1f90ae7\",\"event_type\":\"a.b.c\",\"timestamp\":\"2026-11-27T10:15:30Z\",\"version\":\"1\",\"source\":{},\"correlation_ids\":[\"7c9e6679-7425-40de-944b-e07fc1f90ae7\",\"x\"]}",
        "payload|                   {\"event_id\":\"7c9e6679-7425-40de-944b-e07fc1f90ae7\",\"event_type\":\"a.b.c\",\"timestamp\":\"2026-11-27T10:15:30Z\",\"version\":\"1\",\"source\":{}}",
    })
    void notAnEnvelope(String field, String body) {
        EnvelopeDecodingException e = assertThrows(EnvelopeDecodingException.class, () -> codec.decode(body));
        assertEquals(EnvelopeDecodingException.Problem.NOT_AN_ENVELOPE, e.problem());
        assertEquals(field, e.field());
        assertTrue(e.getMessage().contains("'" + field + "'"), e.getMessage());
    }

    @Test
    void aJsonArrayIsNotAnEnvelope() {
        EnvelopeDecodingException e = assertThrows(EnvelopeDecodingException.class, () -> codec.decode("[1,2]"));
        assertEquals(EnvelopeDecodingException.Problem.NOT_AN_ENVELOPE, e.problem());
        assertTrue(e.getMessage().contains("array"), e.getMessage());
    }

    record Uploaded(String media_file, int media_duration_seconds) {}

    @Test
    void payloadBindsToARecordIgnoringFieldsItDoesNotHave() throws Exception {
        Envelope envelope = codec.decode(fixture("python-publish-example.json"));
        Uploaded uploaded = codec.payloadAs(envelope.payload(), Uploaded.class);
        assertEquals(new Uploaded("/recordings/2026-11-27-sync.m4a", 1843), uploaded);
    }

    @Test
    void aPayloadThatDoesNotBindSaysToWhichType() throws Exception {
        JsonNode payload = JSON.readTree("{\"media_duration_seconds\": \"long\"}");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> codec.payloadAs(payload, Uploaded.class));
        assertTrue(e.getMessage().contains(Uploaded.class.getName()), e.getMessage());
    }

    @Test
    void recordsBecomeTreesForPublishing() {
        JsonNode tree = codec.payloadTree(new Uploaded("s3://a", 3));
        assertEquals("s3://a", tree.get("media_file").asText());
        assertEquals(3, tree.get("media_duration_seconds").asInt());
    }

    @Test
    void createdEnvelopesHaveAFreshIdAndMicrosecondTimestamp() throws Exception {
        UUID cause = UUID.randomUUID();
        Envelope a = Envelopes.create("a.b.created", JSON.readTree("{}"), Source.service("svc"), List.of(cause));
        Envelope b = Envelopes.create("a.b.created", JSON.readTree("{}"), Source.service("svc"));
        assertFalse(a.eventId().equals(b.eventId()));
        assertEquals(0, a.timestamp().getNano() % 1000);
        assertEquals(List.of(cause), a.correlationIds());
        assertEquals(Envelopes.VERSION, a.version());
        assertEquals(a, codec.decode(codec.encode(a)));
        assertEquals(Map.of(), a.extensions());
    }
}
