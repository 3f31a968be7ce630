package dev.bloodbank.broker.reconcile;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** The pure diff between the desired objects and the live state of a vhost. */
public final class Planner {

    private Planner() {}

    /**
     * Compares and orders. Without {@code prune} nothing is deleted except bindings between two
     * objects of the topology (see {@link Ownership#manages}); with it, objects Bloodbank owns and
     * the topology no longer has are deleted too.
     */
    public static Plan plan(String vhost, BrokerTopology desired, LiveState live, boolean prune) {
        Ownership ownership = new Ownership(desired);
        Map<String, BrokerObject> liveById = index(live.objects());
        Map<String, BrokerObject> desiredById = index(desired.objects());

        List<Change> changes = new ArrayList<>();
        List<String> unreadable = new ArrayList<>();
        for (BrokerObject want : desired.objects()) {
            BrokerObject have = liveById.get(key(want));
            if (have == null && want instanceof Binding b && "queue".equals(b.destinationType())
                    && live.queuesDown().contains(b.destination())) {
                // a queue on a node that is down shows no bindings: absent from the listing is not absent
                unreadable.add(b.destination());
                continue;
            }
            if (have == null) {
                changes.add(new Change.Create(want));
                continue;
            }
            List<FieldChange> fields = differences(have, want);
            if (fields.isEmpty()) continue;
            if (want instanceof Policy) {
                changes.add(new Change.Update(have, want, fields));
            } else {
                Long messages = want instanceof Queue q ? live.messages(q.name()) : null;
                changes.add(new Change.ReplaceRequired(have, want, fields, messages, desired.bindingsOf(want.id())));
            }
        }

        int unmanaged = 0;
        List<BrokerObject> liveObjects = live.objects();
        List<Change> deletes = new ArrayList<>();
        for (int i = liveObjects.size() - 1; i >= 0; i--) {
            BrokerObject have = liveObjects.get(i);
            if (desiredById.containsKey(key(have))) continue;
            if (have instanceof Binding b && ownership.manages(b)) {
                deletes.add(new Change.Delete(have, "binding between two objects of the topology that it no longer lists", null));
            } else if (ownership.owns(have)) {
                if (prune) {
                    Long messages = have instanceof Queue q ? live.messages(q.name()) : null;
                    deletes.add(new Change.Delete(have, "owned by Bloodbank and not in the topology", messages));
                } else {
                    unmanaged++;
                }
            }
        }
        // Deletes run in reverse kind order (policies, bindings, queues, exchanges); within a kind
        // the live listing's order, reversed above, is as good as any and stable.
        deletes.sort((a, b) -> b.kind().compareTo(a.kind()));
        changes.addAll(deletes);

        List<String> warnings = new ArrayList<>();
        if (unmanaged > 0)
            warnings.add(unmanaged + " object" + (unmanaged == 1 ? "" : "s") + " owned by Bloodbank "
                    + (unmanaged == 1 ? "is" : "are") + " on the broker but not in the topology; plan --prune lists "
                    + (unmanaged == 1 ? "its" : "their") + " deletion");
        alternateExchangeShadowed(desired, live, liveById).ifPresent(warnings::add);
        for (String queue : unreadable.stream().distinct().sorted().toList())
            warnings.add("queue " + queue + " is down (its node is not running): the broker lists none of its bindings,"
                    + " so they are left as they are; plan again once the node is back");
        return new Plan(vhost, prune, live.digest(), List.copyOf(Ownership.names(desired)), changes, warnings);
    }

    /** The properties of {@code have} and {@code want} that differ, with why each is fixed for non-policies. */
    static List<FieldChange> differences(BrokerObject have, BrokerObject want) {
        Map<String, Object> current = have.properties();
        Map<String, Object> desired = want.properties();
        Map<String, Boolean> fields = new LinkedHashMap<>();
        desired.keySet().forEach(f -> fields.put(f, true));
        current.keySet().forEach(f -> fields.put(f, true));
        List<FieldChange> out = new ArrayList<>();
        for (String field : fields.keySet()) {
            Object c = current.get(field);
            Object d = desired.get(field);
            if (!Objects.equals(c, d)) out.add(new FieldChange(field, c, d, whyImmutable(want, field)));
        }
        return out;
    }

    private static String whyImmutable(BrokerObject object, String field) {
        if (object instanceof Policy) return null;
        if (object instanceof Exchange)
            return "RabbitMQ fixes an exchange's type, flags and arguments when it is declared";
        if (field.equals("type")) return "RabbitMQ fixes a queue's type when it is declared";
        if (field.startsWith("arguments."))
            return "RabbitMQ fixes a queue's x-arguments when it is declared";
        return "RabbitMQ fixes a queue's " + field + " flag when it is declared";
    }

    private static java.util.Optional<String> alternateExchangeShadowed(BrokerTopology desired, LiveState live,
            Map<String, BrokerObject> liveById) {
        for (Policy policy : desired.policies()) {
            Object ae = policy.definition().get("alternate-exchange");
            if (ae == null || !liveById.containsKey(key(policy))) continue;
            for (Exchange exchange : desired.exchanges()) {
                if (!liveById.containsKey(key(exchange))) continue;
                String pattern = policy.pattern();
                if (!pattern.equals("^" + BrokerTopology.regexLiteral(exchange.name()) + "$")) continue;
                String effective = live.exchangePolicies().get(exchange.name());
                if (effective != null && !effective.equals(policy.name()))
                    return java.util.Optional.of("exchange " + exchange.name() + " takes its policy from '" + effective
                            + "', which hides '" + policy.name() + "': events no subscription wants are dropped instead of"
                            + " kept in " + ae + "; give '" + effective + "' a lower priority than "
                            + policy.priority() + " or add alternate-exchange to it");
            }
        }
        return java.util.Optional.empty();
    }

    private static Map<String, BrokerObject> index(List<BrokerObject> objects) {
        Map<String, BrokerObject> byId = new LinkedHashMap<>();
        for (BrokerObject o : objects) byId.put(key(o), o);
        return byId;
    }

    private static String key(BrokerObject o) {
        return o.kind() + ":" + o.id();
    }
}
