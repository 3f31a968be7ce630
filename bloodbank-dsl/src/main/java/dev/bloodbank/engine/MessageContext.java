package dev.bloodbank.engine;

import dev.bloodbank.envelope.Envelope;
import java.util.Map;

/**
 * What a handler sees and can do while it handles one message. What it publishes or sends is held
 * until the handler returns, goes out before the input is acknowledged, and carries the consumed
 * message's id in its {@code correlation_ids}; a handler that throws publishes nothing.
 *
 * <p>The one handler context of Bloodbank: the engine hands it to every handler, on RabbitMQ and in
 * the test driver alike. Applications use it; they do not implement it.
 */
public interface MessageContext {

    /** The message being handled, as it arrived. */
    Envelope envelope();

    /** The headers of the delivery (the attempt count among them). */
    Map<String, Object> headers();

    /** The service this application runs as (the subscription name, or the command's worker). */
    String service();

    /** 1 for the first delivery, 2 for the first retry, and so on. */
    int attempt();

    /**
     * Publishes an event. The payload (a record, a map or a {@code JsonNode}) is written with the
     * application's mapper and validated against the event's schema.
     *
     * @throws NonRetryable when the key is not an event of the topology
     */
    void publish(String eventKey, Object payload);

    /**
     * Sends a command to its worker queue; the payload is validated against the command's schema.
     *
     * @throws NonRetryable when the key is not a command of the topology
     */
    void send(String commandKey, Object payload);

    /** Publishes an event of a typed key: a payload of another type does not compile. */
    default <T> void publish(EventKey<T> event, T payload) {
        publish(event.key(), payload);
    }

    /** Sends a command of a typed key: a payload of another type does not compile. */
    default <T> void send(CommandKey<T> command, T payload) {
        send(command.key(), payload);
    }
}
