package dev.bloodbank.envelope;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import dev.bloodbank.dsl.Payloads;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Payloads on the wire use the ecosystem's names, whoever publishes them")
class PayloadWireNamesTest {

    record Uploaded(String mediaFile, int mediaDurationSeconds, Instant uploadedAt, String title) {}

    @Test
    @DisplayName("the codec (Publisher) and the DSL write the same snake_case tree, nulls left out")
    void codecAndDslAgree() {
        Uploaded payload = new Uploaded("s3://calls/a.m4a", 312, Instant.parse("2026-11-27T10:15:30Z"), null);

        JsonNode fromCodec = EnvelopeCodec.standard().payloadTree(payload);
        JsonNode fromDsl = Payloads.defaults().tree(payload);

        assertEquals(fromCodec, fromDsl);
        assertEquals("s3://calls/a.m4a", fromCodec.get("media_file").asText());
        assertEquals(312, fromCodec.get("media_duration_seconds").asInt());
        assertEquals("2026-11-27T10:15:30Z", fromCodec.get("uploaded_at").asText());
        assertFalse(fromCodec.has("title"));
    }

    @Test
    @DisplayName("a snake_case payload from a Python producer binds to a camelCase record")
    void pythonPayloadBinds() throws Exception {
        JsonNode python = EnvelopeCodec.standard().readTree(
                "{\"media_file\":\"/r/a.m4a\",\"media_duration_seconds\":1843,\"uploaded_at\":\"2026-11-27T10:15:30.123456+00:00\",\"extra\":1}");

        Uploaded bound = EnvelopeCodec.standard().payloadAs(python, Uploaded.class);

        assertEquals(new Uploaded("/r/a.m4a", 1843, Instant.parse("2026-11-27T10:15:30.123456Z"), null), bound);
    }

    @Test
    @DisplayName("the mapper the codec hands out is a copy: reconfiguring it leaves the wire format alone")
    void handedOutMapperIsACopy() {
        Uploaded payload = new Uploaded("s3://calls/a.m4a", 312, Instant.parse("2026-11-27T10:15:30Z"), null);
        assertEquals("s3://calls/a.m4a", EnvelopeCodec.standard().newMapper().valueToTree(payload).get("media_file").asText(),
                "a copy starts with the codec's conventions");

        ObjectMapper mine = EnvelopeCodec.standard().newMapper();
        mine.setPropertyNamingStrategy(PropertyNamingStrategies.LOWER_CAMEL_CASE);

        assertTrue(mine.valueToTree(payload).has("mediaFile"));
        assertEquals("s3://calls/a.m4a", EnvelopeCodec.standard().payloadTree(payload).get("media_file").asText());
        assertEquals("s3://calls/a.m4a", Payloads.defaults().tree(payload).get("media_file").asText());
    }
}
