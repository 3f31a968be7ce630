package dev.bloodbank.testing;

import dev.bloodbank.engine.DeadLetter;

/**
 * A dead letter of a typed key: its payload bound to the key's type, and the dead letter with
 * why it is there ({@link DeadLetter#reason()}, {@link DeadLetter#attempts()}, the error).
 */
public record DeadLettered<T>(T value, DeadLetter deadLetter) {

    public String reason() {
        return deadLetter.reason();
    }

    public int attempts() {
        return deadLetter.attempts();
    }
}
