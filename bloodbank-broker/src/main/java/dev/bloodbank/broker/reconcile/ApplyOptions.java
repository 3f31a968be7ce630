package dev.bloodbank.broker.reconcile;

/**
 * How {@link Reconciler#apply} may act. {@code prune}: also delete owned objects the topology no
 * longer has. {@code allowRecreate}: delete and re-declare exchanges and queues whose fixed
 * properties changed (a queue only when empty). {@code dryRun}: plan and predict, change nothing.
 * {@code parallelism}: concurrent management API requests within one dependency level.
 */
public record ApplyOptions(boolean prune, boolean allowRecreate, boolean dryRun, int parallelism) {

    public static final ApplyOptions DEFAULT = new ApplyOptions(false, false, false, 8);

    public ApplyOptions {
        if (parallelism < 1) throw new IllegalArgumentException("parallelism must be at least 1, was " + parallelism);
    }

    public ApplyOptions withPrune(boolean prune) {
        return new ApplyOptions(prune, allowRecreate, dryRun, parallelism);
    }

    public ApplyOptions withAllowRecreate(boolean allowRecreate) {
        return new ApplyOptions(prune, allowRecreate, dryRun, parallelism);
    }

    public ApplyOptions withDryRun(boolean dryRun) {
        return new ApplyOptions(prune, allowRecreate, dryRun, parallelism);
    }

    public ApplyOptions withParallelism(int parallelism) {
        return new ApplyOptions(prune, allowRecreate, dryRun, parallelism);
    }
}
