package dev.bloodbank.topology;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bloodbank.schema.MessageSchema;
import dev.bloodbank.schema.compat.CompatibilityMode;
import java.util.List;

/** A request for work, sent to the commands exchange and taken by competing workers on one queue. */
public record CommandDefinition(
        String key,
        String description,
        MessageSchema schema,
        List<JsonNode> examples,
        QueueSettings worker,
        Location location,
        CompatibilityMode compatibility)
        implements MessageDefinition {

    /** A command with the default compatibility mode. */
    public CommandDefinition(
            String key, String description, MessageSchema schema, List<JsonNode> examples, QueueSettings worker, Location location) {
        this(key, description, schema, examples, worker, location, CompatibilityMode.DEFAULT);
    }

    /** The worker queue of a command unless its declaration names one. */
    public static String defaultQueueName(String key) {
        return "bloodbank.cmd." + key;
    }

    public CommandDefinition {
        examples = List.copyOf(examples);
    }

    @Override
    public MessageKind kind() {
        return MessageKind.COMMAND;
    }
}
