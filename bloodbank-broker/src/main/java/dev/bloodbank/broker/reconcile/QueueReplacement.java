package dev.bloodbank.broker.reconcile;

import dev.bloodbank.broker.management.ManagementException;
import dev.bloodbank.broker.reconcile.BrokerAdmin.QueueDepth;
import dev.bloodbank.broker.reconcile.Refusal.Attempt;
import dev.bloodbank.topology.QueueType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Re-creating a queue whose fixed properties changed: only with --allow-recreate, and only while
 * it is idle. Classic queues are deleted with the broker's own if-empty/if-unused check (atomic);
 * quorum queues, which do not support it, are first fenced (their bindings removed, so routed
 * messages stop arriving), then asked for their exact counts, and bound again if they hold anything.
 * Decisions use the queue's own count: the statistics behind the plan's count lag by seconds.
 */
final class QueueReplacement {

    private final SafetyContext context;

    QueueReplacement(SafetyContext context) {
        this.context = context;
    }

    Verdict carryOut(Change.ReplaceRequired r) {
        Queue desired = (Queue) r.desired();
        String name = desired.name();
        BrokerAdmin admin = context.admin();
        if (!context.options().allowRecreate())
            return Verdict.refused(new Refusal.QueueCannotChangeInPlace(name, r.fields(), countForMessage(name, r.messages())));

        Optional<QueueDepth> now = admin.depth(name);
        if (now.isPresent() && now.get().messages() > 0)
            return Verdict.refused(new Refusal.QueueNotIdle(name, Attempt.RECREATE, now.get().messages(), now.get().consumers(), false));
        if (context.options().dryRun())
            return Verdict.carried("would delete the empty queue and re-create it with " + r.rebind().size() + " binding(s)");

        Optional<Refusal> feeder = RetryQueueGuard.check(context, name, Attempt.RECREATE);
        if (feeder.isPresent()) return Verdict.refused(feeder.get());

        Queue current = (Queue) r.current();
        if (current.queueType().orElse(null) == QueueType.CLASSIC) {
            if (!admin.deleteQueueIfIdle(name)) return Verdict.refused(new Refusal.BrokerKeptBusyQueue(name, Attempt.RECREATE));
        } else {
            Optional<Refusal> busy = fenceAndProbe(name);
            if (busy.isPresent()) return Verdict.refused(busy.get());
            admin.deleteQueue(name);
        }
        admin.declare(desired);
        for (Binding b : r.rebind()) admin.bind(b);
        return Verdict.carried("deleted while empty and re-created with " + r.rebind().size() + " binding(s)");
    }

    /**
     * Removes the queue's bindings, so that no routed message can arrive, then asks the queue
     * itself. Empty when it is idle (and stays unbound for the caller to delete), else why not,
     * after binding it again.
     */
    private Optional<Refusal> fenceAndProbe(String name) {
        BrokerAdmin admin = context.admin();
        List<Binding> fenced = new ArrayList<>();
        for (Binding b : context.live().bindings()) {
            if (b.destination().equals(name) && "queue".equals(b.destinationType())) fenced.add(b);
        }
        for (Binding b : fenced) admin.unbind(b);
        Optional<QueueDepth> depth = admin.depth(name);
        if (depth.isEmpty() || depth.get().idle()) return Optional.empty();
        for (Binding b : fenced) admin.bind(b);
        return Optional.of(new Refusal.QueueNotIdle(name, Attempt.RECREATE, depth.get().messages(), depth.get().consumers(), true));
    }

    /** The exact count for a refusal; the statistics' count when the queue cannot be asked. */
    private Long countForMessage(String queue, Long statistics) {
        try {
            return context.admin().depth(queue).map(QueueDepth::messages).orElse(statistics);
        } catch (ManagementException e) {
            return statistics;
        }
    }
}
