package dev.bloodbank.schema;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * The {@link CompiledCheck} of a schema, run over a payload's tokens as they are written instead
 * of over a tree, so that a record can go straight to bytes and still be checked on the way.
 *
 * <p>Objects and arrays are walked: {@code type}, {@code properties}, {@code additionalProperties},
 * {@code required}, {@code maxProperties}, {@code items} (one schema) and
 * {@code minItems}/{@code maxItems} are checked as the members go by. A scalar is tested by the
 * compiled rule of its schema, the very rule the tree check runs on it. A container whose schema
 * says more than that ({@code anyOf}, {@code uniqueItems}, {@code enum} …) is collected into a
 * small tree and tested by its rule whole. So the verdict is the compiled check's, node for node
 * ({@code TokenCheckTest} holds them together on the official suite and on generated payloads).
 */
final class TokenCheck {

    /** The keywords a container can be walked under; any other in its schema has it collected. */
    private static final Set<String> WALKED = Set.of(
            "$schema", "$id", "$comment", "title", "description", "default", "examples", "readOnly", "writeOnly",
            "definitions", "$defs", "type",
            // not minProperties: a serializer that wrote a name twice would count more members than a tree holds
            "properties", "additionalProperties", "required", "maxProperties",
            "items", "minItems", "maxItems",
            // scalar keywords: they say nothing of a container
            "minLength", "maxLength", "pattern", "format",
            "minimum", "exclusiveMinimum", "maximum", "exclusiveMaximum", "multipleOf");

    /** Every value, walked: a property no schema names, under a schema that allows any. */
    static final Shape ANY = Shape.any();

    private final Shape root;

    private TokenCheck(Shape root) {
        this.root = root;
    }

    /** The check of a draft-7 document, or null when the compiled check does not cover it. */
    static TokenCheck forDocument(JsonNode draft7Document) {
        if (CompiledCheck.forDocument(draft7Document) == null) return null;
        try {
            return new TokenCheck(new Shapes(draft7Document).of(draft7Document));
        } catch (RuntimeException e) {
            return null; // CompiledCheck.Unsupported or a malformed part: the tree path judges
        }
    }

    /** A new walk over one payload. */
    Walk walk() {
        return new Walk(root);
    }

    /** What the walk knows of one schema. Built once; read by every walk. */
    static final class Shape {
        /** The whole schema, for a scalar and for a container that is not walked. */
        Rule rule;
        /** Whether a container is walked token by token (else it is collected and tested by {@link #rule}). */
        boolean walked;
        /** The types allowed, as {@link JsonTypes} bits; 0 for the schema {@code false}. */
        int types = ~0;
        /** {@code properties} and {@code required} by name. */
        Map<String, Member> members = Map.of();
        /** The schema of a property no member names; null when such a property is refused. */
        Shape others = ANY;
        long required;
        int maxProperties = Integer.MAX_VALUE;
        Shape items = ANY;
        int minItems, maxItems = Integer.MAX_VALUE;

        private static Shape any() {
            Shape any = new Shape();
            any.rule = new Rule.Always(true);
            any.walked = true;
            any.others = any;
            any.items = any;
            return any;
        }
    }

    /** A named property: its schema, and its bit among the required ones (0 when not required). */
    record Member(Shape shape, long bit) {}

    /** Builds the shapes of one document, each schema once (a recursive schema refers to its own). */
    private static final class Shapes {
        private final JsonNode document;
        private final CompiledCheck.Compiler compiler;
        private final Map<JsonNode, Shape> built = new IdentityHashMap<>();

        Shapes(JsonNode document) {
            this.document = document;
            this.compiler = new CompiledCheck.Compiler(document);
        }

        Shape of(JsonNode schema) {
            JsonNode target = schema;
            // in draft 7 a $ref's siblings are ignored; refs to refs are followed (a cycle of them does not compile)
            for (int hops = 0; target.isObject() && target.has("$ref"); hops++) {
                if (hops > 64) throw new CompiledCheck.Unsupported();
                target = compiler.resolve(target.get("$ref").textValue().substring(1));
            }
            Shape existing = built.get(target);
            if (existing != null) return existing;
            Shape shape = new Shape();
            built.put(target, shape);
            shape.rule = compiler.compile(target, target == document);
            if (target.isBoolean()) {
                shape.walked = true;
                shape.types = target.booleanValue() ? ~0 : 0;
                return shape;
            }
            shape.walked = walkable(target);
            if (shape.walked) fill(shape, target);
            return shape;
        }

        private static boolean walkable(JsonNode schema) {
            for (Iterator<String> names = schema.fieldNames(); names.hasNext(); )
                if (!WALKED.contains(names.next())) return false;
            JsonNode items = schema.get("items");
            if (items != null && items.isArray()) return false; // a tuple
            JsonNode required = schema.get("required");
            return required == null || required.size() <= 64;
        }

        private void fill(Shape shape, JsonNode schema) {
            JsonNode type = schema.get("type");
            if (type != null) {
                shape.types = 0;
                if (type.isTextual()) shape.types = JsonTypes.bit(type.textValue());
                else for (JsonNode t : type) shape.types |= JsonTypes.bit(t.textValue());
            }
            Map<String, Member> members = new HashMap<>();
            JsonNode properties = schema.get("properties");
            if (properties != null)
                properties.fields().forEachRemaining(f -> members.put(f.getKey(), new Member(of(f.getValue()), 0)));
            JsonNode additional = schema.get("additionalProperties");
            shape.others = additional == null ? ANY
                    : additional.isBoolean() && !additional.booleanValue() ? null : of(additional);
            JsonNode required = schema.get("required");
            if (required != null) {
                int i = 0;
                for (JsonNode name : required) {
                    Member declared = members.get(name.textValue());
                    if (declared != null && declared.bit() != 0) continue; // named twice
                    long bit = 1L << i++;
                    Shape s = declared != null ? declared.shape() : shape.others;
                    // a required name that no schema allows fails on sight, as the tree check would fail it
                    members.put(name.textValue(), new Member(s == null ? NEVER : s, bit));
                    shape.required |= bit;
                }
            }
            shape.members = Map.copyOf(members);
            shape.maxProperties = count(schema, "maxProperties", Integer.MAX_VALUE);
            JsonNode items = schema.get("items");
            if (items != null) shape.items = of(items);
            shape.minItems = count(schema, "minItems", 0);
            shape.maxItems = count(schema, "maxItems", Integer.MAX_VALUE);
        }

        private static int count(JsonNode schema, String keyword, int absent) {
            JsonNode n = schema.get(keyword);
            if (n == null) return absent;
            java.math.BigDecimal v = n.decimalValue();
            return v.compareTo(java.math.BigDecimal.valueOf(Integer.MAX_VALUE)) >= 0 ? Integer.MAX_VALUE : v.intValueExact();
        }
    }

    /** The schema {@code false}: no value meets it. */
    static final Shape NEVER = never();

    private static Shape never() {
        Shape never = new Shape();
        never.rule = new Rule.Always(false);
        never.walked = true;
        never.types = 0;
        return never;
    }
}
