package dev.bloodbank.dsl;

import dev.bloodbank.engine.EventKey;
import dev.bloodbank.topology.MessageKind;

/**
 * An event key and its payload type.
 *
 * @param <T> the payload type
 */
public record EventType<T>(String key, Class<T> payloadType) implements MessageType<T>, EventKey<T> {

    public EventType {
        MessageTypes.check(key, payloadType);
    }

    public static <T> EventType<T> of(String key, Class<T> payloadType) {
        return new EventType<>(key, payloadType);
    }

    @Override
    public MessageKind kind() {
        return MessageKind.EVENT;
    }

    @Override
    public String toString() {
        return "event " + key + " (" + payloadType.getSimpleName() + ")";
    }
}
