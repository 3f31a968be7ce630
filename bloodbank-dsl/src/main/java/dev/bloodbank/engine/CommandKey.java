package dev.bloodbank.engine;

/**
 * A command key that names the Java type of its payload, so that {@link MessageContext#send(CommandKey, Object)}
 * refuses a payload of another type at compile time. The DSL's {@code CommandType} is the implementation.
 *
 * @param <T> the payload type
 */
public interface CommandKey<T> {

    /** The routing key, e.g. {@code fireflies.transcript.process}. */
    String key();
}
