package dev.bloodbank.broker.history;

import dev.bloodbank.envelope.Envelope;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Builds the tree of what one event caused in a single pass over the archive. An event is caused
 * by the first of its {@code correlation_ids} already in the tree; a handler publishes only after
 * it consumed its input, so an effect lies after its cause in the stream and one pass finds every
 * descendant. Memory holds the tree, not the archive.
 */
final class Trace {

    private static final class Building {
        final ArchivedMessage message;
        final Envelope envelope;
        final List<Building> caused = new ArrayList<>();

        Building(ArchivedMessage message, Envelope envelope) {
            this.message = message;
            this.envelope = envelope;
        }

        TraceNode freeze() {
            return new TraceNode(envelope.eventId(), envelope.eventType(), envelope.timestamp(), envelope.source().app(),
                    message.offset(), caused.stream().map(Building::freeze).toList());
        }
    }

    private final UUID rootId;
    private final Map<UUID, Building> inTree = new HashMap<>();
    private Building root;

    Trace(UUID rootId) {
        this.rootId = rootId;
    }

    boolean visit(ArchivedMessage message) {
        Envelope e = message.envelope().orElseThrow();
        if (root == null) {
            if (e.eventId().equals(rootId)) {
                root = new Building(message, e);
                inTree.put(rootId, root);
            }
            return true;
        }
        if (inTree.containsKey(e.eventId())) return true;   // the same event archived again (a resend)
        for (UUID cause : e.correlationIds()) {
            Building parent = inTree.get(cause);
            if (parent != null) {
                Building node = new Building(message, e);
                parent.caused.add(node);
                inTree.put(e.eventId(), node);
                break;
            }
        }
        return true;
    }

    Optional<TraceNode> tree() {
        return Optional.ofNullable(root).map(Building::freeze);
    }
}
