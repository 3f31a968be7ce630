package dev.bloodbank.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bloodbank.topology.MessageDefinition;
import dev.bloodbank.topology.Topology;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The schema of every event and command as a standalone draft-07 document, for code generators on
 * the other side of the bus (Pydantic's datamodel-codegen). Each has a {@code $id} derived from its
 * key alone, so regenerating never renames anything, and a {@code title} its class is named after.
 */
public final class JsonSchemaExport {

    static final String DRAFT_07 = "http://json-schema.org/draft-07/schema#";
    /** Drafts whose keywords mean something else in draft 7: such a schema keeps its declaration. */
    private static final Set<String> OLDER_DRAFTS = Set.of(
            "http://json-schema.org/draft-04/schema#", "http://json-schema.org/draft-04/schema",
            "http://json-schema.org/draft-06/schema#", "http://json-schema.org/draft-06/schema");

    private JsonSchemaExport() {}

    /** File name ({@code <key>.json}) to document, in the topology's order, events first. */
    public static Map<String, ObjectNode> of(Topology topology) {
        Map<String, ObjectNode> files = new LinkedHashMap<>();
        for (MessageDefinition message : topology.messages()) files.put(message.key() + ".json", document(message));
        return files;
    }

    /** The stable identifier of a key's schema, e.g. {@code urn:bloodbank:event:fireflies.transcript.uploaded}. */
    public static String id(MessageDefinition message) {
        return "urn:bloodbank:" + message.kind().name().toLowerCase(Locale.ROOT) + ":" + message.key();
    }

    /** {@code fireflies.transcript.uploaded} → {@code FirefliesTranscriptUploaded}. */
    public static String className(String key) {
        StringBuilder name = new StringBuilder();
        for (String word : key.split("[.\\-_]")) {
            if (word.isEmpty()) continue;
            name.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
        }
        return name.toString();
    }

    static ObjectNode document(MessageDefinition message) {
        JsonNode schema = message.schema().document();
        ObjectNode document = JsonNodeFactory.instance.objectNode();
        String declared = schema.path("$schema").asText("");
        document.put("$schema", OLDER_DRAFTS.contains(declared) ? declared : DRAFT_07);
        document.put("$id", id(message));
        document.put("title", schema.path("title").isTextual() ? schema.get("title").asText() : className(message.key()));
        document.put("description", schema.path("description").isTextual() ? schema.get("description").asText() : message.description());
        if (schema.isBoolean()) {
            // a boolean schema has no keywords to carry: true accepts anything, false is written as its equivalent
            if (!schema.booleanValue()) document.putObject("not");
            return document;
        }
        schema.fields().forEachRemaining(field -> {
            if (!document.has(field.getKey())) document.set(field.getKey(), field.getValue().deepCopy());
        });
        return document;
    }
}
