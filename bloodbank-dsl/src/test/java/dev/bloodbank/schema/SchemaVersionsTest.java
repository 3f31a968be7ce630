package dev.bloodbank.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("the schema a delivery is validated against, by the version that wrote it")
class SchemaVersionsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }

    @Test
    void theVersionInTheHeaderWhenKnownElseTheCurrentSchema() throws Exception {
        JsonNode v1 = json("{\"type\":\"object\"}");
        JsonNode v2 = json("{\"type\":\"object\",\"required\":[\"author\"]}");
        MessageSchema current = MessageSchema.compile(v2);
        SchemaVersions versions = SchemaVersions.compile(Map.of("a.b.done", List.of(v1, v2)), Map.of("a.b.done", 2));
        JsonNode withoutAuthor = json("{\"number\":1}");

        assertTrue(versions.forDelivery("a.b.done", 1, current).validate(withoutAuthor).isEmpty(), "an int header");
        assertTrue(versions.forDelivery("a.b.done", "1", current).validate(withoutAuthor).isEmpty(), "a string header");
        assertSame(current, versions.forDelivery("a.b.done", null, current));
        assertSame(current, versions.forDelivery("a.b.done", 9, current), "a version this consumer does not know");
        assertSame(current, versions.forDelivery("a.b.done", "v1", current));
        assertSame(current, versions.forDelivery("x.y.done", 1, current));
        assertEquals(2, versions.current("a.b.done").orElseThrow());
        assertTrue(SchemaVersions.NONE.current("a.b.done").isEmpty());
    }

    @Test
    void aVersionThatDoesNotCompileIsNamed() throws Exception {
        InvalidSchemaException e = assertThrows(InvalidSchemaException.class,
                () -> SchemaVersions.compile(Map.of("a.b.done", List.of(json("[1]"))), Map.of()));
        assertTrue(e.getMessage().startsWith("version 1 of a.b.done in the schema registry: "), e.getMessage());
    }
}
