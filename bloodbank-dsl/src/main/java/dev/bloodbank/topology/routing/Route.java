package dev.bloodbank.topology.routing;

import java.util.List;
import java.util.Optional;

/**
 * Where one message published to {@code exchange} with {@code routingKey} goes: every consuming
 * queue it reaches, in declaration order. When it reaches none it is unrouted: on an exchange
 * with an alternate exchange (the events exchange) the broker keeps it there; otherwise (the
 * commands exchange) it comes back to its publisher as an error.
 */
public record Route(String exchange, String routingKey, List<Receiver> receivers, Optional<String> alternateExchange) {

    /** A consuming queue the message reaches, with the binding keys that matched it. */
    public record Receiver(ConsumerQueue queue, List<String> matchedBy) {
        public Receiver {
            matchedBy = List.copyOf(matchedBy);
        }
    }

    public Route {
        receivers = List.copyOf(receivers);
    }

    /** Whether no consuming queue wants the message. */
    public boolean unrouted() {
        return receivers.isEmpty();
    }

    /** The exchange that keeps the message because no queue wants it; empty when it is routed, or returned. */
    public Optional<String> keptOn() {
        return unrouted() ? alternateExchange : Optional.empty();
    }
}
