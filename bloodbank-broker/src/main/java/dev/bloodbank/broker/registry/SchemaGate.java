package dev.bloodbank.broker.registry;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bloodbank.schema.compat.CompatibilityChecker;
import dev.bloodbank.schema.compat.Incompatibility;
import dev.bloodbank.topology.MessageDefinition;
import dev.bloodbank.topology.Topology;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Compares each schema of a topology with the registry's versions of its key under the key's mode
 * (every version for a transitive mode, the latest otherwise). Pure: what the registry holds and
 * the topology in, a {@link SchemaPlan} out.
 */
public final class SchemaGate {

    private SchemaGate() {}

    public static SchemaPlan plan(Topology topology, SchemaHistory registry, TopologyOrigin origin, Instant now) {
        List<SchemaPlan.Step> steps = new ArrayList<>();
        for (MessageDefinition message : topology.messages()) {
            String key = message.key();
            JsonNode schema = message.schema().document();
            List<SchemaVersion> versions = registry.versions(key);
            if (!versions.isEmpty() && SchemaHistory.sameSchema(versions.get(versions.size() - 1).schema(), schema)) continue;
            List<JsonNode> previous = versions.stream().map(SchemaVersion::schema).toList();
            List<Incompatibility> found = CompatibilityChecker.check(key, previous, schema, message.compatibility());
            if (!found.isEmpty()) {
                steps.add(new SchemaPlan.Refused(key, message.compatibility(), versions.size(), found));
                continue;
            }
            steps.add(new SchemaPlan.NewVersion(
                    new SchemaVersion(key, message.kind(), versions.size() + 1, schema, now, origin), versions.isEmpty(),
                    message.compatibility()));
        }
        return new SchemaPlan(steps);
    }
}
