package dev.bloodbank.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The compiled check against networknt on random schemas of every keyword it covers, nested, and
 * random values of every JSON type: the same verdict, or, where networknt errs, everit's. The
 * topology agreement test covers the schemas people write and the suite covers the
 * specification; this covers the combinations neither thought of.
 */
@DisplayName("the compiled check, networknt and everit on random schemas")
class CompiledCheckDifferentialTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final JsonSchemaFactory NETWORKNT = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7);
    private static final SchemaValidatorsConfig CONFIG = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();

    private static final String[] NAMES = {"a", "b", "c", "x1", "xy"};
    private static final String[] TYPES = {"null", "boolean", "object", "array", "string", "integer", "number"};
    private static final String[] PATTERNS = {"^a", "b$", "[0-9]+", "^x.*y$", "é"};
    private static final String[] FORMATS = {"date-time", "date", "time", "email", "uri", "uri-reference", "uuid", "ipv4",
        "ipv6", "hostname", "json-pointer"};
    private static final String[] STRINGS = {"", "a", "ab", "b", "xy", "x1y", "123", "é", "\uD83D\uDCA9", "2026-12-07T03:00:00Z",
        "2026-12-07", "03:00:00Z", "someone@example.com", "https://example.com/a?b=c", "https://exa mple.com", "/relative",
        "3fa85f64-5717-4562-b3fc-2c963f66afa6", "127.0.0.1", "::1", "example.com", "/a/b", "not-a-uuid", "abcdefghijklmnop"};
    private static final String[] NUMBERS = {"0", "1", "-1", "2", "3", "1.0", "1.5", "-0.5", "2.5", "100", "1e3", "0.1",
        "9007199254740993", "12345678901234567890", "-7"};

    @Test
    void giveTheSameVerdict() throws IOException {
        SplittableRandom random = new SplittableRandom(7);
        List<String> differences = new ArrayList<>();
        int compared = 0, schemas = 0, accepted = 0, networkntDiffers = 0;
        for (int s = 0; s < 3_000; s++) {
            ObjectNode schema = schema(random, 0);
            if (random.nextInt(4) == 0) {
                ObjectNode definitions = schema.putObject("definitions");
                definitions.set("d", schema(random, 2));
                schema.set("properties", NODES.objectNode().set("a", NODES.objectNode().put("$ref", "#/definitions/d")));
            }
            CompiledCheck check = CompiledCheck.forDocument(schema);
            if (check == null) continue;
            JsonSchema networknt;
            try {
                networknt = NETWORKNT.getSchema(schema, CONFIG);
            } catch (RuntimeException e) {
                continue;
            }
            schemas++;
            for (int v = 0; v < 40; v++) {
                JsonNode value = value(random, 0);
                boolean ours = check.accepts(value);
                boolean theirs = networknt.validate(value).isEmpty();
                compared++;
                if (ours) accepted++;
                if (ours == theirs) continue;
                // networknt has its own mistakes: it divides in double arithmetic (9007199254740993 is a multiple of 3,
                // which it denies) and applies uniqueItems to an object's values. Where they differ, the compiled check
                // must side with everit, so that MessageSchema's verdict (compiled, else networknt, else everit) is the
                // one it gave before the compiled check existed (networknt, else everit).
                boolean everit = MessageSchema.compile(schema).everitAccepts(value);
                networkntDiffers++;
                if (everit != ours && differences.size() < 10)
                    differences.add("schema " + schema + " value " + value + ": compiled " + ours + ", networknt " + theirs
                            + ", everit " + everit);
            }
        }
        assertEquals(List.of(), differences);
        assertTrue(networkntDiffers < compared / 100, networkntDiffers + " of " + compared);
        assertTrue(schemas > 2_500, schemas + " schemas compiled");
        assertTrue(accepted > compared / 10 && accepted < compared * 9 / 10, accepted + " of " + compared + " accepted");
    }

    static ObjectNode schema(SplittableRandom r, int depth) throws IOException {
        ObjectNode s = NODES.objectNode();
        int keywords = 1 + r.nextInt(3);
        for (int k = 0; k < keywords; k++) {
            int pick = r.nextInt(depth >= 3 ? 16 : 28);
            switch (pick) {
                case 0 -> s.put("type", TYPES[r.nextInt(TYPES.length)]);
                case 1 -> s.set("type", NODES.arrayNode().add(TYPES[r.nextInt(TYPES.length)]).add(TYPES[r.nextInt(TYPES.length)]));
                case 2 -> s.put("minLength", r.nextInt(4));
                case 3 -> s.put("maxLength", r.nextInt(4));
                case 4 -> s.put("pattern", PATTERNS[r.nextInt(PATTERNS.length)]);
                case 5 -> s.put("format", FORMATS[r.nextInt(FORMATS.length)]);
                case 6 -> s.set(List.of("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum").get(r.nextInt(4)),
                        JSON.readTree(NUMBERS[r.nextInt(NUMBERS.length)]));
                case 7 -> s.set("multipleOf", JSON.readTree(List.of("2", "0.5", "3", "0.1", "1.5").get(r.nextInt(5))));
                case 8 -> s.set("enum", NODES.arrayNode().add(value(r, 1)).add(value(r, 1)).add(value(r, 2)));
                case 9 -> s.set("const", value(r, 1));
                case 10 -> s.put(r.nextBoolean() ? "minItems" : "maxItems", r.nextInt(3));
                case 11 -> s.put("uniqueItems", r.nextBoolean());
                case 12 -> s.put(r.nextBoolean() ? "minProperties" : "maxProperties", r.nextInt(3));
                case 13 -> s.set("required", NODES.arrayNode().add(NAMES[r.nextInt(NAMES.length)]));
                case 14 -> s.put("additionalProperties", r.nextBoolean());
                case 15 -> s.put(r.nextBoolean() ? "title" : "description", "annotation only");
                case 16 -> {
                    ObjectNode properties = s.putObject("properties");
                    for (int i = 0; i < 1 + r.nextInt(3); i++) properties.set(NAMES[r.nextInt(NAMES.length)], schema(r, depth + 1));
                }
                case 17 -> s.putObject("patternProperties").set(PATTERNS[r.nextInt(PATTERNS.length)], schema(r, depth + 1));
                case 18 -> s.set("additionalProperties", schema(r, depth + 1));
                case 19 -> s.set("items", schema(r, depth + 1));
                case 20 -> {
                    s.set("items", NODES.arrayNode().add(schema(r, depth + 1)).add(schema(r, depth + 1)));
                    if (r.nextBoolean()) s.set("additionalItems", r.nextBoolean() ? NODES.booleanNode(false) : schema(r, depth + 1));
                }
                case 21 -> s.set("contains", schema(r, depth + 1));
                case 22 -> s.set("propertyNames", schema(r, depth + 1));
                case 23 -> s.putObject("dependencies").set(NAMES[r.nextInt(NAMES.length)], r.nextBoolean()
                        ? NODES.arrayNode().add(NAMES[r.nextInt(NAMES.length)]) : schema(r, depth + 1));
                case 24 -> s.set(List.of("allOf", "anyOf", "oneOf").get(r.nextInt(3)),
                        NODES.arrayNode().add(schema(r, depth + 1)).add(schema(r, depth + 1)));
                case 25 -> s.set("not", schema(r, depth + 1));
                case 26 -> {
                    s.set("if", schema(r, depth + 1));
                    if (r.nextBoolean()) s.set("then", schema(r, depth + 1));
                    if (r.nextBoolean()) s.set("else", schema(r, depth + 1));
                }
                default -> s.set("not", NODES.objectNode().put("type", TYPES[r.nextInt(TYPES.length)]));
            }
        }
        return s;
    }

    static JsonNode value(SplittableRandom r, int depth) throws IOException {
        int pick = r.nextInt(depth >= 3 ? 5 : 7);
        return switch (pick) {
            case 0 -> NODES.nullNode();
            case 1 -> NODES.booleanNode(r.nextBoolean());
            case 2, 3 -> JSON.readTree(NUMBERS[r.nextInt(NUMBERS.length)]);
            case 4 -> NODES.textNode(STRINGS[r.nextInt(STRINGS.length)]);
            case 5 -> {
                ArrayNode a = NODES.arrayNode();
                for (int i = 0; i < r.nextInt(4); i++) a.add(value(r, depth + 1));
                yield a;
            }
            default -> {
                ObjectNode o = NODES.objectNode();
                for (int i = 0; i < r.nextInt(4); i++) o.set(NAMES[r.nextInt(NAMES.length)], value(r, depth + 1));
                yield o;
            }
        };
    }
}
