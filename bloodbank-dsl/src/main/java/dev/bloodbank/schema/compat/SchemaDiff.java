package dev.bloodbank.schema.compat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Every difference that matters between two versions of a JSON Schema, each located by a JSON
 * pointer and named by a {@link Rule}. Local {@code $ref}s are followed (a change inside
 * {@code $defs} is reported where the definition is), recursive schemas are walked once, and
 * annotations are ignored. Which of the changes break whom is the rule's business, not the walk's.
 */
public final class SchemaDiff {

    private static final List<String> UPPER_BOUNDS = List.of("maximum", "exclusiveMaximum", "maxLength", "maxItems", "maxProperties");
    private static final List<String> LOWER_BOUNDS = List.of("minimum", "exclusiveMinimum", "minLength", "minItems", "minProperties");
    private static final Set<String> JUDGED = Set.of(
            "type", "enum", "const", "maximum", "exclusiveMaximum", "maxLength", "maxItems", "maxProperties", "minimum",
            "exclusiveMinimum", "minLength", "minItems", "minProperties", "multipleOf", "uniqueItems", "pattern", "properties",
            "required", "additionalProperties", "items", "anyOf", "oneOf", "allOf", "$ref", "$defs", "definitions");

    /** What an object accepts beyond the properties it declares. */
    private enum ContentModel { CLOSED, PARTIAL, OPEN }

    private record Located(JsonNode node, String at) {}

    private final JsonNode oldRoot;
    private final JsonNode newRoot;
    private final Set<Change> changes = new LinkedHashSet<>();
    private final Set<String> compared = new HashSet<>();

    private SchemaDiff(JsonNode oldRoot, JsonNode newRoot) {
        this.oldRoot = oldRoot;
        this.newRoot = newRoot;
    }

    /** The changes from {@code oldSchema} to {@code newSchema}, in the order the walk meets them. */
    public static List<Change> between(JsonNode oldSchema, JsonNode newSchema) {
        SchemaDiff diff = new SchemaDiff(oldSchema, newSchema);
        diff.compare(oldSchema, "", newSchema, "");
        return List.copyOf(diff.changes);
    }

    private void compare(JsonNode oldNode, String oldAt, JsonNode newNode, String newAt) {
        Located o = resolve(oldRoot, oldNode, oldAt);
        Located n = resolve(newRoot, newNode, newAt);
        // a recursive schema meets the same pair of definitions again: once is enough
        if (!compared.add(o.at() + " " + n.at())) return;
        JsonNode old = asObject(o.node());
        JsonNode now = asObject(n.node());
        String oAt = o.at();
        String at = n.at();
        if (wrappedInUnion(old, now, at)) return;
        type(old, now, at);
        enums(old, now, at);
        UPPER_BOUNDS.forEach(k -> bound(old, now, at, k, true));
        LOWER_BOUNDS.forEach(k -> bound(old, now, at, k, false));
        multipleOf(old, now, at);
        uniqueItems(old, now, at);
        pattern(old, now, at);
        properties(old, oAt, now, at);
        required(old, now, at);
        additionalProperties(old, oAt, now, at);
        items(old, oAt, now, at);
        unions(old, oAt, now, at);
        otherKeywords(old, now, at);
    }

    private void add(Rule rule, String pointer, String description) {
        changes.add(new Change(rule, pointer, description));
    }

    /** Follows local references; the location becomes the definition's, where a fix would be made. */
    private static Located resolve(JsonNode root, JsonNode node, String at) {
        for (int hops = 0; hops < 32 && node != null && node.isObject() && node.path("$ref").isTextual(); hops++) {
            String ref = node.get("$ref").asText();
            if (!ref.startsWith("#")) break;
            String pointer = URLDecoder.decode(ref.substring(1), StandardCharsets.UTF_8);
            JsonNode target = root.at(pointer);
            if (target.isMissingNode()) break;
            node = target;
            at = pointer;
        }
        return new Located(node, at);
    }

