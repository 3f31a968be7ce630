package dev.bloodbank.schema.compat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A schema with what never matters to compatibility taken out: annotations (description, title,
 * examples, ...) at every schema position, and key order. Two schemas that differ only there are
 * the same schema: the form to compare versions in, or to decide whether a schema really changed.
 */
public final class CanonicalSchema {

    /** Keywords that describe values without constraining them. */
    static final Set<String> ANNOTATIONS = Set.of(
            "description", "title", "examples", "$comment", "default", "$id", "$schema", "readOnly", "writeOnly", "deprecated");

    /** Keywords whose value is a map of names to schemas. */
    private static final Set<String> SCHEMA_MAPS = Set.of("properties", "patternProperties", "$defs", "definitions", "dependencies");
    /** Keywords whose value is a schema, or a list of schemas. */
    private static final Set<String> SCHEMA_VALUES = Set.of(
            "items", "additionalItems", "additionalProperties", "contains", "propertyNames", "not", "if", "then", "else",
            "allOf", "anyOf", "oneOf");

    private CanonicalSchema() {}

    public static JsonNode of(JsonNode schema) {
        if (schema == null || !schema.isObject()) return schema;
        ObjectNode canonical = JsonNodeFactory.instance.objectNode();
        List<String> names = new ArrayList<>();
        schema.fieldNames().forEachRemaining(names::add);
        Collections.sort(names);
        for (String name : names) {
            if (ANNOTATIONS.contains(name)) continue;
            JsonNode value = schema.get(name);
            if (SCHEMA_MAPS.contains(name) && value.isObject()) {
                ObjectNode map = canonical.putObject(name);
                List<String> keys = new ArrayList<>();
                value.fieldNames().forEachRemaining(keys::add);
                Collections.sort(keys);
                for (String key : keys) map.set(key, of(value.get(key)));
            } else if (SCHEMA_VALUES.contains(name) && value.isArray()) {
                ArrayNode list = canonical.putArray(name);
                value.forEach(element -> list.add(of(element)));
            } else if (SCHEMA_VALUES.contains(name)) {
                canonical.set(name, of(value));
            } else {
                canonical.set(name, sorted(value));
            }
        }
        return canonical;
    }

    /** Values (enum, const, required) keep their array order; only object keys are sorted. */
    private static JsonNode sorted(JsonNode value) {
        if (value.isObject()) {
            ObjectNode copy = JsonNodeFactory.instance.objectNode();
            List<Map.Entry<String, JsonNode>> fields = new ArrayList<>();
            value.fields().forEachRemaining(fields::add);
            fields.sort(Map.Entry.comparingByKey());
            fields.forEach(f -> copy.set(f.getKey(), sorted(f.getValue())));
            return copy;
        }
        if (value.isArray()) {
            ArrayNode copy = JsonNodeFactory.instance.arrayNode();
            value.forEach(element -> copy.add(sorted(element)));
            return copy;
        }
        return value;
    }

    /** Whether a schema accepts every value: {@code true}, or an object with no constraint in it. */
    static boolean acceptsAnything(JsonNode schema) {
        if (schema == null) return true;
        if (schema.isBoolean()) return schema.booleanValue();
        return schema.isObject() && of(schema).isEmpty();
    }
}
