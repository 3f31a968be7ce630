package dev.bloodbank.schema.compat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Judges a new version of a key's schema against the earlier ones under the key's mode: the one
 * function the offline check, a plan and a registry all ask. Pure: schemas in, incompatibilities out.
 */
public final class CompatibilityChecker {

    private CompatibilityChecker() {}

    /**
     * Every incompatibility of {@code next} with the earlier versions the mode names: the latest
     * only, or each of them for a transitive mode. No earlier version (a new key) means none.
     *
     * @param previousVersions the earlier schemas, oldest first
     */
    public static List<Incompatibility> check(String key, List<JsonNode> previousVersions, JsonNode next, CompatibilityMode mode) {
        if (previousVersions.isEmpty() || mode.directions().isEmpty()) return List.of();
        int first = mode.transitive() ? 0 : previousVersions.size() - 1;
        List<Incompatibility> found = new ArrayList<>();
        for (int i = first; i < previousVersions.size(); i++) {
            List<Change> changes = SchemaDiff.between(previousVersions.get(i), next);
            for (Direction direction : mode.directions()) {
                for (Change change : changes) {
                    if (!change.breaks(direction)) continue;
                    found.add(new Incompatibility(key, change.rule(), direction, i + 1, change.pointer(),
                            change.description() + ": " + direction.consequence(), change.rule().hint(direction)));
                }
            }
        }
        return List.copyOf(found);
    }
}
