package dev.bloodbank.cli.reconcile;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bloodbank.broker.reconcile.Binding;
import dev.bloodbank.broker.reconcile.BrokerObject;
import dev.bloodbank.broker.reconcile.Change;
import dev.bloodbank.broker.reconcile.Exchange;
import dev.bloodbank.broker.reconcile.FieldChange;
import dev.bloodbank.broker.reconcile.Plan;
import dev.bloodbank.broker.reconcile.Policy;
import dev.bloodbank.broker.reconcile.Queue;
import dev.bloodbank.broker.registry.SavedSchemaPlan;
import dev.bloodbank.cli.UserError;
import dev.bloodbank.cli.text.JsonOutput;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A plan as JSON, for CI and for {@code apply --plan}. Stable: fields are only ever added; an
 * incompatible change bumps {@code formatVersion}. Each change has {@code action} (create, update,
 * replace, delete), {@code kind}, {@code name}, and per action {@code desired}, {@code current},
 * {@code fields}, {@code messages}, {@code reason}, {@code rebind} (a count) and {@code rebindings}.
 * {@code liveDigest} and {@code topologyNames} are what apply checks the plan against; with them
 * the JSON holds the whole plan, and {@link #read} gives it back. {@code registry}, written by the
 * plan command beside it, holds the schema registry's steps ({@link SavedSchemaPlan}).
 */
final class PlanJson {

    private static final ObjectMapper VALUES = new ObjectMapper();
    /** Whole numbers as Long, as the reconciler normalises them, so that a plan read back equals the one written. */
    private static final ObjectReader PLAIN = VALUES.readerFor(Object.class).with(DeserializationFeature.USE_LONG_FOR_INTS);

    private PlanJson() {}

    static ObjectNode of(Plan plan) {
        ObjectNode root = JsonOutput.object();
        root.put("vhost", plan.vhost());
        root.put("prune", plan.prune());
        ArrayNode changes = root.putArray("changes");
        for (Change change : plan.changes()) changes.add(change(change));
        ArrayNode warnings = root.putArray("warnings");
        plan.warnings().forEach(warnings::add);
        Plan.Summary s = plan.summary();
        ObjectNode summary = root.putObject("summary");
        summary.put("create", s.create());
        summary.put("update", s.update());
        summary.put("replace", s.replace());
        summary.put("delete", s.delete());
        root.put("liveDigest", plan.liveDigest());
        ArrayNode names = root.putArray("topologyNames");
        plan.topologyNames().forEach(names::add);
        return root;
    }

    static ObjectNode change(Change change) {
        ObjectNode node = JsonOutput.plainObject();
        node.put("action", action(change));
        node.put("kind", change.kind().label());
        node.put("name", change.object().id());
        if (change instanceof Change.Create c) {
            node.set("desired", object(c.desired()));
        } else if (change instanceof Change.Update u) {
            node.set("fields", fields(u.fields()));
            node.set("current", object(u.current()));
            node.set("desired", object(u.desired()));
        } else if (change instanceof Change.ReplaceRequired r) {
            node.set("fields", fields(r.fields()));
            if (r.messages() != null) node.put("messages", r.messages());
            node.put("rebind", r.rebind().size());
            node.set("current", object(r.current()));
            node.set("desired", object(r.desired()));
            ArrayNode rebindings = node.putArray("rebindings");
            r.rebind().forEach(b -> rebindings.add(object(b)));
        } else if (change instanceof Change.Delete d) {
            node.set("current", object(d.current()));
            node.put("reason", d.reason());
            if (d.messages() != null) node.put("messages", d.messages());
        }
        return node;
    }

    static String action(Change change) {
        if (change instanceof Change.Create) return "create";
        if (change instanceof Change.Update) return "update";
        if (change instanceof Change.ReplaceRequired) return "replace";
        return "delete";
    }

    private static ArrayNode fields(List<FieldChange> fields) {
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        for (FieldChange f : fields) {
            ObjectNode node = array.addObject();
            node.put("field", f.field());
            node.set("current", value(f.current()));
            node.set("desired", value(f.desired()));
            if (f.whyImmutable() != null) node.put("why", f.whyImmutable());
        }
        return array;
    }

    /** The object's properties; a binding also says what its destination is (queue or exchange). */
    private static ObjectNode object(BrokerObject object) {
        ObjectNode node = JsonOutput.plainObject();
        object.properties().forEach((k, v) -> node.set(k, value(v)));
        if (object instanceof Binding b) node.put("destination_type", b.destinationType());
        return node;
    }

    private static JsonNode value(Object v) {
        return v == null ? JsonNodeFactory.instance.nullNode() : VALUES.valueToTree(v);
    }

    // ---- reading a saved plan --------------------------------------------------------------------

    /** A saved plan: the broker's changes, and the registry's steps when the file has them (older files do not). */
    record Saved(Plan plan, Optional<SavedSchemaPlan> schemas) {}

    /** Reads a plan written by {@code plan -o json} or {@code plan --out}, with its schema steps. */
    static Saved readSaved(Path file) {
        JsonNode root = tree(file);
        Plan plan = read(root, file.toString());
        JsonNode registry = root.get("registry");
        if (registry == null) return new Saved(plan, Optional.empty());
        try {
            return new Saved(plan, Optional.of(SavedSchemaPlan.fromJson(registry, "registry")));
        } catch (IllegalArgumentException e) {
            throw new UserError(file + ": " + e.getMessage(), "write the plan again with: bloodbank plan --out " + file);
        }
    }

    /** Reads a plan written by {@code plan -o json} or {@code plan --out}. */
    static Plan read(Path file) {
        return read(tree(file), file.toString());
    }

    private static JsonNode tree(Path file) {
        JsonNode root;
        try {
            root = VALUES.readTree(Files.readString(file));
        } catch (NoSuchFileException e) {
            throw new UserError("plan file " + file + " does not exist", "write one with: bloodbank plan --out " + file);
        } catch (JsonProcessingException e) {
            throw new UserError("plan file " + file + " is not JSON (line " + e.getLocation().getLineNr() + ": "
                    + e.getOriginalMessage() + ")", "write the plan with: bloodbank plan --out " + file);
        } catch (IOException e) {
            throw new UserError("plan file " + file + " cannot be read: " + e.getMessage());
        }
        return root;
    }

    static Plan read(JsonNode root, String source) {
        Reader r = new Reader(source);
        if (root == null || !root.isObject()) throw r.error("", "is not a JSON object");
        int version = r.integer(root, "", "formatVersion");
        if (version != JsonOutput.FORMAT_VERSION)
            throw r.error("formatVersion", "is " + version + "; this bloodbank reads plans of format " + JsonOutput.FORMAT_VERSION);
        List<Change> changes = new ArrayList<>();
        JsonNode array = r.array(root, "", "changes");
        for (int i = 0; i < array.size(); i++) changes.add(r.change(array.get(i), "changes[" + i + "]"));
        return new Plan(r.text(root, "", "vhost"), r.bool(root, "", "prune"), r.text(root, "", "liveDigest"),
                r.strings(root, "", "topologyNames"), changes, r.strings(root, "", "warnings"));
    }

    /** Reads fields and says where a bad one is: the file and the JSON path. */
    private record Reader(String source) {

        Change change(JsonNode node, String at) {
            String action = text(node, at, "action");
            String kind = text(node, at, "kind");
            String name = text(node, at, "name");
            return switch (action) {
                case "create" -> new Change.Create(object(node, at, "desired", kind, name));
                case "update" -> new Change.Update(object(node, at, "current", kind, name),
                        object(node, at, "desired", kind, name), fields(node, at));
                case "replace" -> {
                    List<Binding> rebind = new ArrayList<>();
                    JsonNode bindings = array(node, at, "rebindings");
                    for (int i = 0; i < bindings.size(); i++)
                        rebind.add((Binding) object(bindings.get(i), at + ".rebindings[" + i + "]", "binding", null));
                    yield new Change.ReplaceRequired(object(node, at, "current", kind, name),
                            object(node, at, "desired", kind, name), fields(node, at), messages(node), rebind);
                }
                case "delete" -> new Change.Delete(object(node, at, "current", kind, name), text(node, at, "reason"),
                        messages(node));
                default -> throw error(at + ".action", "is '" + action + "'; expected create, update, replace or delete");
            };
        }

        private BrokerObject object(JsonNode parent, String at, String field, String kind, String name) {
            JsonNode node = parent.get(field);
            if (node == null || !node.isObject()) throw error(path(at, field), "is missing or not an object");
            return object(node, path(at, field), kind, name);
        }

        private BrokerObject object(JsonNode node, String at, String kind, String name) {
            Map<String, Object> arguments = new LinkedHashMap<>();
            Map<String, Object> definition = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (e.getKey().startsWith("arguments.")) arguments.put(e.getKey().substring(10), plain(e.getValue()));
                if (e.getKey().startsWith("definition.")) definition.put(e.getKey().substring(11), plain(e.getValue()));
            }
            return switch (kind) {
                case "exchange" -> new Exchange(name, text(node, at, "type"), bool(node, at, "durable"),
                        bool(node, at, "auto_delete"), bool(node, at, "internal"), arguments);
                case "queue" -> new Queue(name, text(node, at, "type"), bool(node, at, "durable"),
                        bool(node, at, "auto_delete"), bool(node, at, "exclusive"), arguments);
                case "binding" -> new Binding(text(node, at, "source"), text(node, at, "destination"),
                        text(node, at, "destination_type"), text(node, at, "routing_key"), arguments);
                case "policy" -> new Policy(name, text(node, at, "pattern"), text(node, at, "apply-to"),
                        integer(node, at, "priority"), definition);
                default -> throw error(path(at, "kind"), "is '" + kind + "'; expected exchange, queue, binding or policy");
            };
        }

        private List<FieldChange> fields(JsonNode node, String at) {
            JsonNode array = array(node, at, "fields");
            List<FieldChange> fields = new ArrayList<>();
            for (int i = 0; i < array.size(); i++) {
                JsonNode f = array.get(i);
                String where = at + ".fields[" + i + "]";
                fields.add(new FieldChange(text(f, where, "field"), plain(f.get("current")), plain(f.get("desired")),
                        f.hasNonNull("why") ? text(f, where, "why") : null));
            }
            return fields;
        }

        private static Long messages(JsonNode node) {
            return node.hasNonNull("messages") ? node.get("messages").asLong() : null;
        }

        String text(JsonNode node, String at, String field) {
            JsonNode v = node.get(field);
            if (v == null || !v.isTextual()) throw error(path(at, field), "is missing or not a string");
            return v.asText();
        }

        boolean bool(JsonNode node, String at, String field) {
            JsonNode v = node.get(field);
            if (v == null || !v.isBoolean()) throw error(path(at, field), "is missing or not true/false");
            return v.asBoolean();
        }

        int integer(JsonNode node, String at, String field) {
            JsonNode v = node.get(field);
            if (v == null || !v.canConvertToInt()) throw error(path(at, field), "is missing or not a whole number");
            return v.asInt();
        }

        JsonNode array(JsonNode node, String at, String field) {
            JsonNode v = node.get(field);
            if (v == null || !v.isArray()) throw error(path(at, field), "is missing or not an array");
            return v;
        }

        List<String> strings(JsonNode node, String at, String field) {
            JsonNode array = array(node, at, field);
            List<String> out = new ArrayList<>();
            for (int i = 0; i < array.size(); i++) out.add(text(array, path(at, field), i));
            return out;
        }

        private String text(JsonNode array, String at, int i) {
            JsonNode v = array.get(i);
            if (!v.isTextual()) throw error(at + "[" + i + "]", "is not a string");
            return v.asText();
        }

        private static Object plain(JsonNode value) {
            if (value == null || value.isNull()) return null;
            try {
                return PLAIN.readValue(value);
            } catch (IOException e) {
                throw new IllegalStateException("a JSON tree always converts to plain values", e);
            }
        }

        private static String path(String at, String field) {
            return at.isEmpty() ? field : at + "." + field;
        }

        UserError error(String at, String problem) {
            return new UserError(source + ": " + (at.isEmpty() ? "the plan" : at) + " " + problem,
                    "write the plan with: bloodbank plan --out FILE");
        }
    }
}