    /** {@code true} and a missing schema accept everything, as {} does; {@code false} accepts nothing. */
    private static JsonNode asObject(JsonNode schema) {
        if (schema != null && schema.isObject()) return schema;
        ObjectNode object = JsonNodeFactory.instance.objectNode();
        if (schema != null && schema.isBoolean() && !schema.booleanValue()) object.putObject("not");
        return object;
    }

    private static String token(String name) {
        return name.replace("~", "~0").replace("/", "~1");
    }

    /**
     * {@code {type: string}} becoming {@code anyOf: [{type: string}, {type: null}]} (how Pydantic
     * writes Optional) adds branches to a union; the reverse removes them.
     */
    private boolean wrappedInUnion(JsonNode old, JsonNode now, String at) {
        if (unionOnly(now) != null && !old.has("anyOf") && !old.has("oneOf")) {
            String union = unionOnly(now);
            int kept = sameBranch(old, newRoot, now.get(union));
            if (kept < 0) return false;
            for (int i = 0; i < now.get(union).size(); i++)
                if (i != kept) add(Rule.UNION_BRANCH_ADDED, at + "/" + union + "/" + i,
                        "the schema became branch " + kept + " of \"" + union + "\", and branch " + i + " was added beside it");
            return true;
        }
        if (unionOnly(old) != null && !now.has("anyOf") && !now.has("oneOf")) {
            String union = unionOnly(old);
            int kept = sameBranch(now, oldRoot, old.get(union));
            if (kept < 0) return false;
            for (int i = 0; i < old.get(union).size(); i++)
                if (i != kept) add(Rule.UNION_BRANCH_REMOVED, at,
                        "\"" + union + "\" was replaced by its branch " + kept + ", so branch " + i + " was removed");
            return true;
        }
        return false;
    }

    /** "anyOf" or "oneOf" when the schema is nothing but that union, else null. */
    private static String unionOnly(JsonNode schema) {
        JsonNode canonical = CanonicalSchema.of(schema);
        if (canonical.size() != 1) return null;
        if (canonical.has("anyOf") && canonical.get("anyOf").isArray()) return "anyOf";
        if (canonical.has("oneOf") && canonical.get("oneOf").isArray()) return "oneOf";
        return null;
    }

    private static int sameBranch(JsonNode schema, JsonNode branchRoot, JsonNode branches) {
        JsonNode canonical = CanonicalSchema.of(schema);
        for (int i = 0; i < branches.size(); i++)
            if (CanonicalSchema.of(asObject(resolve(branchRoot, branches.get(i), "").node())).equals(canonical)) return i;
        return -1;
    }

    private void type(JsonNode old, JsonNode now, String at) {
        Set<String> o = acceptedTypes(old);
        Set<String> n = acceptedTypes(now);
        if (o == null ? n == null : o.equals(n)) return;
        String description = "type changed from " + typeText(old) + " to " + typeText(now);
        if (n == null || (o != null && n.containsAll(o))) add(Rule.TYPE_WIDENED, at + "/type", description);
        else if (o == null || o.containsAll(n)) add(Rule.TYPE_NARROWED, at + "/type", description);
        else add(Rule.TYPE_CHANGED, at + "/type", description);
    }

    /** The JSON types a schema lets through, null for all; a number may be an integer. */
    private static Set<String> acceptedTypes(JsonNode schema) {
        JsonNode type = schema.get("type");
        if (type == null) return null;
        Set<String> types = new TreeSet<>();
        if (type.isArray()) type.forEach(t -> types.add(t.asText()));
        else types.add(type.asText());
        if (types.contains("number")) types.add("integer");
        return types;
    }

    private static String typeText(JsonNode schema) {
        JsonNode type = schema.get("type");
        return type == null ? "any" : type.isTextual() ? type.asText() : type.toString();
    }

