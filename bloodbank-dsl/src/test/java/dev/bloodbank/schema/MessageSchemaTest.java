package dev.bloodbank.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class MessageSchemaTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }

    @Test
    void neverFetchesARemoteReference() throws Exception {
        JsonNode schema = json("{\"properties\": {\"u\": {\"$ref\": \"https://schemas.example.invalid/user.json\"}}}");

        InvalidSchemaException e = assertTimeoutPreemptively(Duration.ofSeconds(5),
                () -> assertThrows(InvalidSchemaException.class, () -> MessageSchema.compile(schema)));

        assertTrue(e.getMessage().contains("https://schemas.example.invalid/user.json"), e.getMessage());
        assertTrue(e.getMessage().contains("remote schemas are not fetched"), e.getMessage());
    }

    @Test
    void namesTheConstantAFailedConstWanted() throws Exception {
        MessageSchema schema = MessageSchema.compile(json("{\"properties\": {\"v\": {\"const\": \"1.0.0\"}}}"));

        assertEquals(List.of(new SchemaViolation("#/v", "must be the constant \"1.0.0\"")), schema.validate(json("{\"v\": \"2\"}")));
    }

    @Test
    void readsA2020SchemaWithDraft7Semantics() throws Exception {
        MessageSchema schema = MessageSchema.compile(json("""
                {"$schema": "https://json-schema.org/draft/2020-12/schema",
                 "$defs": {"Id": {"type": "string", "minLength": 3}},
                 "properties": {"id": {"$ref": "#/$defs/Id"}}}"""));

        assertEquals(List.of(new SchemaViolation("#/id", "expected minLength: 3, actual: 2")), schema.validate(json("{\"id\": \"ab\"}")));
    }

    @Test
    void refusesADocumentThatIsNotASchema() throws Exception {
        JsonNode notASchema = json("[1, 2]");

        assertEquals("a JSON Schema must be an object (or true/false)",
                assertThrows(InvalidSchemaException.class, () -> MessageSchema.compile(notASchema)).getMessage());
    }
}
