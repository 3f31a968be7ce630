package dev.bloodbank.topology;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bloodbank.schema.compat.CompatibilityChecker;
import dev.bloodbank.schema.compat.Incompatibility;
import java.util.ArrayList;
import java.util.List;

/**
 * The schemas of one topology judged against those of an earlier one (the topology on main, in CI):
 * every key both declare, under the mode the current topology gives it. With one earlier version
 * only, a transitive mode judges what its plain mode does.
 *
 * @param checked the keys declared in both, in the current topology's order
 * @param added the keys only the current topology declares: their first version, nothing to break
 * @param removed the keys only the earlier topology declares
 */
public record SchemaCheck(List<String> checked, List<String> added, List<String> removed, List<Incompatibility> incompatibilities) {

    public SchemaCheck {
        checked = List.copyOf(checked);
        added = List.copyOf(added);
        removed = List.copyOf(removed);
        incompatibilities = List.copyOf(incompatibilities);
    }

    public static SchemaCheck of(Topology earlier, Topology current) {
        List<String> checked = new ArrayList<>();
        List<String> added = new ArrayList<>();
        List<Incompatibility> found = new ArrayList<>();
        for (MessageDefinition message : current.messages()) {
            var previous = earlier.message(message.key());
            if (previous.isEmpty()) {
                added.add(message.key());
                continue;
            }
            checked.add(message.key());
            List<JsonNode> versions = List.of(previous.get().schema().document());
            found.addAll(CompatibilityChecker.check(message.key(), versions, message.schema().document(), message.compatibility()));
        }
        List<String> removed = earlier.messages().stream().map(MessageDefinition::key).filter(k -> current.message(k).isEmpty()).toList();
        return new SchemaCheck(checked, added, removed, found);
    }

    public boolean compatible() {
        return incompatibilities.isEmpty();
    }

    /** The keys with at least one incompatibility, in order. */
    public List<String> incompatibleKeys() {
        return incompatibilities.stream().map(Incompatibility::key).distinct().toList();
    }
}