    private void enums(JsonNode old, JsonNode now, String at) {
        List<JsonNode> o = enumValues(old);
        List<JsonNode> n = enumValues(now);
        if (o == null && n == null) return;
        String keyword = now.has("const") || (n == null && old.has("const")) ? "const" : "enum";
        if (o == null) {
            add(Rule.CONSTRAINT_TIGHTENED, at + "/" + keyword, "\"" + keyword + "\" added: only " + n + " accepted");
            return;
        }
        if (n == null) {
            add(Rule.CONSTRAINT_LOOSENED, at + "/" + keyword, "\"" + keyword + "\" " + o + " removed");
            return;
        }
        for (int i = 0; i < n.size(); i++)
            if (!contains(o, n.get(i)))
                add(Rule.ENUM_VALUE_ADDED, at + "/" + keyword + (keyword.equals("enum") ? "/" + i : ""), "enum value " + n.get(i) + " added");
        for (JsonNode value : o)
            if (!contains(n, value)) add(Rule.ENUM_VALUE_REMOVED, at + "/" + keyword, "enum value " + value + " removed");
    }

    /** The values an enum or a const allows, null when the schema has neither. */
    private static List<JsonNode> enumValues(JsonNode schema) {
        if (schema.has("const")) return List.of(schema.get("const"));
        JsonNode values = schema.get("enum");
        if (values == null || !values.isArray()) return null;
        List<JsonNode> list = new ArrayList<>();
        values.forEach(list::add);
        return list;
    }

    private static boolean contains(List<JsonNode> values, JsonNode value) {
        return values.stream().anyMatch(v -> sameValue(v, value));
    }

    /** 1 and 1.0 are the same JSON value. */
    private static boolean sameValue(JsonNode a, JsonNode b) {
        if (a.isNumber() && b.isNumber()) return a.decimalValue().compareTo(b.decimalValue()) == 0;
        return a.equals(b);
    }

    private void bound(JsonNode old, JsonNode now, String at, String keyword, boolean upper) {
        JsonNode o = old.get(keyword);
        JsonNode n = now.get(keyword);
        if (o == null && n == null) return;
        String pointer = at + "/" + keyword;
        if ((o != null && !o.isNumber()) || (n != null && !n.isNumber())) {
            if (o == null || n == null || !o.equals(n)) add(Rule.KEYWORD_CHANGED, pointer, "\"" + keyword + "\" changed from " + o + " to " + n);
            return;
        }
        if (o == null) {
            add(Rule.CONSTRAINT_TIGHTENED, pointer, "\"" + keyword + "\": " + n + " added");
            return;
        }
        if (n == null) {
            add(Rule.CONSTRAINT_LOOSENED, pointer, "\"" + keyword + "\": " + o + " removed");
            return;
        }
        int moved = n.decimalValue().compareTo(o.decimalValue());
        if (moved == 0) return;
        String description = "\"" + keyword + "\" " + (moved > 0 ? "raised" : "lowered") + " from " + o + " to " + n;
        add((moved > 0) == upper ? Rule.CONSTRAINT_LOOSENED : Rule.CONSTRAINT_TIGHTENED, pointer, description);
    }

    private void multipleOf(JsonNode old, JsonNode now, String at) {
        JsonNode o = old.get("multipleOf");
        JsonNode n = now.get("multipleOf");
        String pointer = at + "/multipleOf";
        if (o == null && n == null) return;
        if (o == null) add(Rule.CONSTRAINT_TIGHTENED, pointer, "\"multipleOf\": " + n + " added");
        else if (n == null) add(Rule.CONSTRAINT_LOOSENED, pointer, "\"multipleOf\": " + o + " removed");
        else if (!o.isNumber() || !n.isNumber() || n.decimalValue().signum() == 0 || o.decimalValue().signum() == 0) {
            if (!o.equals(n)) add(Rule.KEYWORD_CHANGED, pointer, "\"multipleOf\" changed from " + o + " to " + n);
        } else if (!sameValue(o, n)) {
            BigDecimal ov = o.decimalValue();
            BigDecimal nv = n.decimalValue();
            String description = "\"multipleOf\" changed from " + o + " to " + n;
            // every multiple of 10 is a multiple of 5: a divisor of the old step accepts more
            if (ov.remainder(nv).signum() == 0) add(Rule.CONSTRAINT_LOOSENED, pointer, description);
            else if (nv.remainder(ov).signum() == 0) add(Rule.CONSTRAINT_TIGHTENED, pointer, description);
            else add(Rule.KEYWORD_CHANGED, pointer, description);
        }
    }

