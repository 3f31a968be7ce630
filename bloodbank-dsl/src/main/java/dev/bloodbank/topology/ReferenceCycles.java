package dev.bloodbank.topology;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Finds {@code $ref}s that lead back to the schema they start from without descending into a
 * property or an item, such as {@code {"$ref": "#"}} or two definitions referring to each other.
 * The validator would follow such a loop until the stack overflows, on the first message; it is
 * refused when the topology loads instead.
 */
final class ReferenceCycles {

    /** Keywords whose values are data, not schemas. */
    private static final Set<String> DATA = Set.of("enum", "const", "default", "examples", "example", "required");
    /** Keywords whose values map names to schemas. */
    private static final Set<String> NAMED_SCHEMAS = Set.of(
            "properties", "patternProperties", "$defs", "definitions", "dependentSchemas", "dependencies");
    /** Keywords whose schemas apply to the same value as the schema holding them, so they do not descend. */
    private static final Set<String> SAME_VALUE = Set.of("allOf", "anyOf", "oneOf", "not", "if", "then", "else");
    private static final Set<String> SAME_VALUE_NAMED = Set.of("dependencies", "dependentSchemas");

    private enum Mark { VISITING, DONE }

    /** Schema objects by JSON pointer, in document order. */
    private final Map<String, JsonNode> schemas = new LinkedHashMap<>();
    private final Map<String, Mark> marks = new HashMap<>();

    private ReferenceCycles() {}

    /** The pointer of the {@code $ref} that closes a loop, if the schema has one. */
    static Optional<String> find(JsonNode root) {
        ReferenceCycles cycles = new ReferenceCycles();
        cycles.collect(root, "");
        for (String pointer : cycles.schemas.keySet()) {
            Optional<String> loop = cycles.visit(pointer);
            if (loop.isPresent()) return loop;
        }
        return Optional.empty();
    }

    private void collect(JsonNode node, String pointer) {
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) collect(node.get(i), pointer + "/" + i);
            return;
        }
        if (!node.isObject() || schemas.putIfAbsent(pointer, node) != null) return;
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String child = pointer + "/" + escape(field.getKey());
            if (DATA.contains(field.getKey())) continue;
            if (NAMED_SCHEMAS.contains(field.getKey()) && field.getValue().isObject()) {
                Iterator<Map.Entry<String, JsonNode>> named = field.getValue().fields();
                while (named.hasNext()) {
                    Map.Entry<String, JsonNode> entry = named.next();
                    collect(entry.getValue(), child + "/" + escape(entry.getKey()));
                }
            } else {
                collect(field.getValue(), child);
            }
        }
    }

    /** Depth-first along the edges that stay on the same value; a schema met again while visiting closes a loop. */
    private Optional<String> visit(String pointer) {
        Mark mark = marks.get(pointer);
        if (mark == Mark.DONE) return Optional.empty();
        if (mark == Mark.VISITING) return Optional.of(pointer);
        marks.put(pointer, Mark.VISITING);
        for (Edge edge : sameValueEdges(pointer, schemas.get(pointer))) {
            Optional<String> loop = visit(edge.target());
            if (loop.isPresent()) return Optional.of(edge.via());
        }
        marks.put(pointer, Mark.DONE);
        return Optional.empty();
    }

    /** An edge to another schema checked against the same value, and the pointer of the keyword it goes through. */
    private record Edge(String target, String via) {}

    private List<Edge> sameValueEdges(String pointer, JsonNode schema) {
        List<Edge> edges = new ArrayList<>();
        JsonNode ref = schema.get("$ref");
        if (ref != null && ref.isTextual() && ref.textValue().startsWith("#")) {
            String target = SchemaKeywords.fragmentPointer(ref.textValue());
            if (schemas.containsKey(target)) edges.add(new Edge(target, pointer + "/$ref"));
        }
        for (String keyword : SAME_VALUE) {
            JsonNode value = schema.get(keyword);
            if (value == null) continue;
            if (value.isArray()) {
                for (int i = 0; i < value.size(); i++) edge(edges, pointer + "/" + keyword + "/" + i);
            } else {
                edge(edges, pointer + "/" + keyword);
            }
        }
        for (String keyword : SAME_VALUE_NAMED) {
            JsonNode value = schema.get(keyword);
            if (value == null || !value.isObject()) continue;
            value.fieldNames().forEachRemaining(name -> edge(edges, pointer + "/" + keyword + "/" + escape(name)));
        }
        return edges;
    }

    private void edge(List<Edge> edges, String target) {
        if (schemas.containsKey(target)) edges.add(new Edge(target, target));
    }

    private static String escape(String key) {
        return key.replace("~", "~0").replace("/", "~1");
    }
}
