package dev.bloodbank.broker.reconcile;

import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

/**
 * Which broker objects Bloodbank may delete when pruning. RabbitMQ has no metadata on exchanges
 * and queues other than their arguments, and an argument would be fixed forever (changing it means
 * re-creating the queue), so ownership is by name: an object is Bloodbank's when the topology
 * names it, or when its name starts with {@value BrokerTopology#PREFIX}. Never Bloodbank's: the
 * default exchange, anything named {@code amq.*}. A binding is Bloodbank's when both its ends are.
 * One topology per vhost: two topologies in one vhost would prune each other's objects.
 */
final class Ownership {

    private final Set<String> desiredNames = new HashSet<>();

    Ownership(BrokerTopology desired) {
        this(names(desired));
    }

    /** From the names a topology gives its exchanges, queues and policies (as a saved plan keeps them). */
    Ownership(Collection<String> topologyNames) {
        desiredNames.addAll(topologyNames);
    }

    static Set<String> names(BrokerTopology desired) {
        Set<String> names = new HashSet<>();
        desired.exchanges().forEach(e -> names.add(e.name()));
        desired.queues().forEach(q -> names.add(q.name()));
        desired.policies().forEach(p -> names.add(p.name()));
        return names;
    }

    /** Whether an exchange, queue or policy with this name is Bloodbank's. */
    boolean owns(String name) {
        if (name.isEmpty() || name.startsWith("amq.") || name.startsWith(BrokerTopology.REPLAY_PREFIX)) return false;
        return desiredNames.contains(name) || name.startsWith(BrokerTopology.PREFIX);
    }

    boolean owns(BrokerObject object) {
        if (object instanceof Binding b) return owns(b.source()) && owns(b.destination());
        return owns(object.id());
    }

    /**
     * Whether a binding joins two objects of the topology. The topology is the whole truth about
     * those, so such a binding that it no longer lists is removed even without prune: otherwise
     * an edited pattern would keep delivering what it no longer asks for.
     */
    boolean manages(Binding b) {
        return desiredNames.contains(b.source()) && desiredNames.contains(b.destination());
    }
}
