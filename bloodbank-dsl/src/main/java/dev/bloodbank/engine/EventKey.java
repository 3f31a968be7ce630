package dev.bloodbank.engine;

/**
 * An event key that names the Java type of its payload, so that {@link MessageContext#publish(EventKey, Object)}
 * refuses a payload of another type at compile time. The DSL's {@code EventType} (what the code
 * generator writes) is the implementation; the engine needs only the key.
 *
 * @param <T> the payload type
 */
public interface EventKey<T> {

    /** The routing key, e.g. {@code fireflies.transcript.summarized}. */
    String key();
}
