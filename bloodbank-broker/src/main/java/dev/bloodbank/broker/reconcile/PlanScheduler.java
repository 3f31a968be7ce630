package dev.bloodbank.broker.reconcile;

import dev.bloodbank.broker.management.ManagementException;
import dev.bloodbank.broker.reconcile.ApplyReport.Outcome;
import dev.bloodbank.broker.reconcile.ApplyReport.Status;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Carries a plan out in dependency order, level by level: exchanges, queues, bindings, policies,
 * then deletions of policies, bindings, retry queues, other queues, exchanges. Changes within a
 * level are independent and run in parallel; each goes through {@link SafetyPolicies}.
 *
 * <p>A refused or failed replacement blocks every binding to or from that exchange or queue.
 * After a failure nothing further is attempted: not the rest of its level, not the later levels
 * (a broker that timed out once is not hammered a thousand times).
 */
final class PlanScheduler {

    private static final String NOT_ATTEMPTED = "not attempted: an earlier step failed";

    private final SafetyPolicies policies;
    private final ApplyOptions options;
    private final Set<String> blocked = ConcurrentHashMap.newKeySet();
    /** Set by the first failure: changes of the same level not yet started are not attempted either. */
    private final AtomicBoolean stopping = new AtomicBoolean();

    PlanScheduler(SafetyContext context) {
        this.policies = new SafetyPolicies(context);
        this.options = context.options();
    }

    ApplyReport run(Plan plan) {
        List<Change> changes = plan.changes();
        Outcome[] outcomes = new Outcome[changes.size()];
        TreeMap<Integer, List<Integer>> levels = new TreeMap<>();
        for (int i = 0; i < changes.size(); i++) levels.computeIfAbsent(level(changes.get(i)), k -> new ArrayList<>()).add(i);

        ExecutorService pool = Executors.newFixedThreadPool(options.parallelism(), r -> {
            Thread t = new Thread(r, "bloodbank-apply");
            t.setDaemon(true);
            return t;
        });
        try {
            boolean failed = false;
            for (List<Integer> level : levels.values()) {
                if (failed) {
                    for (int i : level) outcomes[i] = new Outcome(changes.get(i), Status.NOT_ATTEMPTED, NOT_ATTEMPTED);
                    continue;
                }
                List<Callable<Outcome>> tasks = new ArrayList<>();
                for (int i : level) {
                    Change change = changes.get(i);
                    tasks.add(() -> attempt(change));
                }
                List<Future<Outcome>> results = pool.invokeAll(tasks);
                for (int j = 0; j < level.size(); j++) {
                    Outcome outcome = result(results.get(j), changes.get(level.get(j)));
                    outcomes[level.get(j)] = outcome;
                    if (outcome.status() == Status.FAILED) failed = true;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            for (int i = 0; i < outcomes.length; i++)
                if (outcomes[i] == null) outcomes[i] = new Outcome(changes.get(i), Status.NOT_ATTEMPTED, "interrupted");
        } finally {
            pool.shutdownNow();
        }
        return new ApplyReport(plan, options.dryRun(), List.of(outcomes));
    }

    /** The dependency level of a change; deletions come after every creation, in reverse kind order. */
    static int level(Change change) {
        if (!(change instanceof Change.Delete d)) return change.kind().ordinal();
        return switch (d.kind()) {
            case POLICY -> 10;
            case BINDING -> 11;
            // Retry queues go before the queues they feed, so that a work queue is never deleted
            // while a message can still expire back into it.
            case QUEUE -> feedsAnother((Queue) d.current()) ? 12 : 13;
            case EXCHANGE -> 14;
        };
    }

    private static boolean feedsAnother(Queue queue) {
        Object target = queue.arguments().get("x-dead-letter-routing-key");
        return target instanceof String t && queue.feeds(t) && !t.equals(queue.name());
    }

    private static Outcome result(Future<Outcome> future, Change change) throws InterruptedException {
        try {
            return future.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            return new Outcome(change, Status.FAILED, cause.getMessage() == null ? cause.toString() : cause.getMessage());
        }
    }

    private Outcome attempt(Change change) {
        if (stopping.get()) return new Outcome(change, Status.NOT_ATTEMPTED, NOT_ATTEMPTED);
        String blocker = blocker(change);
        if (blocker != null)
            return new Outcome(change, Status.SKIPPED, "skipped: depends on " + blocker + ", which was not re-created");
        Verdict verdict;
        try {
            verdict = policies.carryOut(change);
        } catch (ManagementException e) {
            block(change);
            stopping.set(true);
            return new Outcome(change, Status.FAILED, e.getMessage());
        }
        if (verdict instanceof Verdict.Refused refused) {
            block(change);
            return Outcome.refused(change, refused.refusal());
        }
        return new Outcome(change, options.dryRun() ? Status.PLANNED : Status.DONE, ((Verdict.Carried) verdict).detail());
    }

    private void block(Change change) {
        if (change instanceof Change.ReplaceRequired) blocked.add(blockKey(change.object().kind().label(), change.object().id()));
    }

    private String blocker(Change change) {
        if (blocked.isEmpty() || !(change.object() instanceof Binding b)) return null;
        if (blocked.contains(blockKey(b.destinationType(), b.destination()))) return b.destinationType() + " " + b.destination();
        if (blocked.contains(blockKey("exchange", b.source()))) return "exchange " + b.source();
        return null;
    }

    private static String blockKey(String kind, String name) {
        return kind + ":" + name;
    }
}
