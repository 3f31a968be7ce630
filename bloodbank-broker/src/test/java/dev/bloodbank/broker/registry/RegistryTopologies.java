package dev.bloodbank.broker.registry;

import com.rabbitmq.client.Connection;
import dev.bloodbank.broker.management.BrokerAddress;
import dev.bloodbank.broker.management.ManagementClient;
import dev.bloodbank.broker.reconcile.ApplyOptions;
import dev.bloodbank.broker.reconcile.ApplyReport;
import dev.bloodbank.broker.reconcile.Reconciler;
import dev.bloodbank.testing.broker.TestVhost;
import dev.bloodbank.topology.Topology;
import dev.bloodbank.topology.TopologySource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Topology files with one event, written as people write them, so the loader fills in modes and schemas. */
final class RegistryTopologies {

    static final String MERGED = "github.pull-request.merged";

    /** Version 1: a number and a title. */
    static final String V1 = "{\"type\": \"object\", \"required\": [\"number\"], \"properties\": {\"number\": {\"type\": \"integer\"},"
            + " \"title\": {\"type\": \"string\"}}}";
    /** V1 reformatted, keys reordered and a description added: the same schema. */
    static final String V1_REFORMATTED = "{\"properties\": {\"title\": {\"type\": \"string\", \"description\": \"the title\"},"
            + "\n      \"number\": {\"type\": \"integer\"}},\n    \"required\": [\"number\"], \"type\": \"object\"}";
    /** V1 with number widened from integer: compatible under BACKWARD. */
    static final String V2_COMPATIBLE = "{\"type\": \"object\", \"required\": [\"number\"], \"properties\": {\"number\": {\"type\": \"number\"},"
            + " \"title\": {\"type\": \"string\"}}}";
    /** A new required property without a default: breaks BACKWARD. */
    static final String V2_BREAKING = "{\"type\": \"object\", \"required\": [\"number\", \"author\"], \"properties\": {\"number\": {\"type\": \"integer\"},"
            + " \"title\": {\"type\": \"string\"}, \"author\": {\"type\": \"string\"}}}";

    private RegistryTopologies() {}

    static Path write(Path dir, String name, String schema, String mode) {
        String yaml = """
                apiVersion: bloodbank/v1
                events:
                  %s:
                    description: A pull request was merged.
                    compatibility: %s
                    schema: %s
                subscriptions:
                  reviewer:
                    events: ["%s"]
                """.formatted(MERGED, mode, schema.replace("\n", "\n    "), MERGED);
        try {
            Path file = dir.resolve(name);
            Files.writeString(file, yaml);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What bloodbank apply does: the broker objects first (the registry's stream among them), then the versions. */
    static SchemaPlan apply(TestVhost vhost, Connection connection, Path file) {
        Topology topology = load(file);
        SchemaRegistry registry = SchemaRegistry.on(connection);
        SchemaPlan plan = registry.plan(topology, origin(file));
        ApplyReport report = new Reconciler(new ManagementClient(BrokerAddress.of(vhost.amqpUrl(), vhost.managementUrl())))
                .apply(topology, ApplyOptions.DEFAULT);
        if (!report.succeeded()) throw new IllegalStateException("applying " + file + " failed: " + report.outcomes());
        registry.record(plan);
        return plan;
    }

    static Topology load(Path file) {
        return Topology.load(file);
    }

    static TopologyOrigin origin(Path file) {
        return TopologyOrigin.of(TopologySource.file(file));
    }
}
