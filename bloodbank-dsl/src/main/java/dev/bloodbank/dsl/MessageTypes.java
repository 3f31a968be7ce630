package dev.bloodbank.dsl;

import java.util.Objects;

/** The checks both kinds of {@link MessageType} share. */
final class MessageTypes {

    private MessageTypes() {}

    static void check(String key, Class<?> payloadType) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(payloadType, "payloadType");
        if (key.isBlank()) throw new IllegalArgumentException("a message key must not be blank");
    }
}
