package dev.bloodbank.schema;

import com.fasterxml.jackson.databind.JsonNode;

/** The JSON Schema types as bits, so that {@code "type": ["string", "null"]} is one mask test. */
final class JsonTypes {

    static final int NULL = 1, BOOLEAN = 2, OBJECT = 4, ARRAY = 8, STRING = 16, INTEGER = 32, NUMBER = 64;

    private JsonTypes() {}

    /** The bit of a type name, or 0 for a name that is not a JSON Schema type. */
    static int bit(String name) {
        return switch (name) {
            case "null" -> NULL;
            case "boolean" -> BOOLEAN;
            case "object" -> OBJECT;
            case "array" -> ARRAY;
            case "string" -> STRING;
            case "integer" -> INTEGER;
            case "number" -> NUMBER | INTEGER; // every integer is a number
            default -> 0;
        };
    }

    /**
     * The bit of a value. A number with a zero fraction ({@code 1.0}) is an integer, as draft 6
     * and later say; "number" in a schema takes integers too (its mask has both bits).
     */
    static int of(JsonNode value) {
        return switch (value.getNodeType()) {
            case NULL -> NULL;
            case BOOLEAN -> BOOLEAN;
            case OBJECT -> OBJECT;
            case ARRAY -> ARRAY;
            case STRING -> STRING;
            case NUMBER -> value.isIntegralNumber() || value.canConvertToExactIntegral() ? INTEGER : NUMBER;
            default -> 0; // binary, POJO and missing nodes are not JSON
        };
    }
}
