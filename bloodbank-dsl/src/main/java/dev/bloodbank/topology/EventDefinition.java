package dev.bloodbank.topology;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bloodbank.schema.MessageSchema;
import java.util.List;

/** Something that happened, published to the events exchange for any subscription to receive. */
public record EventDefinition(
        String key, String description, MessageSchema schema, List<JsonNode> examples, Location location)
        implements MessageDefinition {

    public EventDefinition {
        examples = List.copyOf(examples);
    }

    @Override
    public MessageKind kind() {
        return MessageKind.EVENT;
    }
}
