package dev.bloodbank.engine;

import dev.bloodbank.envelope.Envelope;
import dev.bloodbank.envelope.Source;
import dev.bloodbank.topology.Topology;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The context of one handler call: collects what the handler publishes, validated and enveloped
 * at once (so the handler fails where its bug is), to be sent only after it returns. It implements
 * the public {@link MessageContext} so that a handler sees one context type whether the DSL
 * or the engine called it.
 */
final class Outputs implements MessageContext {

    private final Topology topology;
    private final Envelope input;
    private final Map<String, Object> headers;
    private final String service;
    private final int attempt;
    private final String host;
    private final Clock clock;
    private List<Outgoing> outputs = List.of();

    Outputs(Topology topology, Envelope input, Map<String, Object> headers, String service, int attempt, String host,
            Clock clock) {
        this.topology = topology;
        this.input = input;
        this.headers = headers;
        this.service = service;
        this.attempt = attempt;
        // Source and correlation are made when the handler publishes: most handlers publish nothing,
        // and a context is made for every delivery.
        this.host = host;
        this.clock = clock;
    }

    @Override
    public Envelope envelope() {
        return input;
    }

    @Override
    public Map<String, Object> headers() {
        return headers;
    }

    @Override
    public String service() {
        return service;
    }

    @Override
    public int attempt() {
        return attempt;
    }

    @Override
    public void publish(String eventKey, Object payload) {
        if (topology.event(eventKey).isEmpty())
            throw new NonRetryable(service + " publishes '" + eventKey + "', which is not an event of the topology"
                    + (topology.command(eventKey).isPresent() ? "; it is a command: use send()" : ""));
        add(topology.exchanges().events(), eventKey, payload);
    }

    @Override
    public void send(String commandKey, Object payload) {
        if (topology.command(commandKey).isEmpty())
            throw new NonRetryable(service + " sends '" + commandKey + "', which is not a command of the topology"
                    + (topology.event(commandKey).isPresent() ? "; it is an event: use publish()" : ""));
        add(topology.exchanges().commands(), commandKey, payload);
    }

    /** Validated and enveloped now, so that a handler fails where its bug is. */
    private void add(String exchange, String key, Object payload) {
        // The direct cause only: following the links walks the whole chain back to its origin.
        List<UUID> correlation = List.of(input.eventId());
        Envelope envelope = OutgoingMessages.envelope(topology, key, payload, new Source(host, "service", service, null),
                correlation, clock.instant());
        if (outputs.isEmpty()) outputs = new ArrayList<>(2);
        outputs.add(new Outgoing(exchange, key, envelope));
    }

    List<Outgoing> outputs() {
        return outputs;
    }
}
