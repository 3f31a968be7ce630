package dev.bloodbank.broker.registry;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bloodbank.topology.MessageKind;
import java.time.Instant;
import java.util.Objects;

/**
 * One recorded version of an event's or command's schema: the schema as the topology wrote it,
 * numbered from 1 per key, with when it was applied and from which topology.
 */
public record SchemaVersion(String key, MessageKind kind, int version, JsonNode schema, Instant at, TopologyOrigin topology) {

    public SchemaVersion {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(topology, "topology");
        if (version < 1) throw new IllegalArgumentException("schema versions count from 1, not " + version);
    }

    SchemaVersion numbered(int number) {
        return new SchemaVersion(key, kind, number, schema, at, topology);
    }
}
