package dev.bloodbank.broker.reconcile;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The message counts a plan shows beside the queues it would replace or delete. The broker's
 * queue listing leaves counts out ({@link dev.bloodbank.broker.management.ManagementClient#queues()}:
 * gathering them for every queue costs the broker more than the rest of the listing), so they are
 * read here for those few queues only, one at a time. A count is the broker's sample, seconds
 * behind the queue: it tells whoever reads the plan what is at stake; apply asks each queue itself
 * before it touches one.
 */
final class QueueCounts {

    private QueueCounts() {
    }

    /** {@code plan} with the count of {@code count} on each replacement or deletion of a queue that has none. */
    static Plan fill(Plan plan, Function<String, Long> count) {
        List<Change> changes = new ArrayList<>(plan.changes().size());
        boolean filled = false;
        for (Change change : plan.changes()) {
            Change counted = change;
            if (change instanceof Change.ReplaceRequired r && r.messages() == null && r.desired() instanceof Queue q) {
                counted = new Change.ReplaceRequired(r.current(), r.desired(), r.fields(), count.apply(q.name()), r.rebind());
            } else if (change instanceof Change.Delete d && d.messages() == null && d.current() instanceof Queue q) {
                counted = new Change.Delete(d.current(), d.reason(), count.apply(q.name()));
            }
            filled |= counted != change;
            changes.add(counted);
        }
        return filled ? new Plan(plan.vhost(), plan.prune(), plan.liveDigest(), plan.topologyNames(), changes, plan.warnings())
                : plan;
    }
}
