package dev.bloodbank.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bloodbank.schema.MessageSchema;
import dev.bloodbank.topology.Topology;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.everit.json.schema.Schema;
import org.everit.json.schema.ValidationException;
import org.everit.json.schema.loader.SchemaLoader;
import org.json.JSONObject;
import org.json.JSONTokener;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class AsyncApiExportTest {

    private static final Path SAMPLE = Path.of("..", "topology.yaml");
    private static Schema asyncApi;
    private static Topology topology;
    private static ObjectNode document;

    @BeforeAll
    static void loadTheOfficialSchema() throws IOException {
        try (InputStream in = AsyncApiExportTest.class.getResourceAsStream("/asyncapi/asyncapi-3.0.0.schema.json")) {
            asyncApi = SchemaLoader.builder()
                    .schemaJson(new JSONObject(new JSONTokener(in)))
                    .draftV7Support()
                    .schemaClient(url -> {
                        throw new AssertionError("the vendored schema is self-contained, yet it asked for " + url);
                    })
                    .build().load().build();
        }
        topology = Topology.load(SAMPLE);
        document = AsyncApiExport.of(topology, "/");
    }

    @Test
    void theSampleBusIsAValidAsyncApi3Document() {
        try {
            asyncApi.validate(orgJson(document));
        } catch (ValidationException e) {
            throw new AssertionError(String.join("\n", e.getAllMessages()), e);
        }
    }

    @Test
    void theOfficialSchemaCatchesAWrongBinding() {
        ObjectNode broken = document.deepCopy();
        ((ObjectNode) broken.at("/channels/fireflies.transcript.uploaded/bindings/amqp")).put("is", "topic");

        ValidationException failure = assertThrows(ValidationException.class, () -> asyncApi.validate(orgJson(broken)));
        assertTrue(failure.getAllMessages().stream().anyMatch(m -> m.contains("topic is not a valid enum value")), failure.getAllMessages()::toString);
    }

    @Test
    void aChannelPerKeyWithItsExchangeAndAReceiveOperationPerConsumer() {
        JsonNode uploaded = document.at("/channels/fireflies.transcript.uploaded");
        assertEquals("fireflies.transcript.uploaded", uploaded.path("address").asText());
        assertEquals("bloodbank.events.v1", uploaded.at("/bindings/amqp/exchange/name").asText());
        assertEquals("routingKey", uploaded.at("/bindings/amqp/is").asText());
        assertEquals("bloodbank.commands.v1", document.at("/channels/fireflies.transcript.process/bindings/amqp/exchange/name").asText());

        topology.subscriptions().values().forEach(s -> {
            JsonNode operation = document.path("operations").path(s.service() + ".receive");
            assertEquals("receive", operation.path("action").asText(), s.service());
            JsonNode channel = resolve(operation.at("/channel/$ref").asText());
            assertEquals(s.queue().queue(), channel.at("/bindings/amqp/queue/name").asText());
            long received = topology.events().keySet().stream().filter(s::receives).count();
            assertEquals(received, operation.path("messages").size(), s.service());
        });
        topology.commands().values().forEach(c ->
                assertEquals(c.worker().queue(), resolve(document.at("/operations/" + c.key() + ".work/channel/$ref").asText())
                        .at("/bindings/amqp/queue/name").asText()));
    }

    @Test
    void everyLocalReferenceResolvesInsideTheDocument() {
        List<String> references = new ArrayList<>();
        collectReferences(document, references);
        assertFalse(references.isEmpty());
        for (String reference : references) assertFalse(resolve(reference).isMissingNode(), reference);
    }

    @Test
    void aPayloadIsTheEnvelopeAroundTheKeysSchema() {
        JsonNode message = document.at("/components/messages/fireflies.transcript.uploaded");
        assertEquals("#/components/messageTraits/envelope", message.at("/traits/0/$ref").asText());
        assertEquals("#/components/schemas/Envelope", message.at("/payload/allOf/0/$ref").asText());
        assertEquals("#/components/schemas/fireflies.transcript.uploaded", message.at("/payload/allOf/1/properties/payload/$ref").asText());
        assertEquals(topology.event("fireflies.transcript.uploaded").orElseThrow().schema().document().path("properties"),
                document.at("/components/schemas/fireflies.transcript.uploaded/properties"));
    }

    @Test
    void aPythonEnvelopeIsValidAgainstTheExportedEnvelopeSchema() {
        JsonNode envelope = json("""
                {"event_id": "0f8fad5b-d9cb-469f-a165-70867728950e", "event_type": "fireflies.transcript.uploaded",
                 "timestamp": "2026-11-27T10:15:30.123456+00:00", "version": "1.0.0",
                 "source": {"host": "media-box", "type": "file_watch", "app": "fireflies-uploader", "meta": null},
                 "correlation_ids": [], "agent_context": null, "payload": {"media_file": "/r/a.m4a"}, "trace_parent": "00-1"}
                """);
        assertEquals(List.of(), MessageSchema.compile(document.at("/components/schemas/Envelope")).validate(envelope));
    }

    @Test
    void localDefinitionsAreReachedUnderTheKeysOwnSchema() {
        JsonNode rewritten = AsyncApiExport.withLocalReferencesUnder(
                json("{\"properties\":{\"s\":{\"$ref\":\"#/$defs/Speaker\"}},\"$defs\":{\"Speaker\":{\"type\":\"object\"}}}"),
                "#/components/schemas/k");
        assertEquals("#/components/schemas/k/$defs/Speaker", rewritten.at("/properties/s/$ref").asText());
    }

    private static JsonNode json(String text) {
        try {
            return new ObjectMapper().readTree(text);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static JSONObject orgJson(JsonNode node) {
        return new JSONObject(new JSONTokener(node.toString()));
    }

    private static JsonNode resolve(String reference) {
        assertTrue(reference.startsWith("#/"), reference);
        return document.at(reference.substring(1));
    }

    private static void collectReferences(JsonNode node, List<String> references) {
        if (node.isObject()) {
            JsonNode ref = node.get("$ref");
            if (ref != null && ref.isTextual()) references.add(ref.asText());
            node.forEach(child -> collectReferences(child, references));
        } else if (node.isArray()) {
            node.forEach(child -> collectReferences(child, references));
        }
    }
}
