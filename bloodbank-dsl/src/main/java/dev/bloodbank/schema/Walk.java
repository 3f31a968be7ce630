package dev.bloodbank.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;

/**
 * One payload's way through a {@link TokenCheck}: told each token in order (a start, a name, a
 * scalar, an end), it keeps the schema of every open container and fails at the first token that
 * breaks one. After the first failure every token is ignored. One walk per payload; not
 * thread-safe.
 */
final class Walk {

    private TokenCheck.Shape pending;
    private boolean started;
    private boolean failed;

    // the open containers, innermost last: their shapes, required names seen, members counted
    private TokenCheck.Shape[] shapes = new TokenCheck.Shape[8];
    private long[] seen = new long[8];
    private int[] counts = new int[8];
    private boolean[] isObject = new boolean[8];
    private int depth;

    // a container whose schema is not walked, collected into a tree and tested whole when it closes
    private TokenCheck.Shape collectedShape;
    private JsonNode[] collecting;
    private int collectDepth;
    private String collectName;

    Walk(TokenCheck.Shape root) {
        this.pending = root;
    }

    /** Whether one whole value was told and met the schema. */
    boolean accepted() {
        return started && !failed && depth == 0 && collectDepth == 0;
    }

    /** Something the walk cannot follow (raw JSON, binary): the payload is left to the tree check. */
    void giveUp() {
        failed = true;
    }

    /** The shape of the value starting now, counted as a member of an open array. */
    private TokenCheck.Shape next() {
        if (depth == 0) {
            if (started) failed = true; // a second root value
            started = true;
            TokenCheck.Shape root = pending;
            pending = null;
            return root;
        }
        int top = depth - 1;
        if (isObject[top]) {
            TokenCheck.Shape s = pending;
            if (s == null) failed = true; // a value without a name
            pending = null;
            return s;
        }
        counts[top]++;
        return shapes[top].items;
    }

    void scalar(JsonNode value) {
        if (failed) return;
        if (collectDepth > 0) {
            add(value);
            return;
        }
        TokenCheck.Shape s = next();
        if (failed) return;
        try {
            if (!s.rule.test(value)) failed = true;
        } catch (RuntimeException | StackOverflowError e) {
            failed = true; // as the compiled check: a value it cannot compare is left to the tree check
        }
    }

    void startObject() {
        start(true);
    }

    void startArray() {
        start(false);
    }

    private void start(boolean object) {
        if (failed) return;
        if (collectDepth > 0) {
            JsonNode container = object ? JsonNodeFactory.instance.objectNode() : JsonNodeFactory.instance.arrayNode();
            add(container);
            pushCollected(container);
            return;
        }
        TokenCheck.Shape s = next();
        if (failed) return;
        if (!s.walked) {
            collectedShape = s;
            pushCollected(object ? JsonNodeFactory.instance.objectNode() : JsonNodeFactory.instance.arrayNode());
            return;
        }
        if ((s.types & (object ? JsonTypes.OBJECT : JsonTypes.ARRAY)) == 0) {
            failed = true;
            return;
        }
        if (depth == shapes.length) grow();
        shapes[depth] = s;
        seen[depth] = 0;
        counts[depth] = 0;
        isObject[depth] = object;
        depth++;
    }

    void fieldName(String name) {
        if (failed) return;
        if (collectDepth > 0) {
            collectName = name;
            return;
        }
        int top = depth - 1;
        if (top < 0 || !isObject[top] || pending != null) {
            failed = true; // a name outside an object, or two names in a row
            return;
        }
        TokenCheck.Shape shape = shapes[top];
        counts[top]++;
        TokenCheck.Member member = shape.members.get(name);
        if (member != null) {
            seen[top] |= member.bit();
            pending = member.shape();
        } else if (shape.others != null) {
            pending = shape.others;
        } else {
            failed = true; // additionalProperties: false
        }
    }

    void endObject() {
        end(true);
    }

    void endArray() {
        end(false);
    }

    private void end(boolean object) {
        if (failed) return;
        if (collectDepth > 0) {
            JsonNode closed = collecting[--collectDepth];
            if (collectDepth == 0) {
                try {
                    if (!collectedShape.rule.test(closed)) failed = true;
                } catch (RuntimeException | StackOverflowError e) {
                    failed = true;
                }
            }
            return;
        }
        int top = depth - 1;
        if (top < 0 || isObject[top] != object || pending != null) {
            failed = true; // an end that matches no start, or a name without its value
            return;
        }
        TokenCheck.Shape s = shapes[top];
        int n = counts[top];
        if (object) {
            if ((seen[top] & s.required) != s.required || n > s.maxProperties) failed = true;
        } else if (n < s.minItems || n > s.maxItems) {
            failed = true;
        }
        depth--;
    }

    private void add(JsonNode value) {
        JsonNode parent = collecting[collectDepth - 1];
        if (parent instanceof ObjectNode object) object.set(collectName, value);
        else ((ArrayNode) parent).add(value);
    }

    private void pushCollected(JsonNode container) {
        if (collecting == null) collecting = new JsonNode[8];
        if (collectDepth == collecting.length) collecting = Arrays.copyOf(collecting, collectDepth * 2);
        collecting[collectDepth++] = container;
    }

    private void grow() {
        int n = shapes.length * 2;
        shapes = Arrays.copyOf(shapes, n);
        seen = Arrays.copyOf(seen, n);
        counts = Arrays.copyOf(counts, n);
        isObject = Arrays.copyOf(isObject, n);
    }
}