    private void uniqueItems(JsonNode old, JsonNode now, String at) {
        boolean o = old.path("uniqueItems").asBoolean(false);
        boolean n = now.path("uniqueItems").asBoolean(false);
        if (o == n) return;
        add(n ? Rule.CONSTRAINT_TIGHTENED : Rule.CONSTRAINT_LOOSENED, at + "/uniqueItems", "\"uniqueItems\" changed from " + o + " to " + n);
    }

    private void pattern(JsonNode old, JsonNode now, String at) {
        JsonNode o = old.get("pattern");
        JsonNode n = now.get("pattern");
        String pointer = at + "/pattern";
        if (o == null && n == null) return;
        if (o == null) add(Rule.CONSTRAINT_TIGHTENED, pointer, "\"pattern\" " + n + " added");
        else if (n == null) add(Rule.CONSTRAINT_LOOSENED, pointer, "\"pattern\" " + o + " removed");
        else if (!o.equals(n)) add(Rule.PATTERN_CHANGED, pointer, "\"pattern\" changed from " + o + " to " + n);
    }

    private static ContentModel contentModel(JsonNode schema) {
        JsonNode additional = schema.get("additionalProperties");
        if (CanonicalSchema.acceptsAnything(additional)) return ContentModel.OPEN;
        if (additional.isBoolean()) return ContentModel.CLOSED;
        return ContentModel.PARTIAL;
    }

    private void properties(JsonNode old, String oAt, JsonNode now, String at) {
        JsonNode o = old.path("properties");
        JsonNode n = now.path("properties");
        ContentModel oldModel = contentModel(old);
        ContentModel newModel = contentModel(now);
        n.fieldNames().forEachRemaining(name -> {
            String pointer = at + "/properties/" + token(name);
            if (o.has(name)) {
                compare(o.get(name), oAt + "/properties/" + token(name), n.get(name), pointer);
                return;
            }
            switch (oldModel) {
                case CLOSED -> add(Rule.PROPERTY_ADDED_TO_CLOSED_CONTENT_MODEL, pointer, "property '" + name + "' added to a closed object");
                case OPEN -> add(CanonicalSchema.acceptsAnything(resolve(newRoot, n.get(name), "").node())
                        ? Rule.PROPERTY_WITH_EMPTY_SCHEMA_ADDED_TO_OPEN_CONTENT_MODEL : Rule.PROPERTY_ADDED_TO_OPEN_CONTENT_MODEL,
                        pointer, "property '" + name + "' added to an open object");
                // the old schema already let this name through under its additionalProperties schema
                case PARTIAL -> compare(old.get("additionalProperties"), oAt + "/additionalProperties", n.get(name), pointer);
            }
        });
        o.fieldNames().forEachRemaining(name -> {
            if (n.has(name)) return;
            String pointer = at + "/properties/" + token(name);
            switch (newModel) {
                case CLOSED -> add(Rule.PROPERTY_REMOVED_FROM_CLOSED_CONTENT_MODEL, pointer, "property '" + name + "' removed from a closed object");
                case OPEN -> {
                    if (!CanonicalSchema.acceptsAnything(resolve(oldRoot, o.get(name), "").node()))
                        add(Rule.PROPERTY_REMOVED_FROM_OPEN_CONTENT_MODEL, pointer, "property '" + name + "' removed from an open object");
                }
                case PARTIAL -> compare(o.get(name), oAt + "/properties/" + token(name), now.get("additionalProperties"),
                        at + "/additionalProperties");
            }
        });
    }

