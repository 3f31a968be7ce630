package dev.bloodbank.topology;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bloodbank.schema.MessageSchema;
import dev.bloodbank.schema.compat.CompatibilityMode;
import java.util.List;

/** What an event or a command declares: its key, meaning, payload schema and examples. */
public sealed interface MessageDefinition permits EventDefinition, CommandDefinition {

    /** The routing key, e.g. {@code github.pull-request.merged}. */
    String key();

    String description();

    MessageSchema schema();

    /** Example payloads, each valid against {@link #schema()}. */
    List<JsonNode> examples();

    Location location();

    /** How its schema may change from one version to the next. */
    CompatibilityMode compatibility();

    MessageKind kind();

    /** The first segment of the key. */
    default String domain() {
        String key = key();
        int dot = key.indexOf('.');
        return dot < 0 ? key : key.substring(0, dot);
    }
}
