package dev.bloodbank.topology;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bloodbank.schema.MessageSchema;
import dev.bloodbank.schema.compat.CompatibilityMode;
import java.util.List;

/** Something that happened, published to the events exchange for any subscription to receive. */
public record EventDefinition(
        String key,
        String description,
        MessageSchema schema,
        List<JsonNode> examples,
        Location location,
        CompatibilityMode compatibility)
        implements MessageDefinition {

    public EventDefinition {
        examples = List.copyOf(examples);
    }

    /** An event with the default compatibility mode. */
    public EventDefinition(String key, String description, MessageSchema schema, List<JsonNode> examples, Location location) {
        this(key, description, schema, examples, location, CompatibilityMode.DEFAULT);
    }

    @Override
    public MessageKind kind() {
        return MessageKind.EVENT;
    }
}