    private void required(JsonNode old, JsonNode now, String at) {
        List<String> o = names(old.path("required"));
        List<String> n = names(now.path("required"));
        for (int i = 0; i < n.size(); i++) {
            String name = n.get(i);
            if (o.contains(name)) continue;
            boolean withDefault = hasDefault(newRoot, now.path("properties").get(name));
            String what = old.path("properties").has(name) ? "property '" + name + "' became required" : "required property '" + name + "' added";
            add(withDefault ? Rule.REQUIRED_PROPERTY_WITH_DEFAULT_ADDED : Rule.REQUIRED_PROPERTY_ADDED, at + "/required/" + i,
                    what + (withDefault ? " with a default" : " without a default"));
        }
        for (String name : o) {
            if (n.contains(name)) continue;
            boolean withDefault = hasDefault(oldRoot, old.path("properties").get(name));
            add(withDefault ? Rule.REQUIRED_PROPERTY_WITH_DEFAULT_REMOVED : Rule.REQUIRED_PROPERTY_REMOVED, at + "/required",
                    "property '" + name + "' is no longer required");
        }
    }

    private static List<String> names(JsonNode array) {
        List<String> names = new ArrayList<>();
        array.forEach(name -> names.add(name.asText()));
        return names;
    }

    private static boolean hasDefault(JsonNode root, JsonNode property) {
        return property != null && resolve(root, property, "").node().has("default");
    }

    private void additionalProperties(JsonNode old, String oAt, JsonNode now, String at) {
        ContentModel o = contentModel(old);
        ContentModel n = contentModel(now);
        String pointer = at + "/additionalProperties";
        if (o == ContentModel.PARTIAL && n == ContentModel.PARTIAL) {
            compare(old.get("additionalProperties"), oAt + "/additionalProperties", now.get("additionalProperties"), pointer);
        } else if (o != n) {
            String description = "\"additionalProperties\" changed from " + modelText(old) + " to " + modelText(now);
            add(n.compareTo(o) > 0 ? Rule.ADDITIONAL_PROPERTIES_EXTENDED : Rule.ADDITIONAL_PROPERTIES_NARROWED, pointer, description);
        }
    }

    private static String modelText(JsonNode schema) {
        JsonNode additional = schema.get("additionalProperties");
        return additional == null ? "absent (any property)" : additional.toString();
    }

    private void items(JsonNode old, String oAt, JsonNode now, String at) {
        JsonNode o = old.get("items");
        JsonNode n = now.get("items");
        if (o == null && n == null) return;
        boolean oTuple = o != null && o.isArray();
        boolean nTuple = n != null && n.isArray();
        if (!oTuple && !nTuple) {
            compare(o, oAt + "/items", n, at + "/items");
        } else if (oTuple && nTuple && o.size() == n.size()) {
            for (int i = 0; i < o.size(); i++) compare(o.get(i), oAt + "/items/" + i, n.get(i), at + "/items/" + i);
        } else if (o == null || n == null || !CanonicalSchema.of(wrap("items", o)).equals(CanonicalSchema.of(wrap("items", n)))) {
            add(Rule.KEYWORD_CHANGED, at + "/items", "tuple \"items\" changed");
        }
    }

    private static JsonNode wrap(String keyword, JsonNode value) {
        ObjectNode object = JsonNodeFactory.instance.objectNode();
        object.set(keyword, value);
        return object;
    }

