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

    /**
     * A new message ready to send: what its AMQP properties mirror, and its body. The payload is
     * checked against its schema exactly as {@link #envelope} checks it, and throws the same way.
     */
    public record Encoded(UUID eventId, String key, java.time.Instant timestamp, Source source, byte[] body) {
        static Encoded of(Envelope envelope, byte[] body) {
            return new Encoded(envelope.eventId(), envelope.eventType(), envelope.timestamp(), envelope.source(), body);
        }
    }

    /**
     * A new message for a payload given as a record, a map or a JsonNode, as {@link #envelope}
     * makes it and {@link EnvelopeCodec#encode(Envelope)} writes it. A record or a map is written
     * straight to bytes and checked on the way ({@link MessageSchema#checking}); only when that
     * check cannot pass it (the payload breaks its schema, or holds what it does not follow) is a
     * tree made, which validates it exactly and reports every violation.
     */
    public static Encoded encode(Topology topology, String key, Object payload, Source source, List<UUID> correlationIds) {
        MessageDefinition definition = definition(topology, key);
        EnvelopeCodec codec = EnvelopeCodec.standard();
        if (payload != null && !(payload instanceof JsonNode) && definition.schema().checksTokens()) {
            Envelope head = Envelopes.create(key, MissingNode.getInstance(), source, correlationIds);
            byte[] body = codec.encode(head, payload, new TokenCheck(definition.schema()));
            if (body != null) return Encoded.of(head, body);
        }
        Envelope envelope = envelope(topology, key, payload, source, correlationIds);
        return Encoded.of(envelope, codec.encode(envelope));
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
