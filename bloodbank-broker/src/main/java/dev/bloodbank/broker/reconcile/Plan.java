package dev.bloodbank.broker.reconcile;

import java.util.List;

/**
 * The changes that make a vhost match a topology, in dependency order: creates, updates and
 * replacements of exchanges, queues, bindings and policies, then deletions in reverse order.
 * {@code warnings} are findings that need a person but change nothing.
 *
 * <p>Plain data, so that a saved plan can be applied later: {@code liveDigest} is the
 * {@link LiveState#digest() digest} of the broker objects it was computed on (apply refuses the
 * plan when the broker no longer matches it), and {@code topologyNames} are the exchanges, queues
 * and policies the topology names, which Bloodbank owns whatever their prefix (see {@link Ownership}).
 */
public record Plan(String vhost, boolean prune, String liveDigest, List<String> topologyNames, List<Change> changes,
        List<String> warnings) {

    public Plan {
        topologyNames = topologyNames.stream().sorted().distinct().toList();
        changes = List.copyOf(changes);
        warnings = List.copyOf(warnings);
    }

    public boolean isEmpty() {
        return changes.isEmpty();
    }

    public Summary summary() {
        int create = 0, update = 0, replace = 0, delete = 0;
        for (Change c : changes) {
            if (c instanceof Change.Create) create++;
            else if (c instanceof Change.Update) update++;
            else if (c instanceof Change.ReplaceRequired) replace++;
            else delete++;
        }
        return new Summary(create, update, replace, delete);
    }

    /** How many changes of each action. */
    public record Summary(int create, int update, int replace, int delete) {
        public int total() {
            return create + update + replace + delete;
        }
    }
}