    private void unions(JsonNode old, String oAt, JsonNode now, String at) {
        boolean relaxed = old.has("oneOf") && !old.has("anyOf") && now.has("anyOf") && !now.has("oneOf");
        boolean tightened = old.has("anyOf") && !old.has("oneOf") && now.has("oneOf") && !now.has("anyOf");
        if (relaxed) {
            add(Rule.ONE_OF_RELAXED_TO_ANY_OF, at + "/anyOf", "\"oneOf\" became \"anyOf\"");
            branches(old.get("oneOf"), oAt + "/oneOf", now.get("anyOf"), at + "/anyOf", Rule.UNION_BRANCH_ADDED, Rule.UNION_BRANCH_REMOVED);
        } else if (tightened) {
            add(Rule.ANY_OF_TIGHTENED_TO_ONE_OF, at + "/oneOf", "\"anyOf\" became \"oneOf\"");
            branches(old.get("anyOf"), oAt + "/anyOf", now.get("oneOf"), at + "/oneOf", Rule.UNION_BRANCH_ADDED, Rule.UNION_BRANCH_REMOVED);
        } else {
            combination(old, oAt, now, at, "anyOf", Rule.UNION_BRANCH_ADDED, Rule.UNION_BRANCH_REMOVED);
            combination(old, oAt, now, at, "oneOf", Rule.UNION_BRANCH_ADDED, Rule.UNION_BRANCH_REMOVED);
        }
        // every branch of allOf must hold: one more is a tighter schema, one fewer a looser one
        combination(old, oAt, now, at, "allOf", Rule.CONSTRAINT_TIGHTENED, Rule.CONSTRAINT_LOOSENED);
    }

    private void combination(JsonNode old, String oAt, JsonNode now, String at, String keyword, Rule added, Rule removed) {
        JsonNode o = old.get(keyword);
        JsonNode n = now.get(keyword);
        if (o == null && n == null) return;
        if (o == null) add(Rule.CONSTRAINT_TIGHTENED, at + "/" + keyword, "\"" + keyword + "\" added");
        else if (n == null) add(Rule.CONSTRAINT_LOOSENED, at + "/" + keyword, "\"" + keyword + "\" removed");
        else branches(o, oAt + "/" + keyword, n, at + "/" + keyword, added, removed);
    }

    /**
     * Branches equal in both versions are paired first. When as many are left on each side they are
     * taken as edited in place and compared; otherwise the rest were added or removed.
     */
    private void branches(JsonNode o, String oAt, JsonNode n, String at, Rule added, Rule removed) {
        List<Integer> oldLeft = new ArrayList<>();
        List<Integer> newLeft = new ArrayList<>();
        List<JsonNode> newCanonical = new ArrayList<>();
        for (int j = 0; j < n.size(); j++) {
            newLeft.add(j);
            newCanonical.add(CanonicalSchema.of(asObject(resolve(newRoot, n.get(j), "").node())));
        }
        for (int i = 0; i < o.size(); i++) {
            JsonNode canonical = CanonicalSchema.of(asObject(resolve(oldRoot, o.get(i), "").node()));
            Integer match = newLeft.stream().filter(j -> newCanonical.get(j).equals(canonical)).findFirst().orElse(null);
            if (match != null) newLeft.remove(match);
            else oldLeft.add(i);
        }
        if (oldLeft.size() == newLeft.size()) {
            for (int k = 0; k < oldLeft.size(); k++)
                compare(o.get(oldLeft.get(k)), oAt + "/" + oldLeft.get(k), n.get(newLeft.get(k)), at + "/" + newLeft.get(k));
            return;
        }
        for (int j : newLeft) add(added, at + "/" + j, "branch " + j + " added");
        for (int i : oldLeft) add(removed, at, "branch " + i + " of the old schema removed");
    }

    private void otherKeywords(JsonNode old, JsonNode now, String at) {
        Set<String> keywords = new TreeSet<>();
        old.fieldNames().forEachRemaining(keywords::add);
        now.fieldNames().forEachRemaining(keywords::add);
        for (String keyword : keywords) {
            if (JUDGED.contains(keyword) || CanonicalSchema.ANNOTATIONS.contains(keyword)) continue;
            JsonNode o = old.get(keyword);
            JsonNode n = now.get(keyword);
            if (o != null && n != null && CanonicalSchema.of(wrap(keyword, o)).equals(CanonicalSchema.of(wrap(keyword, n)))) continue;
            String description = o == null ? "\"" + keyword + "\" added" : n == null ? "\"" + keyword + "\" removed" : "\"" + keyword + "\" changed";
            add(Rule.KEYWORD_CHANGED, at + "/" + token(keyword), description);
        }
    }
}
