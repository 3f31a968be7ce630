package dev.bloodbank.broker.reconcile;

import java.util.Map;

/** One object on the broker that Bloodbank declares and compares: an exchange, queue, binding or policy. */
public sealed interface BrokerObject permits Exchange, Queue, Binding, Policy {

    ObjectKind kind();

    /** What identifies the object among those of its kind; for a binding, all of its fields. */
    String id();

    /**
     * The comparable properties, flattened ({@code arguments.x-message-ttl}), in a stable order,
     * values already normalised (see Arguments). Two objects with the same id and equal
     * properties need no change.
     */
    Map<String, Object> properties();

    /** Kind and id, e.g. {@code queue bloodbank.sub.archive}. */
    default String display() {
        return kind().label() + " " + id();
    }
}
