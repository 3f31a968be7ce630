package dev.bloodbank.envelope;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The one-pass decoding gives what reading the whole tree gives: the same envelope, or the same
 * error, on envelopes of every shape and on every way of breaking one.
 */
@DisplayName("decoding an envelope in one pass")
class StreamingDecoderTest {

    private static final EnvelopeCodec CODEC = EnvelopeCodec.standard();
    private static final int BODIES = 30_000;

    @Test
    @DisplayName("agrees with the tree reading on 30,000 generated bodies, regular and broken")
    void agreesWithTheTreeReading() {
        Random random = new Random(20261207);
        int regular = 0;
        for (int i = 0; i < BODIES; i++) {
            String body = body(random);
            Object fast = outcome(() -> CODEC.decode(bytes(body)));
            Object tree = outcome(() -> CODEC.decodeTree(bytes(body)));
            assertEquals(tree, fast, body);
            // the payload held as bytes, its tree made when compared
            assertEquals(tree, outcome(() -> CODEC.decodeForBinding(bytes(body))), body);
            if (tree instanceof Envelope) regular++;
        }
        // both kinds are well represented
        assertEquals(true, regular > BODIES / 5 && regular < BODIES * 4 / 5, regular + " regular bodies");
    }

    @Test
    @DisplayName("takes the regular envelope itself, and leaves a broken one to the tree reading")
    void regularOnesAreReadInOnePass() {
        StreamingDecoder decoder = new StreamingDecoder(com.fasterxml.jackson.databind.json.JsonMapper.builder().build().reader());
        String ok = "{\"event_id\":\"" + UUID.randomUUID() + "\",\"event_type\":\"a.b.c\",\"timestamp\":\"2026-12-07T10:15:30Z\","
                + "\"version\":\"1.0.0\",\"source\":{\"host\":\"h\",\"type\":\"t\",\"app\":\"a\",\"meta\":null},"
                + "\"correlation_ids\":[],\"agent_context\":null,\"payload\":{\"x\":1}}";
        assertNotNull(decoder.decode(bytes(ok)));
        assertNull(decoder.decode(bytes(ok.replace("\"1.0.0\"", "1"))), "a version that is not a string");
        assertNull(decoder.decode(bytes(ok.substring(0, ok.length() - 3))), "cut short");
        assertNull(decoder.decode(bytes("")), "empty");
    }

