package dev.bloodbank.broker.registry;

import static dev.bloodbank.broker.registry.RegistryTopologies.MERGED;
import static dev.bloodbank.broker.registry.RegistryTopologies.V1;
import static dev.bloodbank.broker.registry.RegistryTopologies.apply;
import static dev.bloodbank.broker.registry.RegistryTopologies.V1_REFORMATTED;
import static dev.bloodbank.broker.registry.RegistryTopologies.V2_BREAKING;
import static dev.bloodbank.broker.registry.RegistryTopologies.V2_COMPATIBLE;
import static dev.bloodbank.broker.registry.RegistryTopologies.load;
import static dev.bloodbank.broker.registry.RegistryTopologies.origin;
import static dev.bloodbank.broker.registry.RegistryTopologies.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.rabbitmq.client.Connection;
import dev.bloodbank.broker.reconcile.BrokerTopology;
import dev.bloodbank.schema.compat.Incompatibility;
import dev.bloodbank.schema.compat.Rule;
import dev.bloodbank.testing.broker.BrokerExtension;
import dev.bloodbank.testing.broker.TestVhost;
import dev.bloodbank.topology.Topology;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(BrokerExtension.class)
@DisplayName("the schema registry in its stream on the broker")
class SchemaRegistryBrokerTest {

    @TempDir
    Path dir;

    @Test
    void aVhostWithoutTheRegistryIsAnEmptyOneAndTheFirstApplyRecordsVersionOne(TestVhost vhost) throws Exception {
        try (Connection connection = vhost.connectionFactory().newConnection()) {
            assertTrue(SchemaRegistry.on(connection).read().isEmpty());

            Path file = write(dir, "topology.yaml", V1, "BACKWARD");
            SchemaPlan first = apply(vhost, connection, file);

            assertEquals(1, first.newVersions().size());
            assertTrue(first.newVersions().get(0).first());
            assertEquals("stream", vhost.queue(BrokerTopology.SCHEMA_REGISTRY_STREAM).get("type").asText());
            SchemaHistory history = SchemaRegistry.on(connection).read();
            List<SchemaVersion> versions = history.versions(MERGED);
            assertEquals(1, versions.size());
            assertEquals(1, versions.get(0).version());
            assertEquals(file.toString(), versions.get(0).topology().path());
            assertEquals(origin(file).sha256(), versions.get(0).topology().sha256());
            assertEquals(load(file).message(MERGED).orElseThrow().schema().document(), versions.get(0).schema());
        }
    }

    @Test
    void recordsANewVersionOnlyWhenTheSchemaReallyChanged(TestVhost vhost) throws Exception {
        try (Connection connection = vhost.connectionFactory().newConnection()) {
            apply(vhost, connection, write(dir, "v1.yaml", V1, "BACKWARD"));
            assertTrue(apply(vhost, connection, write(dir, "v1-again.yaml", V1, "BACKWARD")).isEmpty(), "same schema");
            assertTrue(apply(vhost, connection, write(dir, "v1-reformatted.yaml", V1_REFORMATTED, "BACKWARD")).isEmpty(),
                    "key order, layout and descriptions are not a change");
            assertEquals(1, SchemaRegistry.on(connection).read().versions(MERGED).size());

            SchemaPlan second = apply(vhost, connection, write(dir, "v2.yaml", V2_COMPATIBLE, "BACKWARD"));
            assertEquals(2, second.newVersions().get(0).version().version());
            SchemaHistory history = SchemaRegistry.on(connection).read();
            assertEquals(List.of(1, 2), history.versions(MERGED).stream().map(SchemaVersion::version).toList());
            assertEquals(2, history.versionOf(MERGED, load(dir.resolve("v2.yaml")).message(MERGED).orElseThrow()
                    .schema().document()).orElseThrow().version());
        }
    }

    @Test
    void refusesABreakingChangeWithItsRuleAndPointerAndRecordsItUnderNone(TestVhost vhost) throws Exception {
        try (Connection connection = vhost.connectionFactory().newConnection()) {
            apply(vhost, connection, write(dir, "v1.yaml", V1, "BACKWARD"));

            SchemaPlan refused = apply(vhost, connection, write(dir, "breaking.yaml", V2_BREAKING, "BACKWARD"));
            SchemaPlan.Refused step = assertInstanceOf(SchemaPlan.Refused.class, refused.steps().get(0));
            Incompatibility broken = step.incompatibilities().stream()
                    .filter(i -> i.rule() == Rule.REQUIRED_PROPERTY_ADDED).findFirst().orElseThrow(() -> new AssertionError(step));
            assertEquals("/required/1", broken.pointer(), step.toString());
            assertEquals(1, broken.againstVersion());
            assertTrue(step.howToProceed().contains("compatibility: NONE"), step.howToProceed());
            assertEquals(1, SchemaRegistry.on(connection).read().versions(MERGED).size(), "nothing recorded for the key");

            SchemaPlan relaxed = apply(vhost, connection, write(dir, "relaxed.yaml", V2_BREAKING, "NONE"));
            assertEquals(1, relaxed.newVersions().size());
            assertEquals(2, SchemaRegistry.on(connection).read().versions(MERGED).size());
        }
    }

    @Test
    void aTransitiveModeChecksEveryVersionNotOnlyTheLatest(TestVhost vhost) throws Exception {
        try (Connection connection = vhost.connectionFactory().newConnection()) {
            apply(vhost, connection, write(dir, "v1.yaml", V1, "NONE"));
            apply(vhost, connection, write(dir, "v2.yaml", V2_BREAKING, "NONE"));
            // back to v1's shape: compatible with v2 alone under BACKWARD (a required property dropped),
            // and with v1 too, since it is v1
            SchemaPlan back = SchemaRegistry.on(connection).plan(load(write(dir, "v3.yaml", V2_COMPATIBLE, "BACKWARD_TRANSITIVE")),
                    origin(dir.resolve("v3.yaml")));
            assertEquals(1, back.newVersions().size(), back.toString());
            SchemaPlan narrowed = SchemaRegistry.on(connection).plan(load(write(dir, "v3b.yaml",
                    V2_BREAKING.replace("\"integer\"", "\"integer\", \"maximum\": 10"), "BACKWARD_TRANSITIVE")),
                    origin(dir.resolve("v3b.yaml")));
            SchemaPlan.Refused refused = assertInstanceOf(SchemaPlan.Refused.class, narrowed.steps().get(0));
            assertTrue(refused.incompatibilities().stream().anyMatch(i -> i.againstVersion() == 1)
                            && refused.incompatibilities().stream().anyMatch(i -> i.againstVersion() == 2),
                    refused.incompatibilities().toString());
        }
    }
}
