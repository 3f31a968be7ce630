package dev.bloodbank.broker.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bloodbank.schema.compat.CompatibilityMode;
import dev.bloodbank.schema.compat.Direction;
import dev.bloodbank.schema.compat.Incompatibility;
import dev.bloodbank.schema.compat.Rule;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The registry's part of a saved plan ({@code plan --out}, {@code apply --plan}): the steps as
 * planned, and the {@link SchemaHistory#digest() digest} of the registry they were planned against.
 * Recording it records exactly the planned versions, and only while the registry is unchanged: a
 * version recorded in between would renumber them and void their compatibility checks.
 *
 * <pre>{@code
 * {"digest": "sha256:…",
 *  "steps": [{"action": "record", "first": false, "mode": "BACKWARD", "version": {…the registry's record…}},
 *            {"action": "refused", "key": "…", "mode": "BACKWARD", "latest": 2, "incompatibilities": […]}]}
 * }</pre>
 */
public record SavedSchemaPlan(SchemaPlan plan, String registryDigest) {

    public SavedSchemaPlan {
        Objects.requireNonNull(plan, "plan");
        Objects.requireNonNull(registryDigest, "registryDigest");
    }

    /** The plan with the registry it was made against. */
    public static SavedSchemaPlan of(SchemaPlan plan, SchemaHistory history) {
        return new SavedSchemaPlan(plan, history.digest());
    }

    public ObjectNode toJson() {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("digest", registryDigest);
        ArrayNode steps = root.putArray("steps");
        for (SchemaPlan.Step step : plan.steps()) {
            ObjectNode n = steps.addObject();
            if (step instanceof SchemaPlan.NewVersion v) {
                n.put("action", "record");
                n.put("first", v.first());
                n.put("mode", v.mode().name());
                n.set("version", VersionRecords.tree(v.version()));
            } else {
                SchemaPlan.Refused r = (SchemaPlan.Refused) step;
                n.put("action", "refused");
                n.put("key", r.key());
                n.put("mode", r.mode().name());
                n.put("latest", r.latest());
                ArrayNode list = n.putArray("incompatibilities");
                for (Incompatibility i : r.incompatibilities()) list.add(json(i));
            }
        }
        return root;
    }

    /** One incompatibility as JSON, as saved plans and {@code plan -o json} show it. */
    public static ObjectNode json(Incompatibility i) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("key", i.key());
        o.put("pointer", i.pointer());
        o.put("rule", i.rule().name());
        o.put("direction", i.direction().name());
        o.put("againstVersion", i.againstVersion());
        o.put("message", i.message());
        o.put("hint", i.hint());
        return o;
    }

    /**
     * Reads what {@link #toJson()} wrote.
     *
     * @param at where the node is in its file, for the message (e.g. {@code registry})
     * @throws IllegalArgumentException naming the JSON path of what is missing or wrong
     */
    public static SavedSchemaPlan fromJson(JsonNode root, String at) {
        String digest = text(root, "digest", at);
        JsonNode steps = root.path("steps");
        if (!steps.isArray()) throw new IllegalArgumentException(at + ".steps is missing or not a list");
        List<SchemaPlan.Step> out = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            JsonNode n = steps.get(i);
            String where = at + ".steps[" + i + "]";
            String action = text(n, "action", where);
            CompatibilityMode mode = named(CompatibilityMode.class, text(n, "mode", where), where + ".mode");
            if (action.equals("record")) {
                SchemaVersion version = VersionRecords.fromTree(n.get("version")).orElseThrow(
                        () -> new IllegalArgumentException(where + ".version is not a schema version record"));
                out.add(new SchemaPlan.NewVersion(version, bool(n, "first", where), mode));
            } else if (action.equals("refused")) {
                List<Incompatibility> incompatibilities = new ArrayList<>();
                JsonNode list = n.path("incompatibilities");
                if (!list.isArray()) throw new IllegalArgumentException(where + ".incompatibilities is missing or not a list");
                for (int j = 0; j < list.size(); j++) {
                    JsonNode o = list.get(j);
                    String w = where + ".incompatibilities[" + j + "]";
                    incompatibilities.add(new Incompatibility(text(o, "key", w), named(Rule.class, text(o, "rule", w), w + ".rule"),
                            named(Direction.class, text(o, "direction", w), w + ".direction"), number(o, "againstVersion", w),
                            text(o, "pointer", w), text(o, "message", w), text(o, "hint", w)));
                }
                out.add(new SchemaPlan.Refused(text(n, "key", where), mode, number(n, "latest", where), incompatibilities));
            } else {
                throw new IllegalArgumentException(where + ".action is '" + action + "', not record or refused");
            }
        }
        return new SavedSchemaPlan(new SchemaPlan(out), digest);
    }

    private static String text(JsonNode node, String field, String at) {
        JsonNode v = node == null ? null : node.get(field);
        if (v == null || !v.isTextual()) throw new IllegalArgumentException(at + "." + field + " is missing or not a string");
        return v.asText();
    }

    private static int number(JsonNode node, String field, String at) {
        JsonNode v = node.get(field);
        if (v == null || !v.canConvertToInt()) throw new IllegalArgumentException(at + "." + field + " is missing or not a whole number");
        return v.asInt();
    }

    private static boolean bool(JsonNode node, String field, String at) {
        JsonNode v = node.get(field);
        if (v == null || !v.isBoolean()) throw new IllegalArgumentException(at + "." + field + " is missing or not true/false");
        return v.asBoolean();
    }

    private static <E extends Enum<E>> E named(Class<E> type, String name, String at) {
        try {
            return Enum.valueOf(type, name);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(at + " is '" + name + "', not one of " + java.util.Arrays.toString(type.getEnumConstants()));
        }
    }
}
