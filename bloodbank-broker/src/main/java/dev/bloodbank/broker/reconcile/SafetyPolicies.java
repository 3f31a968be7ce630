package dev.bloodbank.broker.reconcile;

/**
 * Picks the policy for each change: creations and in-place updates are declared as planned,
 * replacements of queues and exchanges and deletions go through their safety rules, and a stream
 * (history) is never deleted nor re-created.
 */
final class SafetyPolicies {

    private final SafetyContext context;
    private final QueueReplacement queueReplacement;
    private final ExchangeReplacement exchangeReplacement;
    private final Pruning pruning;

    SafetyPolicies(SafetyContext context) {
        this.context = context;
        this.queueReplacement = new QueueReplacement(context);
        this.exchangeReplacement = new ExchangeReplacement(context);
        this.pruning = new Pruning(context);
    }

    Verdict carryOut(Change change) {
        Queue stream = change instanceof Change.Delete d && d.current() instanceof Queue q ? q
                : change instanceof Change.ReplaceRequired r && r.current() instanceof Queue q ? q
                : null;
        if (stream != null && Queue.STREAM.equals(stream.type()))
            return Verdict.refused(new Refusal.StreamHoldsHistory(stream.name(), change instanceof Change.Delete));
        if (change instanceof Change.Create c) return declare(c.desired());
        if (change instanceof Change.Update u) return declare(u.desired());
        if (change instanceof Change.ReplaceRequired r)
            return r.desired() instanceof Queue ? queueReplacement.carryOut(r) : exchangeReplacement.carryOut(r);
        return pruning.carryOut((Change.Delete) change);
    }

    private Verdict declare(BrokerObject object) {
        if (context.options().dryRun()) return Verdict.carried();
        BrokerAdmin admin = context.admin();
        if (object instanceof Exchange e) admin.declare(e);
        else if (object instanceof Queue q) admin.declare(q);
        else if (object instanceof Binding b) admin.bind(b);
        else admin.putPolicy((Policy) object);
        return Verdict.carried();
    }
}
