package dev.bloodbank.cli.text;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** JSON output of the commands: two-space indented, fields in the order written. */
public final class JsonOutput {

    /** Bumped when a JSON output changes incompatibly, so that scripts can tell. */
    public static final int FORMAT_VERSION = 1;

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final DefaultPrettyPrinter PRETTY = new DefaultPrettyPrinter()
            .withObjectIndenter(new DefaultIndenter("  ", "\n"))
            .withArrayIndenter(new DefaultIndenter("  ", "\n"))
            .withSeparators(com.fasterxml.jackson.core.util.Separators.createDefaultInstance()
                    .withObjectFieldValueSpacing(com.fasterxml.jackson.core.util.Separators.Spacing.AFTER));

    private JsonOutput() {}

    public static ObjectNode object() {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("formatVersion", FORMAT_VERSION);
        return node;
    }

    public static ObjectNode plainObject() {
        return MAPPER.createObjectNode();
    }

    /** One line, for streams of JSON objects (one per line). */
    public static String compact(JsonNode node) {
        return node.toString();
    }

    public static String pretty(JsonNode node) {
        try {
            return MAPPER.writer(PRETTY).writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serialises", e);
        }
    }
}
