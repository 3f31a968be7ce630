package dev.bloodbank.broker.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bloodbank.schema.compat.CompatibilityMode;
import dev.bloodbank.schema.compat.Direction;
import dev.bloodbank.schema.compat.Incompatibility;
import dev.bloodbank.schema.compat.Rule;
import dev.bloodbank.topology.MessageKind;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("a saved plan's schema steps: written, read back, and tied to the registry they were planned on")
class SavedSchemaPlanTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TopologyOrigin ORIGIN = new TopologyOrigin("topology.yaml", "ab12");

    private static SchemaVersion version(String key, int number, String schema) throws Exception {
        return new SchemaVersion(key, MessageKind.COMMAND, number, JSON.readTree(schema), Instant.parse("2026-12-01T10:00:00Z"), ORIGIN);
    }

    private static SavedSchemaPlan sample() throws Exception {
        SchemaPlan plan = new SchemaPlan(List.of(
                new SchemaPlan.NewVersion(version("agent.task.assign", 2, "{\"type\":\"object\",\"properties\":{\"note\":{}}}"),
                        false, CompatibilityMode.BACKWARD),
                new SchemaPlan.Refused("agent.task.cancel", CompatibilityMode.FORWARD, 3, List.of(new Incompatibility(
                        "agent.task.cancel", Rule.values()[0], Direction.FORWARD, 3, "/properties/id", "what broke", "what to do")))));
        return SavedSchemaPlan.of(plan, SchemaHistory.of(List.of(version("agent.task.assign", 1, "{\"type\":\"object\"}"))));
    }

    @Test
    void readsBackWhatItWrote() throws Exception {
        SavedSchemaPlan saved = sample();
        JsonNode written = JSON.readTree(JSON.writeValueAsString(saved.toJson()));
        assertEquals(saved, SavedSchemaPlan.fromJson(written, "registry"));
    }

    @Test
    void saysWhereTheJsonIsWrong() throws Exception {
        ObjectNode json = sample().toJson();
        ((ObjectNode) json.get("steps").get(1)).put("mode", "SIDEWAYS");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SavedSchemaPlan.fromJson(json, "registry"));
        assertEquals("registry.steps[1].mode is 'SIDEWAYS', not one of [BACKWARD, BACKWARD_TRANSITIVE, FORWARD,"
                + " FORWARD_TRANSITIVE, FULL, FULL_TRANSITIVE, NONE]", e.getMessage());

        ObjectNode noVersion = sample().toJson();
        ((ObjectNode) noVersion.get("steps").get(0)).remove("version");
        assertEquals("registry.steps[0].version is not a schema version record",
                assertThrows(IllegalArgumentException.class, () -> SavedSchemaPlan.fromJson(noVersion, "registry")).getMessage());

        ObjectNode noDigest = sample().toJson();
        noDigest.remove("digest");
        assertEquals("registry.digest is missing or not a string",
                assertThrows(IllegalArgumentException.class, () -> SavedSchemaPlan.fromJson(noDigest, "registry")).getMessage());
    }

    @Test
    void theRegistrysDigestChangesWithEveryNewVersionAndNotWithARepeat() throws Exception {
        SchemaVersion v1 = version("agent.task.assign", 1, "{\"type\":\"object\"}");
        String one = SchemaHistory.of(List.of(v1)).digest();
        assertEquals(one, SchemaHistory.of(List.of(v1, version("agent.task.assign", 2, "{ \"type\" : \"object\" }"))).digest(),
                "a repeat of the latest schema is not a version");
        assertNotEquals(one, SchemaHistory.of(List.of(v1, version("agent.task.assign", 2, "{\"type\":\"object\",\"required\":[\"id\"]}")))
                .digest());
        assertNotEquals(one, SchemaHistory.empty().digest());
    }
}
