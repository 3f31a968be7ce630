package dev.bloodbank.schema;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The recorded versions of each key's schema, compiled once, and the version the running topology's
 * schema is: what a producer stamps on a message and what a consumer validates a message against.
 * Lookups only: nothing is compiled per message.
 */
public final class SchemaVersions {

    /** No registry known: messages carry no version and are validated against the current schema. */
    public static final SchemaVersions NONE = new SchemaVersions(Map.of(), Map.of());

    private final Map<String, Map<Integer, MessageSchema>> compiled;
    private final Map<String, Integer> current;

    private SchemaVersions(Map<String, Map<Integer, MessageSchema>> compiled, Map<String, Integer> current) {
        this.compiled = compiled;
        this.current = current;
    }

    /**
     * Compiles every version (each fully, fast check included, so the first message pays nothing).
     *
     * @param versions each key's schemas, version 1 first
     * @param current the version each key's schema in the running topology is; a key left out has none
     * @throws InvalidSchemaException naming the key and version of a schema that does not compile
     */
    public static SchemaVersions compile(Map<String, List<JsonNode>> versions, Map<String, Integer> current) {
        Map<String, Map<Integer, MessageSchema>> compiled = new HashMap<>();
        versions.forEach((key, list) -> {
            Map<Integer, MessageSchema> byNumber = new HashMap<>();
            for (int i = 0; i < list.size(); i++) {
                MessageSchema schema;
                try {
                    schema = MessageSchema.compile(list.get(i));
                } catch (InvalidSchemaException e) {
                    throw new InvalidSchemaException("version " + (i + 1) + " of " + key + " in the schema registry: " + e.getMessage());
                }
                schema.hasFastCheck();
                byNumber.put(i + 1, schema);
            }
            compiled.put(key, Map.copyOf(byNumber));
        });
        return new SchemaVersions(Map.copyOf(compiled), Map.copyOf(current));
    }

    /** The version the running topology's schema of this key is, when the registry has it. */
    public Optional<Integer> current(String key) {
        return Optional.ofNullable(current.get(key));
    }

    /**
     * The schema to validate a delivery of this key with: the version it says it was written with,
     * when that version is known, else {@code fallback} (the running topology's schema).
     *
     * @param writtenWith the header's value as it arrived (a number, a string, or null)
     */
    public MessageSchema forDelivery(String key, Object writtenWith, MessageSchema fallback) {
        if (writtenWith == null) return fallback;
        Map<Integer, MessageSchema> versions = compiled.get(key);
        if (versions == null) return fallback;
        Integer number = writtenWith instanceof Number n ? Integer.valueOf(n.intValue()) : parse(writtenWith.toString());
        MessageSchema schema = number == null ? null : versions.get(number);
        return schema == null ? fallback : schema;
    }

    private static Integer parse(String text) {
        try {
            return Integer.valueOf(text.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
