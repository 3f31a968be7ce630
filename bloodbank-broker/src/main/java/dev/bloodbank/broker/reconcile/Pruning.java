package dev.bloodbank.broker.reconcile;

import dev.bloodbank.broker.reconcile.BrokerAdmin.QueueDepth;
import dev.bloodbank.broker.reconcile.Refusal.Attempt;
import dev.bloodbank.topology.QueueType;
import java.util.Optional;

/**
 * Deleting what the topology no longer has. The planner only proposes objects Bloodbank owns
 * (never amq.*, never other applications' objects); here the broker is asked again at the last
 * moment: a queue is deleted only while idle and while its retry queues are empty, an exchange
 * only while no binding has it as source.
 */
final class Pruning {

    private final SafetyContext context;

    Pruning(SafetyContext context) {
        this.context = context;
    }

    Verdict carryOut(Change.Delete d) {
        BrokerObject object = d.current();
        if (object instanceof Queue q) return deleteQueue(q);
        if (context.options().dryRun()) return Verdict.carried();
        BrokerAdmin admin = context.admin();
        if (object instanceof Binding b) {
            admin.unbind(b);
        } else if (object instanceof Policy p) {
            admin.deletePolicy(p.name());
        } else if (!admin.deleteExchangeIfUnused(object.id())) {
            return Verdict.refused(new Refusal.ExchangeInUse(object.id()));
        }
        return Verdict.carried();
    }

    private Verdict deleteQueue(Queue q) {
        String name = q.name();
        BrokerAdmin admin = context.admin();
        if (context.options().dryRun()) {
            Optional<QueueDepth> now = admin.depth(name);
            if (now.isPresent() && now.get().messages() > 0)
                return Verdict.refused(new Refusal.QueueNotIdle(name, Attempt.PRUNE, now.get().messages(), 0, false));
            return Verdict.carried();
        }
        Optional<Refusal> feeder = RetryQueueGuard.check(context, name, Attempt.PRUNE);
        if (feeder.isPresent()) return Verdict.refused(feeder.get());
        // Only classic queues support the broker's atomic if-empty/if-unused delete.
        if (q.queueType().orElse(null) == QueueType.CLASSIC) {
            return admin.deleteQueueIfIdle(name) ? Verdict.carried()
                    : Verdict.refused(new Refusal.BrokerKeptBusyQueue(name, Attempt.PRUNE));
        }
        Optional<QueueDepth> depth = admin.depth(name);
        if (depth.isEmpty()) return Verdict.carried("already gone");
        if (!depth.get().idle())
            return Verdict.refused(new Refusal.QueueNotIdle(name, Attempt.PRUNE, depth.get().messages(), depth.get().consumers(), false));
        admin.deleteQueue(name);
        return Verdict.carried();
    }
}