    @Test
    @DisplayName("a payload held as bytes is read whole all the same: broken JSON in it is found at once")
    void aPayloadHeldAsBytesIsStillReadWhole() throws EnvelopeDecodingException, java.io.IOException {
        String head = "{\"event_id\":\"" + UUID.randomUUID() + "\",\"event_type\":\"a.b.c\",\"timestamp\":\"2026-12-07T10:15:30Z\","
                + "\"version\":\"1.0.0\",\"source\":{\"host\":\"h\",\"type\":\"t\",\"app\":\"a\",\"meta\":null},"
                + "\"correlation_ids\":[],\"agent_context\":null,\"payload\":";
        byte[] badUtf8 = (head + "{\"x\":\"a?b\"}}").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        badUtf8[head.length() + 7] = (byte) 0xC3; // a lead byte followed by a plain 'b'
        for (byte[] body : List.of(bytes(head + "{\"x\":\"a\u0001b\"}}"), bytes(head + "{\"x\":01}}"),
                bytes(head + "{\"x\":[1,}}"), bytes(head + "{\"x\":tru}}"), badUtf8)) {
            Object tree = outcome(() -> CODEC.decodeTree(body));
            assertEquals(true, tree instanceof String, () -> "broken: " + tree);
            assertEquals(tree, outcome(() -> CODEC.decodeForBinding(body)));
        }
        Envelope ok = CODEC.decodeForBinding(bytes(head + "{\"x\":[1,{\"y\":\"é\"}]},\"trace_parent\":\"t\"}"));
        assertEquals("{\"x\":[1,{\"y\":\"é\"}]}", ok.payload().toString());
        assertEquals("t", ok.extensions().get("trace_parent").textValue());
        try (var parser = CODEC.payloadParser(ok, new com.fasterxml.jackson.databind.ObjectMapper().reader())) {
            assertEquals(com.fasterxml.jackson.core.JsonToken.START_OBJECT, parser.nextToken());
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
        assertNull(CODEC.payloadParser(CODEC.decode(bytes(head + "{}}")), new com.fasterxml.jackson.databind.ObjectMapper().reader()),
                "decoded for a tree: no bytes kept");
    }

    /** The envelope decoded, or the decoding error's message. */
    private static Object outcome(Decoding decoding) {
        try {
            return decoding.run();
        } catch (EnvelopeDecodingException e) {
            return "error: " + e.getMessage();
        }
    }

    @FunctionalInterface
    private interface Decoding {
        Envelope run() throws EnvelopeDecodingException;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    // ---- generated bodies ---------------------------------------------------------------------

    private static String body(Random r) {
        switch (r.nextInt(40)) {
            case 0: return "";
            case 1: return json(r, 2);                      // any JSON value at all
            case 2: return "[" + fields(r, false) + "]";   // not an object
            default:
        }
        String object = "{" + fields(r, r.nextInt(3) == 0) + "}";
        return switch (r.nextInt(12)) {
            case 0 -> object.substring(0, r.nextInt(object.length()));   // cut short
            case 1 -> object + " " + json(r, 1);                          // something after it
            default -> object;
        };
    }

    /** The envelope's fields in a random order, some of them broken, missing, doubled or extra. */
    private static String fields(Random r, boolean breakOne) {
        List<String> fields = new ArrayList<>();
        fields.add(field("event_id", r, () -> quoted(UUID.randomUUID().toString()),
                () -> pick(r, quoted("not-a-uuid"), quoted("1-2-3-4-5"), "42", "null", quoted(""))));
        fields.add(field("event_type", r, () -> quoted(pick(r, "github.pull-request.merged", "agent.task.assign")),
                () -> pick(r, quoted(""), quoted("  "), "7", "null", "{}")));
        fields.add(field("timestamp", r, () -> quoted(pick(r, "2026-11-27T10:15:30.123Z", "2026-11-27T10:15:30.123456+00:00",
                        "2026-11-27T10:15:30", "2026-11-27T10:15:30.5+02:00", "2026-11-27t10:15:30z")),
                () -> pick(r, quoted("yesterday"), quoted("2026-13-40T99:00:00Z"), "1700000000", "null", quoted(""))));
        fields.add(field("version", r, () -> quoted(pick(r, "1.0.0", "2.1.0")), () -> pick(r, "1", "null", "[]")));
        fields.add(field("source", r, () -> source(r), () -> pick(r, "\"svc\"", "null", "[]", "{\"host\":5}",
                "{\"app\":[\"x\"]}")));
        if (r.nextBoolean()) fields.add(field("correlation_ids", r, () -> ids(r),
                () -> pick(r, quoted(UUID.randomUUID().toString()), "[null]", "[\"nope\"]", "{}", "[1]")));
        if (r.nextBoolean()) fields.add("\"agent_context\":" + pick(r, "null", json(r, 2)));
        fields.add(field("payload", r, () -> json(r, 3), () -> pick(r, "null", "[]", "0")));
        int extras = r.nextInt(4) == 0 ? 1 + r.nextInt(3) : 0;
        for (int i = 0; i < extras; i++) fields.add(quoted(pick(r, "trace_parent", "x", "meta", "event_idx")) + ":" + json(r, 2));
        if (breakOne) {
            int which = r.nextInt(fields.size());
            switch (r.nextInt(3)) {
                case 0 -> fields.remove(which);                                        // missing
                case 1 -> fields.add(fields.get(which));                               // doubled
                default -> fields.add(r.nextInt(fields.size()), fields.get(which));    // doubled, earlier
            }
        }
        Collections.shuffle(fields, r);
        return String.join(",", fields);
    }

    /** A field with a good value, or now and then a broken one. */
    private static String field(String name, Random r, java.util.function.Supplier<String> good,
            java.util.function.Supplier<String> bad) {
        return quoted(name) + ":" + (r.nextInt(10) == 0 ? bad.get() : good.get());
    }

    private static String source(Random r) {
        List<String> fields = new ArrayList<>();
        for (String name : new String[] {"host", "type", "app"})
            if (r.nextInt(4) != 0) fields.add(quoted(name) + ":" + (r.nextInt(5) == 0 ? "null" : quoted(name + "-" + r.nextInt(9))));
        if (r.nextBoolean()) fields.add("\"meta\":" + pick(r, "null", json(r, 2)));
        if (r.nextInt(5) == 0) fields.add("\"region\":" + json(r, 1));
        Collections.shuffle(fields, r);
        return "{" + String.join(",", fields) + "}";
    }

    private static String ids(Random r) {
        if (r.nextInt(6) == 0) return "null";
        List<String> ids = new ArrayList<>();
        for (int i = r.nextInt(3); i > 0; i--) ids.add(quoted(UUID.randomUUID().toString()));
        return "[" + String.join(",", ids) + "]";
    }

    /** Any JSON value, nested at most {@code depth} deep, numbers of every kind the parser makes. */
    private static String json(Random r, int depth) {
        int kind = r.nextInt(depth > 0 ? 10 : 7);
        return switch (kind) {
            case 0 -> "null";
            case 1 -> r.nextBoolean() ? "true" : "false";
            case 2 -> Integer.toString(r.nextInt());
            case 3 -> Long.toString(r.nextLong());
            case 4 -> pick(r, "1.5", "-0.0", "1e400", "3.141592653589793238462643383279", "12345678901234567890123", "2E-3");
            case 5, 6 -> quoted(pick(r, "", "x", "ü ✓", "line\\nbreak", "\\u00e9t\\u00e9"));
            case 7, 8 -> {
                List<String> fields = new ArrayList<>();
                for (int i = r.nextInt(4); i > 0; i--) fields.add(quoted("k" + r.nextInt(5)) + ":" + json(r, depth - 1));
                yield "{" + String.join(",", fields) + "}";
            }
            default -> {
                List<String> items = new ArrayList<>();
                for (int i = r.nextInt(4); i > 0; i--) items.add(json(r, depth - 1));
                yield "[" + String.join(",", items) + "]";
            }
        };
    }

    private static String quoted(String s) {
        return "\"" + s + "\"";
    }

    private static String pick(Random r, String... options) {
        return options[r.nextInt(options.length)];
    }
}
