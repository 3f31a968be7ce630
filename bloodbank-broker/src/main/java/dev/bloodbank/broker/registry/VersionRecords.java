package dev.bloodbank.broker.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bloodbank.topology.MessageKind;
import java.io.IOException;
import java.time.Instant;
import java.util.Optional;

/**
 * The body of one record in the registry stream: a JSON object with a {@code formatVersion}, so a
 * later format can be told apart. A record that is not one (written by hand, or by a newer
 * Bloodbank) is skipped by readers rather than failing every plan.
 */
final class VersionRecords {

    static final int FORMAT_VERSION = 1;
    private static final ObjectMapper JSON = new ObjectMapper();

    private VersionRecords() {}

    static byte[] encode(SchemaVersion v) {
        try {
            return JSON.writeValueAsBytes(tree(v));
        } catch (IOException e) {
            throw new IllegalStateException("a JSON tree always serialises", e);
        }
    }

    /** The record as a JSON tree: the registry's message body, and a saved plan's version to record. */
    static ObjectNode tree(SchemaVersion v) {
        ObjectNode root = JSON.createObjectNode();
        root.put("formatVersion", FORMAT_VERSION);
        root.put("key", v.key());
        root.put("kind", v.kind().label());
        root.put("version", v.version());
        root.set("schema", v.schema());
        root.put("at", v.at().toString());
        ObjectNode topology = root.putObject("topology");
        topology.put("path", v.topology().path());
        topology.put("sha256", v.topology().sha256());
        return root;
    }

    static Optional<SchemaVersion> decode(byte[] body) {
        try {
            return fromTree(JSON.readTree(body));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The record of this tree, or empty when it is not one of this format. */
    static Optional<SchemaVersion> fromTree(JsonNode root) {
        try {
            if (root == null || root.path("formatVersion").asInt() != FORMAT_VERSION) return Optional.empty();
            MessageKind kind = "command".equals(root.path("kind").asText()) ? MessageKind.COMMAND : MessageKind.EVENT;
            JsonNode topology = root.path("topology");
            return Optional.of(new SchemaVersion(root.path("key").asText(), kind, root.path("version").asInt(),
                    root.get("schema"), Instant.parse(root.path("at").asText()),
                    new TopologyOrigin(topology.path("path").asText(), topology.path("sha256").asText())));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
