package dev.bloodbank.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.bloodbank.topology.CommandDefinition;
import dev.bloodbank.topology.MessageDefinition;
import dev.bloodbank.topology.MessageKind;
import dev.bloodbank.topology.QueueSettings;
import dev.bloodbank.topology.Subscription;
import dev.bloodbank.topology.Topology;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The whole bus as an AsyncAPI 3.0 document. A channel per key (its routing key on the events or
 * commands exchange) and a channel per consuming queue; a receive operation per subscription and
 * per command worker, on its queue; each message's payload is the envelope around the key's schema,
 * and what every message shares (content type, AMQP properties, correlation) is the trait
 * {@code envelope}.
 */
public final class AsyncApiExport {

    static final String BINDING_VERSION = "0.3.0";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Topology topology;
    private final String vhost;
    private final ObjectNode document = MAPPER.createObjectNode();

    private AsyncApiExport(Topology topology, String vhost) {
        this.topology = topology;
        this.vhost = vhost;
    }

    /** The document for the topology on this virtual host (the bindings name it). */
    public static ObjectNode of(Topology topology, String vhost) {
        return new AsyncApiExport(topology, vhost).build();
    }

    private ObjectNode build() {
        document.put("asyncapi", "3.0.0");
        ObjectNode info = document.putObject("info");
        info.put("title", "Bloodbank event bus");
        info.put("version", "1.0.0");
        info.put("description", "Every event and command of the ecosystem, the exchanges they travel on and the queues that consume"
                + " them, derived from " + topology.source().getFileName() + ".");
        document.put("defaultContentType", "application/json");
        ObjectNode channels = document.putObject("channels");
        ObjectNode operations = document.putObject("operations");
        ObjectNode components = document.putObject("components");
        ObjectNode schemas = components.putObject("schemas");
        schemas.set("Envelope", envelopeSchema());
        ObjectNode messages = components.putObject("messages");
        components.putObject("messageTraits").set("envelope", envelopeTrait());

        for (MessageDefinition message : topology.messages()) {
            schemas.set(message.key(), withLocalReferencesUnder(message.schema().document().deepCopy(), "#/components/schemas/" + message.key()));
            messages.set(message.key(), message(message));
            channels.set(message.key(), keyChannel(message));
        }
        for (Subscription subscription : topology.subscriptions().values()) {
            List<MessageDefinition> received = topology.events().values().stream()
                    .filter(e -> subscription.receives(e.key())).map(MessageDefinition.class::cast).toList();
            String channel = "queue." + subscription.queue().queue();
            channels.set(channel, queueChannel(subscription.queue(), received,
                    "The queue of subscription '" + subscription.service() + "', bound with " + String.join(", ", subscription.patterns()) + "."));
            operations.set(subscription.service() + ".receive", receive(channel, received, subscription.queue(),
                    "Service '" + subscription.service() + "' receives the events its patterns match."));
        }
        for (CommandDefinition command : topology.commands().values()) {
            String channel = "queue." + command.worker().queue();
            channels.set(channel, queueChannel(command.worker(), List.of(command), "The worker queue of command '" + command.key() + "'."));
            operations.set(command.key() + ".work", receive(channel, List.of(command), command.worker(),
                    "Workers of '" + command.key() + "' compete for commands on one queue."));
        }
        return document;
    }

    private ObjectNode keyChannel(MessageDefinition message) {
        ObjectNode channel = MAPPER.createObjectNode();
        channel.put("address", message.key());
        channel.put("description", message.description());
        channel.putObject("messages").putObject(message.key()).put("$ref", "#/components/messages/" + message.key());
        ObjectNode amqp = channel.putObject("bindings").putObject("amqp");
        amqp.put("is", "routingKey");
        ObjectNode exchange = amqp.putObject("exchange");
        exchange.put("name", message.kind() == MessageKind.EVENT ? topology.exchanges().events() : topology.exchanges().commands());
        exchange.put("type", "topic");
        exchange.put("durable", true);
        exchange.put("autoDelete", false);
        exchange.put("vhost", vhost);
        amqp.put("bindingVersion", BINDING_VERSION);
        return channel;
    }

