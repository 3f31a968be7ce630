package dev.bloodbank.cli.reconcile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bloodbank.broker.registry.SchemaPlan;
import dev.bloodbank.broker.registry.SchemaRegistry;
import dev.bloodbank.broker.registry.TopologyOrigin;
import dev.bloodbank.testing.broker.BrokerExtension;
import dev.bloodbank.testing.broker.TestVhost;
import dev.bloodbank.topology.Topology;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(BrokerExtension.class)
@DisplayName("the schema registry read beside the topology's load")
class PendingSchemaPlanTest {

    @TempDir
    Path dir;

    @Test
    @DisplayName("a plan asked for before the registry's connection is made waits for it")
    void waitsForASlowConnection(TestVhost vhost) throws Exception {
        Path file = dir.resolve("topology.yaml");
        Files.writeString(file, """
                apiVersion: bloodbank/v1
                events:
                  shop.order.placed:
                    description: An order was placed.
                    schema: { type: object }
                    examples: [ {} ]
                """);
        Topology topology = Topology.load(file);
        try (PendingSchemaPlan pending = PendingSchemaPlan.start(() -> {
            try {
                Thread.sleep(300);   // the topology is loaded long before the broker answers
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return SchemaRegistry.connect(vhost.amqpUrl());
        })) {
            SchemaPlan plan = pending.plan(topology, new TopologyOrigin("topology.yaml", "ab12"));
            assertEquals(1, plan.newVersions().size(), "the stream does not exist yet: every schema is a first version");
            assertTrue(plan.newVersions().get(0).first());
        }
    }
}
