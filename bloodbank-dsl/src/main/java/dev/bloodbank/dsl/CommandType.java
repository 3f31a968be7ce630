package dev.bloodbank.dsl;

import dev.bloodbank.engine.CommandKey;
import dev.bloodbank.topology.MessageKind;

/**
 * A command key and its payload type.
 *
 * @param <T> the payload type
 */
public record CommandType<T>(String key, Class<T> payloadType) implements MessageType<T>, CommandKey<T> {

    public CommandType {
        MessageTypes.check(key, payloadType);
    }

    public static <T> CommandType<T> of(String key, Class<T> payloadType) {
        return new CommandType<>(key, payloadType);
    }

    @Override
    public MessageKind kind() {
        return MessageKind.COMMAND;
    }

    @Override
    public String toString() {
        return "command " + key + " (" + payloadType.getSimpleName() + ")";
    }
}
