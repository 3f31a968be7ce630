package dev.bloodbank.broker.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.rabbitmq.client.Connection;
import dev.bloodbank.schema.SchemaVersions;
import dev.bloodbank.topology.MessageDefinition;
import dev.bloodbank.topology.Topology;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a running application takes from the registry when it starts: every recorded version of the
 * keys its topology declares, compiled once, and which version its own schemas are.
 */
public final class RuntimeSchemas {

    private RuntimeSchemas() {}

    /** Reads the registry on this connection; a vhost without one gives {@link SchemaVersions#NONE}. */
    public static SchemaVersions read(Connection connection, Topology topology) {
        return of(topology, SchemaRegistry.on(connection).read());
    }

    public static SchemaVersions of(Topology topology, SchemaHistory history) {
        if (history.isEmpty()) return SchemaVersions.NONE;
        Map<String, List<JsonNode>> versions = new HashMap<>();
        Map<String, Integer> current = new HashMap<>();
        for (MessageDefinition message : topology.messages()) {
            List<SchemaVersion> recorded = history.versions(message.key());
            if (recorded.isEmpty()) continue;
            versions.put(message.key(), recorded.stream().map(SchemaVersion::schema).toList());
            history.versionOf(message.key(), message.schema().document())
                    .ifPresent(v -> current.put(message.key(), v.version()));
        }
        return SchemaVersions.compile(versions, current);
    }
}
