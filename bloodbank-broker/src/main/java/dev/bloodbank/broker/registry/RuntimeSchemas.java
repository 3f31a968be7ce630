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

    /**
     * Reads the registry on this connection, or on a short connection of its own to another node of
     * this AMQP URL when the connection's node cannot serve the read (a cluster node without a
     * running member of the registry's stream, say). A vhost without a registry gives
     * {@link SchemaVersions#NONE}.
     */
    public static SchemaVersions read(Connection connection, String amqpUrl, Topology topology) {
        try (SchemaRegistry registry = SchemaRegistry.borrowing(connection, amqpUrl)) {
            return of(topology, registry.read());
        }
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
