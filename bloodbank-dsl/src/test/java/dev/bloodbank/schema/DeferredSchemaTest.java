package dev.bloodbank.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class DeferredSchemaTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void compilesOnTheFirstValidationOnly() throws Exception {
        MessageSchema schema = MessageSchema.deferred(JSON.readTree("{\"type\": \"object\", \"required\": [\"id\"]}"),
                e -> new IllegalStateException(e));
        assertFalse(schema.isCompiled());
        assertTrue(schema.isValid(JSON.readTree("{\"id\": 1}")));
        assertTrue(schema.isCompiled());
        List<SchemaViolation> violations = schema.validate(JSON.readTree("{}"));
        assertEquals(List.of(new SchemaViolation("#", "required key [id] not found")), violations);
    }

    @Test
    void aDocumentThatDoesNotCompileFailsEveryUseThroughTheCallersException() throws Exception {
        AtomicInteger complaints = new AtomicInteger();
        IllegalStateException located = new IllegalStateException("at 5:44");
        MessageSchema schema = MessageSchema.deferred(JSON.readTree("{\"type\": \"integr\"}"), e -> {
            complaints.incrementAndGet();
            assertEquals("#: unknown type: [integr]", e.getMessage());
            return located;
        });
        JsonNode payload = JSON.readTree("1");
        assertSame(located, assertThrows(IllegalStateException.class, () -> schema.validate(payload)));
        assertSame(located, assertThrows(IllegalStateException.class, () -> schema.isValid(payload)));
        assertEquals(2, complaints.get());
        assertFalse(schema.isCompiled());
    }

    @Test
    void aDocumentThatIsNotAnObjectIsRefusedAtOnce() throws Exception {
        assertThrows(InvalidSchemaException.class, () -> MessageSchema.deferred(JSON.readTree("[]"), e -> e));
    }
}
