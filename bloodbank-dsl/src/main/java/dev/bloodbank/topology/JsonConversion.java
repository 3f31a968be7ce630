package dev.bloodbank.topology;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Turns a YAML subtree (a schema, an example) into the Jackson tree that schemas compile from and
 * validate. A node reached again through an alias is converted once and shared, and the size the
 * tree would have when written out is bounded, so that aliases cannot expand a small file into
 * gigabytes downstream.
 */
final class JsonConversion {

    /** The most values one schema or example may expand to; real ones have a few hundred. */
    static final long MAX_EXPANDED_VALUES = 100_000;

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final NodeValues values;
    private final Map<Node, JsonNode> converted = new IdentityHashMap<>();
    private final Map<Node, Long> expandedSizes = new IdentityHashMap<>();
    private final Set<Node> inProgress = Collections.newSetFromMap(new IdentityHashMap<>());
    private boolean failed;

    private JsonConversion(NodeValues values) {
        this.values = values;
    }

    /** The JSON value of the node, or empty after reporting why it has none. */
    static Optional<JsonNode> convert(Node node, String what, NodeValues values) {
        JsonConversion conversion = new JsonConversion(values);
        JsonNode result = conversion.toJson(node, what);
        if (conversion.failed) return Optional.empty();
        long size = conversion.expandedSize(node);
        if (size > MAX_EXPANDED_VALUES) {
            values.error(node, what + " expands to more than " + MAX_EXPANDED_VALUES + " values through YAML aliases",
                    "aliases (*name) that repeat each other multiply; write the value out or simplify it");
            return Optional.empty();
        }
        return Optional.of(result);
    }

    private JsonNode toJson(Node node, String what) {
        JsonNode done = converted.get(node);
        if (done != null) return done;
        if (!inProgress.add(node)) {
            values.error(node, what + " contains itself through a YAML alias", "JSON values cannot be recursive; use $ref in a schema");
            failed = true;
            return JSON.nullNode();
        }
        JsonNode result;
        if (node instanceof MappingNode mapping) {
            result = toObject(mapping, what);
        } else if (node instanceof SequenceNode sequence) {
            ArrayNode array = JSON.arrayNode(sequence.getValue().size());
            for (Node element : sequence.getValue()) array.add(toJson(element, what));
            result = array;
        } else {
            result = toScalar((ScalarNode) node);
        }
        inProgress.remove(node);
        converted.put(node, result);
        return result;
    }

    private JsonNode toObject(MappingNode mapping, String what) {
        ObjectNode object = JSON.objectNode();
        Map<String, Node> firstKeys = new HashMap<>();
        for (NodeTuple tuple : mapping.getValue()) {
            if (!(tuple.getKeyNode() instanceof ScalarNode key) || NodeValues.isNull(tuple.getKeyNode())) {
                values.error(tuple.getKeyNode(), "a key in " + what + " is " + NodeValues.describe(tuple.getKeyNode())
                        + "; JSON object keys are strings", "quote the key or write it as plain text");
                failed = true;
                continue;
            }
            Node first = firstKeys.putIfAbsent(key.getValue(), key);
            if (first != null) {
                values.error(key, "duplicate key '" + key.getValue() + "' in " + what + " (first at line "
                        + values.locate(first).line() + ")", "remove or rename one of them");
                failed = true;
                continue;
            }
            object.set(key.getValue(), toJson(tuple.getValueNode(), what));
        }
        return object;
    }

    private static JsonNode toScalar(ScalarNode scalar) {
        String text = scalar.getValue();
        Tag tag = scalar.getTag();
        if (tag.equals(Tag.NULL)) return JSON.nullNode();
        if (tag.equals(Tag.BOOL)) return JSON.booleanNode(isTrue(text));
        if (tag.equals(Tag.INT)) {
            JsonNode number = integer(text);
            return number != null ? number : JSON.textNode(text);
        }
        if (tag.equals(Tag.FLOAT)) {
            try {
                return JSON.numberNode(Double.parseDouble(text.replace("_", "")));
            } catch (NumberFormatException e) {
                // .inf and .nan have no JSON form; keep the text the user wrote
                return JSON.textNode(text);
            }
        }
        // strings, timestamps (kept as written, as JSON has no date type), binary and custom tags
        return JSON.textNode(text);
    }

    private static boolean isTrue(String text) {
        String t = text.toLowerCase(Locale.ROOT);
        return t.equals("true") || t.equals("yes") || t.equals("y") || t.equals("on");
    }

    /** YAML 1.1 integers: decimal, 0x hex, 0b binary, 0-prefixed octal, with optional underscores. */
    private static JsonNode integer(String text) {
        String t = text.replace("_", "");
        boolean negative = t.startsWith("-");
        if (t.startsWith("-") || t.startsWith("+")) t = t.substring(1);
        int radix = 10;
        if (t.startsWith("0x")) {
            radix = 16;
            t = t.substring(2);
        } else if (t.startsWith("0b")) {
            radix = 2;
            t = t.substring(2);
        } else if (t.length() > 1 && t.startsWith("0")) {
            radix = 8;
            t = t.substring(1);
        }
        try {
            BigInteger value = new BigInteger(t, radix);
            if (negative) value = value.negate();
            // the node types Jackson's own parser gives, so that payloads read either way compare equal
            if (value.bitLength() < 32) return JSON.numberNode(value.intValue());
            return value.bitLength() < 64 ? JSON.numberNode(value.longValue()) : JSON.numberNode(value);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** How many values the node would have written out, aliases expanded; computed without expanding. */
    private long expandedSize(Node node) {
        Long known = expandedSizes.get(node);
        if (known != null) return known;
        long size = 1;
        if (node instanceof MappingNode mapping) {
            for (NodeTuple tuple : mapping.getValue()) size = saturatedAdd(size, expandedSize(tuple.getValueNode()));
        } else if (node instanceof SequenceNode sequence) {
            for (Node element : sequence.getValue()) size = saturatedAdd(size, expandedSize(element));
        }
        expandedSizes.put(node, size);
        return size;
    }

    private static long saturatedAdd(long a, long b) {
        long sum = a + b;
        return sum < 0 ? Long.MAX_VALUE : sum;
    }

    /**
     * The node a JSON pointer ({@code #/a/0/b} or {@code /a/0/b}) names inside a tree, or the
     * deepest node on the way, so that a problem found in the JSON tree is reported where it is written.
     */
    static Node locate(Node root, String pointer) {
        String path = pointer.startsWith("#") ? pointer.substring(1) : pointer;
        Node current = root;
        if (path.isEmpty() || path.equals("/")) return current;
        for (String raw : path.substring(1).split("/", -1)) {
            String token = raw.replace("~1", "/").replace("~0", "~");
            Node next = null;
            if (current instanceof MappingNode mapping) {
                for (NodeTuple tuple : mapping.getValue()) {
                    if (tuple.getKeyNode() instanceof ScalarNode key && key.getValue().equals(token)) {
                        next = tuple.getValueNode();
                        break;
                    }
                }
            } else if (current instanceof SequenceNode sequence && token.matches("\\d{1,9}")) {
                int index = Integer.parseInt(token);
                if (index < sequence.getValue().size()) next = sequence.getValue().get(index);
            }
            if (next == null) return current;
            current = next;
        }
        return current;
    }
}