    private ObjectNode queueChannel(QueueSettings queue, List<MessageDefinition> received, String description) {
        ObjectNode channel = MAPPER.createObjectNode();
        channel.put("address", queue.queue());
        channel.put("description", description);
        ObjectNode messages = channel.putObject("messages");
        for (MessageDefinition message : received)
            messages.putObject(message.key()).put("$ref", "#/components/messages/" + message.key());
        ObjectNode amqp = channel.putObject("bindings").putObject("amqp");
        amqp.put("is", "queue");
        ObjectNode spec = amqp.putObject("queue");
        spec.put("name", queue.queue());
        spec.put("durable", true);
        spec.put("exclusive", false);
        spec.put("autoDelete", false);
        spec.put("vhost", vhost);
        amqp.put("bindingVersion", BINDING_VERSION);
        return channel;
    }

    private ObjectNode receive(String channel, List<MessageDefinition> received, QueueSettings queue, String description) {
        ObjectNode operation = MAPPER.createObjectNode();
        operation.put("action", "receive");
        operation.putObject("channel").put("$ref", "#/channels/" + channel);
        operation.put("description", description + " Prefetch " + queue.prefetch() + ", " + queue.queueType().wireName()
                + " queue, " + queue.retry().attempts() + " attempts, then " + queue.deadLetterQueue() + ".");
        ArrayNode messages = operation.putArray("messages");
        for (MessageDefinition message : received)
            messages.addObject().put("$ref", "#/channels/" + channel + "/messages/" + message.key());
        ObjectNode amqp = operation.putObject("bindings").putObject("amqp");
        amqp.put("ack", true);
        amqp.put("bindingVersion", BINDING_VERSION);
        return operation;
    }

    private ObjectNode message(MessageDefinition definition) {
        ObjectNode message = MAPPER.createObjectNode();
        message.put("name", definition.key());
        message.put("title", JsonSchemaExport.className(definition.key()));
        message.put("summary", definition.description());
        ObjectNode payload = message.putObject("payload");
        ArrayNode allOf = payload.putArray("allOf");
        allOf.addObject().put("$ref", "#/components/schemas/Envelope");
        ObjectNode own = allOf.addObject().putObject("properties");
        own.putObject("event_type").put("const", definition.key());
        own.putObject("payload").put("$ref", "#/components/schemas/" + definition.key());
        message.putArray("traits").addObject().put("$ref", "#/components/messageTraits/envelope");
        ObjectNode amqp = message.putObject("bindings").putObject("amqp");
        amqp.put("messageType", definition.key());
        amqp.put("bindingVersion", BINDING_VERSION);
        if (!definition.examples().isEmpty()) {
            ArrayNode examples = message.putArray("examples");
            for (int i = 0; i < definition.examples().size(); i++) {
                ObjectNode example = examples.addObject();
                example.put("name", "example-" + (i + 1));
                example.put("summary", "The payload of example " + (i + 1) + " in the topology.");
                example.putObject("payload").set("payload", definition.examples().get(i).deepCopy());
            }
        }
        return message;
    }

    private static ObjectNode envelopeTrait() {
        ObjectNode trait = MAPPER.createObjectNode();
        trait.put("contentType", "application/json");
        trait.put("description", "Sent inside the Bloodbank envelope. AMQP properties mirror it: message_id = event_id, type ="
                + " event_type, app_id = source.app, timestamp, content_type application/json, delivery_mode 2 (persistent);"
                + " the routing key is the key.");
        ObjectNode correlation = trait.putObject("correlationId");
        correlation.put("description", "The event_id of the message that caused this one is in correlation_ids.");
        correlation.put("location", "$message.payload#/correlation_ids");
        return trait;
    }

    private static ObjectNode envelopeSchema() {
        try (InputStream in = AsyncApiExport.class.getResourceAsStream("envelope.schema.json")) {
            if (in == null) throw new IllegalStateException("envelope.schema.json is missing from the jar");
            return (ObjectNode) MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A key's {@code #/$defs/X} must still point at its own definitions once the schema sits inside the document. */
    static JsonNode withLocalReferencesUnder(JsonNode node, String base) {
        if (node.isObject()) {
            ObjectNode object = (ObjectNode) node;
            JsonNode ref = object.get("$ref");
            if (ref != null && ref.isTextual() && ref.asText().startsWith("#")) object.set("$ref", TextNode.valueOf(base + ref.asText().substring(1)));
            for (Iterator<Map.Entry<String, JsonNode>> fields = object.fields(); fields.hasNext(); ) withLocalReferencesUnder(fields.next().getValue(), base);
        } else if (node.isArray()) {
            node.forEach(element -> withLocalReferencesUnder(element, base));
        }
        return node;
    }
}
