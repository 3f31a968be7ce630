package dev.bloodbank.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bloodbank.broker.reconcile.Change;
import dev.bloodbank.broker.reconcile.FieldChange;
import dev.bloodbank.broker.reconcile.Plan;
import java.util.List;
import java.util.Map;

/**
 * A plan as JSON for CI. Stable: fields are only ever added; an incompatible change bumps
 * {@code formatVersion}. Each change has {@code action} (create, update, replace, delete),
 * {@code kind}, {@code name}, and per action {@code desired}, {@code current}, {@code fields},
 * {@code messages}, {@code reason}.
 */
final class PlanJson {

    private static final ObjectMapper VALUES = new ObjectMapper();

    private PlanJson() {}

    static ObjectNode of(Plan plan) {
        ObjectNode root = Json.object();
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
        return root;
    }

    static ObjectNode change(Change change) {
        ObjectNode node = Json.plainObject();
        node.put("action", action(change));
        node.put("kind", change.kind().label());
        node.put("name", change.object().id());
        if (change instanceof Change.Create c) {
            node.set("desired", properties(c.desired().properties()));
        } else if (change instanceof Change.Update u) {
            node.set("fields", fields(u.fields()));
        } else if (change instanceof Change.ReplaceRequired r) {
            node.set("fields", fields(r.fields()));
            if (r.messages() != null) node.put("messages", r.messages());
            node.put("rebind", r.rebind().size());
        } else if (change instanceof Change.Delete d) {
            node.set("current", properties(d.current().properties()));
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

    private static ObjectNode properties(Map<String, Object> properties) {
        ObjectNode node = Json.plainObject();
        properties.forEach((k, v) -> node.set(k, value(v)));
        return node;
    }

    private static JsonNode value(Object v) {
        return v == null ? JsonNodeFactory.instance.nullNode() : VALUES.valueToTree(v);
    }
}
