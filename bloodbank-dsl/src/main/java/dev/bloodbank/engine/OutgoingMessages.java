package dev.bloodbank.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bloodbank.envelope.Envelope;
import dev.bloodbank.envelope.EnvelopeCodec;
import dev.bloodbank.envelope.Envelopes;
import dev.bloodbank.envelope.Source;
import dev.bloodbank.schema.InvalidPayloadException;
import dev.bloodbank.schema.SchemaViolation;
import dev.bloodbank.topology.MessageDefinition;
import dev.bloodbank.topology.MessageKind;
import dev.bloodbank.topology.Topology;
import java.util.List;
import java.util.UUID;

/**
 * Makes outgoing messages of a topology: the key must be declared, the payload must pass its
 * schema, and the exchange follows from the kind. Publishers, handler contexts and the CLI all go
 * through here, so a message is checked the same way wherever it is made.
 */
public final class OutgoingMessages {

    private OutgoingMessages() {}

    /** The declared event or command. */
    public static MessageDefinition definition(Topology topology, String key) {
        return topology.message(key).orElseThrow(() -> new IllegalArgumentException(
                "'" + key + "' is neither an event nor a command of the topology"
                        + (topology.source() == null ? "" : " " + topology.source())
                        + "; declare it, or check the spelling (bloodbank list-events)"));
    }

    /** The exchange a message of this key is published to. */
    public static String exchange(Topology topology, MessageDefinition definition) {
        return definition.kind() == MessageKind.EVENT ? topology.exchanges().events() : topology.exchanges().commands();
    }

    /** A new envelope for a payload given as a record, a map or a JsonNode, validated against its schema. */
    public static Envelope envelope(Topology topology, String key, Object payload, Source source, List<UUID> correlationIds) {
        MessageDefinition definition = definition(topology, key);
        JsonNode tree = EnvelopeCodec.standard().payloadTree(payload);
        check(definition, tree);
        return Envelopes.create(key, tree, source, correlationIds);
    }

    /** @throws InvalidPayloadException listing every violation, when the payload breaks the schema */
    public static void check(MessageDefinition definition, JsonNode payload) {
        List<SchemaViolation> violations = definition.schema().validate(payload);
        if (!violations.isEmpty()) throw new InvalidPayloadException(definition.key(), violations);
    }
}
