package dev.bloodbank.dsl;

import dev.bloodbank.topology.MessageKind;

/**
 * One key of the topology together with the Java type of its payload, so that code naming the
 * key also names what travels under it. Generated from topology.yaml by the code generator
 * ({@code Events.FIREFLIES_TRANSCRIPT_UPLOADED}); written by hand only for keys outside it.
 *
 * @param <T> the payload type
 */
public sealed interface MessageType<T> permits EventType, CommandType {

    /** The routing key, e.g. {@code fireflies.transcript.uploaded}. */
    String key();

    /** The class payloads under this key bind to. */
    Class<T> payloadType();

    MessageKind kind();
}
