package dev.bloodbank.dsl;

import dev.bloodbank.engine.MessageContext;
import dev.bloodbank.engine.NonRetryable;
import dev.bloodbank.envelope.Envelope;
import dev.bloodbank.topology.Topology;
import java.util.Map;

/**
 * The engine's context as the DSL's handlers see it: writes payloads with the application's mapper
 * and refuses a key of the wrong kind with a hint before the engine sees it. Publishing goes through
 * the engine's context, which buffers until the handler returns and adds the correlation id.
 */
final class BoundContext implements MessageContext {

    private final MessageContext engine;
    private final Payloads payloads;
    private final Topology topology;

    BoundContext(MessageContext engine, Payloads payloads, Topology topology) {
        this.engine = engine;
        this.payloads = payloads;
        this.topology = topology;
    }

    @Override
    public Envelope envelope() {
        return engine.envelope();
    }

    @Override
    public Map<String, Object> headers() {
        return engine.headers();
    }

    @Override
    public String service() {
        return engine.service();
    }

    @Override
    public int attempt() {
        return engine.attempt();
    }

    @Override
    public void publish(String eventKey, Object payload) {
        if (!topology.events().containsKey(eventKey)) {
            throw new NonRetryable(topology.commands().containsKey(eventKey)
                    ? "'" + eventKey + "' is a command, not an event: send it with send(\"" + eventKey + "\", ...)"
                    : "cannot publish '" + eventKey + "': the topology declares no such event");
        }
        engine.publish(eventKey, tree(eventKey, payload));
    }

    @Override
    public void send(String commandKey, Object payload) {
        if (!topology.commands().containsKey(commandKey)) {
            throw new NonRetryable(topology.events().containsKey(commandKey)
                    ? "'" + commandKey + "' is an event, not a command: publish it with publish(\"" + commandKey + "\", ...)"
                    : "cannot send '" + commandKey + "': the topology declares no such command");
        }
        engine.send(commandKey, tree(commandKey, payload));
    }

    private Object tree(String key, Object payload) {
        if (payload == null) throw new NonRetryable("the payload for '" + key + "' is null");
        try {
            return payloads.tree(payload);
        } catch (IllegalArgumentException e) {
            // a type Jackson cannot write fails the same way on every attempt
            throw new NonRetryable("the payload for '" + key + "' cannot be written as JSON: " + e.getMessage(), e);
        }
    }
}
