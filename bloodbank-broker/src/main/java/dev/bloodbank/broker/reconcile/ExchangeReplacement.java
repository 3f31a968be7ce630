package dev.bloodbank.broker.reconcile;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Re-declaring an exchange whose fixed properties changed: only with --allow-recreate, and never
 * while an object Bloodbank does not own is bound to it (deleting the exchange deletes that binding).
 */
final class ExchangeReplacement {

    private final SafetyContext context;

    ExchangeReplacement(SafetyContext context) {
        this.context = context;
    }

    Verdict carryOut(Change.ReplaceRequired r) {
        Exchange desired = (Exchange) r.desired();
        String name = desired.name();
        if (!context.options().allowRecreate())
            return Verdict.refused(new Refusal.ExchangeCannotChangeInPlace(name, r.fields()));
        for (Binding b : context.live().bindings()) {
            if (b.source().equals(name) && !context.ownership().owns(b.destination()))
                return Verdict.refused(new Refusal.ForeignBinding(name, b.destination()));
        }
        if (context.options().dryRun())
            return Verdict.carried("would delete and re-declare it with " + r.rebind().size() + " binding(s)");
        // Exchanges come before queues: a binding to a queue this run has yet to create is made
        // later by its own change; here only the bindings to queues that exist are restored.
        Set<String> liveQueues = context.live().queues().stream().map(Queue::name).collect(Collectors.toSet());
        List<Binding> rebind = r.rebind().stream()
                .filter(b -> !"queue".equals(b.destinationType()) || liveQueues.contains(b.destination()))
                .toList();
        BrokerAdmin admin = context.admin();
        admin.deleteExchange(name);
        admin.declare(desired);
        for (Binding b : rebind) admin.bind(b);
        return Verdict.carried("deleted and re-declared with " + rebind.size() + " binding(s)");
    }
}
