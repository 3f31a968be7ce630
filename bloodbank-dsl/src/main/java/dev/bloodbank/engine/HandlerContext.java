package dev.bloodbank.engine;

import dev.bloodbank.envelope.Envelope;
import java.util.Map;

/**
 * What a handler can see and do while it handles one message. Messages it publishes are held
 * until the handler returns and are sent before the input is acknowledged, so a failing handler
 * publishes nothing; each carries the consumed message's id in its {@code correlation_ids}.
 */
public interface HandlerContext {

    /** The message being handled. */
    Envelope envelope();

    /** The AMQP headers of the delivery. */
    Map<String, Object> headers();

    /** The consuming service (the subscription name, or the command's worker). */
    String service();

    /** 1 for the first delivery, 2 for the first retry, and so on. */
    int attempt();

    /** Publishes an event; the payload (a record, a map or a JsonNode) is validated against its schema. */
    void publish(String eventKey, Object payload);

    /** Sends a command; the payload is validated against its schema. */
    void send(String commandKey, Object payload);
}
