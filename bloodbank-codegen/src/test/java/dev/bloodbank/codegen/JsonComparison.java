package dev.bloodbank.codegen;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Comparator;

/**
 * JSON equality as the wire means it: numbers by value ({@code 312} and {@code 312.0} are the same
 * number, which a Double component writes back as the latter), and date-times by the instant they
 * name ({@code 10:15:30.000Z} and {@code 10:15:30Z}, which an Instant writes back as the latter).
 * A field set to null is the same as an absent one: a record component holds no difference
 * between them, and the wire format leaves null fields out.
 */
final class JsonComparison implements Comparator<JsonNode> {

    static final JsonComparison WIRE = new JsonComparison();

    /** Whether two documents say the same thing on the wire. */
    static boolean same(JsonNode expected, JsonNode actual) {
        return withoutNulls(expected).equals(WIRE, withoutNulls(actual));
    }

    private static JsonNode withoutNulls(JsonNode node) {
        if (node.isObject()) {
            ObjectNode copy = JsonNodeFactory.instance.objectNode();
            node.properties().forEach(e -> {
                if (!e.getValue().isNull()) copy.set(e.getKey(), withoutNulls(e.getValue()));
            });
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = JsonNodeFactory.instance.arrayNode();
            node.forEach(element -> copy.add(withoutNulls(element)));
            return copy;
        }
        return node;
    }

    @Override
    public int compare(JsonNode a, JsonNode b) {
        if (a.equals(b)) return 0;
        if (a.isNumber() && b.isNumber()) return a.decimalValue().compareTo(b.decimalValue());
        if (a.isTextual() && b.isTextual()) {
            Instant x = instant(a.asText());
            Instant y = instant(b.asText());
            return x != null && x.equals(y) ? 0 : 1;
        }
        return 1;
    }

    private static Instant instant(String text) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
