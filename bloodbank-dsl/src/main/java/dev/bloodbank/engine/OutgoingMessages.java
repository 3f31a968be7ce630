package dev.bloodbank.engine;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.bloodbank.envelope.Envelope;
import dev.bloodbank.envelope.EnvelopeCodec;
import dev.bloodbank.envelope.Envelopes;
import dev.bloodbank.envelope.Source;
import dev.bloodbank.schema.CheckingGenerator;
import dev.bloodbank.schema.InvalidPayloadException;
import dev.bloodbank.schema.MessageSchema;
import dev.bloodbank.schema.SchemaViolation;
import dev.bloodbank.topology.MessageDefinition;
import dev.bloodbank.topology.MessageKind;
import dev.bloodbank.topology.Topology;
import java.time.Instant;
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

    /**
     * A new envelope for a payload given as a record, a map or a JsonNode, validated against its
     * schema. A record or a map is written straight to the envelope's bytes and checked on the way
     * ({@link MessageSchema#checking}): the envelope keeps those bytes, so sending it costs no
     * second writing, and makes the payload's tree only if asked. Only a payload that check cannot
     * pass (it breaks its schema, or holds what the check does not follow) is made into a tree,
     * which is validated exactly, every violation reported.
     *
     * @throws InvalidPayloadException listing every violation, when the payload breaks the schema
     */
    public static Envelope envelope(Topology topology, String key, Object payload, Source source, List<UUID> correlationIds) {
        return envelope(topology, key, payload, source, correlationIds, Instant.now());
    }

    /** As {@link #envelope(Topology, String, Object, Source, List)}, stamped {@code timestamp} (a test driver's clock). */
    public static Envelope envelope(Topology topology, String key, Object payload, Source source, List<UUID> correlationIds,
            Instant timestamp) {
        MessageDefinition definition = definition(topology, key);
        EnvelopeCodec codec = EnvelopeCodec.standard();
        if (payload != null && !(payload instanceof JsonNode) && definition.schema().checksTokens()) {
            Envelope head = Envelopes.create(key, MissingNode.getInstance(), source, correlationIds, timestamp);
            Envelope written = codec.write(head, payload, new TokenCheck(definition.schema()));
            if (written != null) return written;
        }
        JsonNode tree = codec.payloadTree(payload);
        check(definition, tree);
        return Envelopes.create(key, tree, source, correlationIds, timestamp);
    }

    /** A schema's token check as the codec's payload check. */
    private static final class TokenCheck implements EnvelopeCodec.PayloadCheck {
        private final MessageSchema schema;
        private CheckingGenerator generator;

        TokenCheck(MessageSchema schema) {
            this.schema = schema;
        }

        @Override
        public JsonGenerator watch(JsonGenerator payloadGenerator) {
            generator = schema.checking(payloadGenerator);
            return generator == null ? payloadGenerator : generator;
        }

        @Override
        public boolean passed() {
            return generator != null && generator.accepted();
        }
    }

    /** @throws InvalidPayloadException listing every violation, when the payload breaks the schema */
    public static void check(MessageDefinition definition, JsonNode payload) {
        List<SchemaViolation> violations = definition.schema().validate(payload);
        if (!violations.isEmpty()) throw new InvalidPayloadException(definition.key(), violations);
    }
}
