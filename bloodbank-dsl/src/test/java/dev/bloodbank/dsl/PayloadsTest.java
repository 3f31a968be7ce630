package dev.bloodbank.dsl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class PayloadsTest {

    record Submitted(String mediaFile, String firefliesJobId, Instant submittedAt, String webhookUrl) {}

    private final Payloads payloads = Payloads.defaults();

    @Test
    void writesSnakeCaseIsoTimesAndLeavesNullsOut() {
        var tree = payloads.tree(new Submitted("/rec/a.m4a", "ff-1", Instant.parse("2026-11-27T10:15:31.002Z"), null));
        assertEquals("{\"media_file\":\"/rec/a.m4a\",\"fireflies_job_id\":\"ff-1\",\"submitted_at\":\"2026-11-27T10:15:31.002Z\"}",
                tree.toString());
    }

    @Test
    void readsBackAndIgnoresFieldsANewerProducerAdded() {
        var tree = Pipeline.json("{\"media_file\":\"/rec/a.m4a\",\"fireflies_job_id\":\"ff-1\",\"submitted_at\":\"2026-11-27T10:15:31Z\",\"region\":\"eu\"}");
        assertEquals(new Submitted("/rec/a.m4a", "ff-1", Instant.parse("2026-11-27T10:15:31Z"), null), payloads.read(tree, Submitted.class));
    }

    @Test
    void aPayloadThatDoesNotBindSaysToWhatAndWhy() {
        var error = assertThrows(IllegalArgumentException.class,
                () -> payloads.read(Pipeline.json("{\"submitted_at\":\"yesterday\"}"), Submitted.class));
        assertTrue(error.getMessage().startsWith("payload does not bind to " + Submitted.class.getName() + ": "), error::getMessage);
    }

    @Test
    void aCallersMapperIsUsedAsConfigured() {
        var camel = Payloads.with(new ObjectMapper().findAndRegisterModules());
        assertEquals("{\"mediaFile\":\"/a\",\"firefliesJobId\":null,\"submittedAt\":null,\"webhookUrl\":null}",
                camel.tree(new Submitted("/a", null, null, null)).toString());
    }
}
