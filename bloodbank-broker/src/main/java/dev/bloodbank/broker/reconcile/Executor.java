package dev.bloodbank.broker.reconcile;

import dev.bloodbank.broker.management.BindingInfo;
import dev.bloodbank.broker.management.ManagementClient;
import dev.bloodbank.broker.management.ManagementException;
import dev.bloodbank.broker.management.QueueProbe;
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
import java.util.stream.Collectors;

/**
 * Carries a plan out, level by level: exchanges, queues, bindings, policies, then deletions of
 * policies, bindings, retry queues, other queues, exchanges. Changes within a level are
 * independent and run in parallel. After a failure nothing further is attempted: not the rest of
 * its level, not the later levels (a broker that timed out once is not hammered a thousand times).
 *
 * <p>Safety rules enforced here, whatever the plan says:
 * <ul>
 *   <li>a replacement runs only with allowRecreate, and only on an idle queue: classic queues are
 *       deleted with the broker's own if-empty/if-unused check (atomic); quorum queues, which do not
 *       support those flags, are first fenced (their bindings removed, so routed messages stop
 *       arriving), then probed over AMQP for exact counts, and their bindings restored if the
 *       probe finds anything;
 *   <li>a stream queue (history) is never deleted nor re-created ({@link StreamGuard});
 *   <li>a queue is never deleted while one of its retry queues still holds messages that would
 *       dead-letter back into it (they would be dropped while it is missing);
 *   <li>a refused replacement blocks every change that involves that exchange or queue;
 *   <li>an exchange is deleted by prune only when unused (no bindings from it left, e.g. of other
 *       applications).
 * </ul>
 */
final class Executor {

    private final ManagementClient client;
    private final QueueProbe probe;
    private final LiveState live;
    private final Ownership ownership;
    private final ApplyOptions options;
    private final Set<String> blocked = ConcurrentHashMap.newKeySet();
    /** Set by the first failure: changes of the same level not yet started are not attempted either. */
    private final AtomicBoolean stopping = new AtomicBoolean();

    Executor(ManagementClient client, QueueProbe probe, LiveState live, Ownership ownership, ApplyOptions options) {
        this.client = client;
        this.probe = probe;
        this.live = live;
        this.ownership = ownership;
        this.options = options;
    }

    ApplyReport execute(Plan plan) {
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
                    for (int i : level)
                        outcomes[i] = new Outcome(changes.get(i), Status.NOT_ATTEMPTED, "not attempted: an earlier step failed");
                    continue;
                }
                List<Callable<Outcome>> tasks = new ArrayList<>();
                for (int i : level) {
                    Change change = changes.get(i);
                    tasks.add(() -> run(change));
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
    private int level(Change change) {
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

    private boolean feedsAnother(Queue queue) {
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

    private Outcome run(Change change) {
        if (stopping.get()) return new Outcome(change, Status.NOT_ATTEMPTED, "not attempted: an earlier step failed");
        Outcome outcome = attempt(change);
        if (outcome.status() == Status.FAILED) stopping.set(true);
        return outcome;
    }

    private Outcome attempt(Change change) {
        java.util.Optional<String> history = StreamGuard.refusal(change);
        if (history.isPresent()) return refuse(change, history.get());
        String blocker = blocker(change);
        if (blocker != null)
            return new Outcome(change, Status.SKIPPED, "skipped: depends on " + blocker + ", which was not re-created");
        try {
            if (change instanceof Change.Create c) return create(c);
            if (change instanceof Change.Update u) return update(u);
            if (change instanceof Change.ReplaceRequired r) return replace(r);
            return delete((Change.Delete) change);
        } catch (ManagementException e) {
            if (change instanceof Change.ReplaceRequired) blocked.add(blockKey(change.object()));
            return new Outcome(change, Status.FAILED, e.getMessage());
        }
    }

    private String blocker(Change change) {
        if (blocked.isEmpty() || !(change.object() instanceof Binding b)) return null;
        if (blocked.contains(b.destinationType() + ":" + b.destination())) return b.destinationType() + " " + b.destination();
        if (blocked.contains("exchange:" + b.source())) return "exchange " + b.source();
        return null;
    }

    private static String blockKey(BrokerObject object) {
        return object.kind().label() + ":" + object.id();
    }

    private Outcome done(Change change, String detail) {
        return new Outcome(change, options.dryRun() ? Status.PLANNED : Status.DONE, detail);
    }

    private Outcome refuse(Change change, String why) {
        if (change instanceof Change.ReplaceRequired) blocked.add(blockKey(change.object()));
        return new Outcome(change, Status.REFUSED, why);
    }

    // ---- create and update ---------------------------------------------------------------------

    private Outcome create(Change.Create c) {
        if (!options.dryRun()) declare(c.desired());
        return done(c, null);
    }

    private Outcome update(Change.Update u) {
        if (!options.dryRun()) declare(u.desired());
        return done(u, null);
    }

    private void declare(BrokerObject object) {
        if (object instanceof Exchange e) client.declareExchange(e.toInfo());
        else if (object instanceof Queue q) client.declareQueue(q.toInfo());
        else if (object instanceof Binding b) client.bind(b.toInfo(null));
        else client.putPolicy(((Policy) object).toInfo());
    }

    // ---- replace -------------------------------------------------------------------------------

    private Outcome replace(Change.ReplaceRequired r) {
        String fields = r.fields().stream()
                .map(f -> f.field() + ": " + Values.show(f.current()) + " -> " + Values.show(f.desired()))
                .collect(Collectors.joining(", "));
        if (r.desired() instanceof Queue queue) return replaceQueue(r, queue, fields);
        return replaceExchange(r, (Exchange) r.desired(), fields);
    }

    private Outcome replaceQueue(Change.ReplaceRequired r, Queue desired, String fields) {
        String name = desired.name();
        // The statistics behind r.messages() lag by seconds: decisions and messages use the queue's own count.
        if (!options.allowRecreate()) {
            Long count = countForMessage(name, r.messages());
            String contents = count == null ? "Its message count is not known."
                    : count == 0 ? "It is empty now." : "It has " + messages(count) + ".";
            String todo = count != null && count > 0
                    ? "Drain it (let its consumers finish, or move the messages with a shovel), stop its consumers, then re-run apply with --allow-recreate."
                    : "Stop its consumers, then re-run apply with --allow-recreate to delete and re-create it with its bindings (only while it is empty).";
            return refuse(r, "queue " + name + " cannot change in place (" + fields + "). " + contents + " " + todo
                    + " Nothing that depends on it was changed.");
        }
        QueueProbe.Counts now = probe.counts(name);
        if (now != null && now.messages() > 0)
            return refuse(r, "queue " + name + " was not re-created: it has " + messages(now.messages())
                    + ". Drain it, then re-run apply with --allow-recreate. Nothing that depends on it was changed.");
        if (options.dryRun()) return done(r, "would delete the empty queue and re-create it with " + r.rebind().size() + " binding(s)");

        String feeder = busyFeeder(name);
        if (feeder != null) return refuse(r, "queue " + name + " was not re-created: " + feeder
                + ". Wait until they are back in the queue and consumed, then re-run apply with --allow-recreate.");

        Queue current = (Queue) r.current();
        if ("classic".equals(current.type())) {
            try {
                client.deleteQueue(name, true);
            } catch (ManagementException e) {
                if (e.reason() != ManagementException.Reason.PRECONDITION_FAILED) throw e;
                return refuse(r, "queue " + name + " was not re-created: the broker refused to delete it because it has"
                        + " messages or consumers (" + e.getMessage() + "). Drain it and stop its consumers, then re-run"
                        + " apply with --allow-recreate. Nothing that depends on it was changed.");
            }
        } else {
            String busy = fenceAndProbe(name);
            if (busy != null) return refuse(r, "queue " + name + " was not re-created: " + busy
                    + ". Drain it and stop its consumers, then re-run apply with --allow-recreate. Its bindings were"
                    + " restored; nothing that depends on it was changed.");
            client.deleteQueue(name, false);
        }
        client.declareQueue(desired.toInfo());
        for (Binding b : r.rebind()) client.bind(b.toInfo(null));
        return done(r, "deleted while empty and re-created with " + r.rebind().size() + " binding(s)");
    }

    /**
     * For queue types without if-empty deletion: removes the queue's bindings, so that no routed
     * message can arrive, then asks the queue itself over AMQP. Returns null when it is idle (and
     * stays unbound for the caller to delete), else why not, after restoring the bindings.
     */
    private String fenceAndProbe(String name) {
        List<BindingInfo> fenced = new ArrayList<>();
        for (Binding b : live.bindings()) {
            if (b.destination().equals(name) && "queue".equals(b.destinationType())) fenced.add(live.bindingInfo(b));
        }
        for (BindingInfo b : fenced) client.unbind(b);
        QueueProbe.Counts counts = probe.counts(name);
        if (counts == null || counts.idle()) return null;
        for (BindingInfo b : fenced) client.bind(b);
        return "it has " + messages(counts.messages()) + " and " + counts.consumers() + " consumer(s)";
    }

    /** Why a retry queue of {@code queue} still matters (holds messages that will return), or null. */
    private String busyFeeder(String queue) {
        for (Queue q : live.queues()) {
            if (q.name().equals(queue) || !q.feeds(queue)) continue;
            QueueProbe.Counts counts = probe.counts(q.name());
            if (counts != null && counts.messages() > 0)
                return "its retry queue " + q.name() + " holds " + counts.messages() + " message(s) that will return to it";
        }
        return null;
    }

    private Outcome replaceExchange(Change.ReplaceRequired r, Exchange desired, String fields) {
        String name = desired.name();
        if (!options.allowRecreate())
            return refuse(r, "exchange " + name + " cannot change in place (" + fields + "). Re-run apply with"
                    + " --allow-recreate to delete and re-declare it with its bindings; publishes to it fail (they are"
                    + " not lost silently) during the moment it is missing. Nothing that depends on it was changed.");
        for (Binding b : live.bindings()) {
            if (b.source().equals(name) && !ownership.owns(b.destination()))
                return refuse(r, "exchange " + name + " was not re-created: " + b.destination()
                        + ", which Bloodbank does not own, is bound to it; deleting the exchange would delete that"
                        + " binding. Move that binding away first.");
        }
        if (options.dryRun()) return done(r, "would delete and re-declare it with " + r.rebind().size() + " binding(s)");
        // Exchanges come before queues: a binding to a queue this run has yet to create is made
        // later by its own change; here only the bindings to queues that exist are restored.
        Set<String> liveQueues = live.queues().stream().map(Queue::name).collect(Collectors.toSet());
        List<Binding> rebind = r.rebind().stream()
                .filter(b -> !"queue".equals(b.destinationType()) || liveQueues.contains(b.destination()))
                .toList();
        client.deleteExchange(name, false);
        client.declareExchange(desired.toInfo());
        for (Binding b : rebind) client.bind(b.toInfo(null));
        return done(r, "deleted and re-declared with " + rebind.size() + " binding(s)");
    }

    // ---- delete --------------------------------------------------------------------------------

    private Outcome delete(Change.Delete d) {
        BrokerObject object = d.current();
        if (object instanceof Queue q) return deleteQueue(d, q);
        if (options.dryRun()) return done(d, null);
        if (object instanceof Binding b) {
            client.unbind(live.bindingInfo(b));
        } else if (object instanceof Policy p) {
            client.deletePolicy(p.name());
        } else {
            try {
                client.deleteExchange(object.id(), true);
            } catch (ManagementException e) {
                if (e.reason() != ManagementException.Reason.PRECONDITION_FAILED) throw e;
                return refuse(d, "exchange " + object.id() + " was kept: it is still the source of bindings (of objects"
                        + " Bloodbank does not own, or of queues it kept); remove those, then re-run apply --prune");
            }
        }
        return done(d, null);
    }

    private Outcome deleteQueue(Change.Delete d, Queue q) {
        String keep = "queue " + q.name() + " was kept: ";
        if (options.dryRun()) {
            QueueProbe.Counts now = probe.counts(q.name());
            if (now != null && now.messages() > 0)
                return refuse(d, keep + "it has " + messages(now.messages()) + ", and prune never deletes messages;"
                        + " drain it, then re-run apply --prune");
            return done(d, null);
        }
        String feeder = busyFeeder(q.name());
        if (feeder != null) return refuse(d, keep + feeder + "; re-run apply --prune once they are consumed");
        if ("classic".equals(q.type())) {
            try {
                client.deleteQueue(q.name(), true);
            } catch (ManagementException e) {
                if (e.reason() != ManagementException.Reason.PRECONDITION_FAILED) throw e;
                return refuse(d, keep + "it has messages or consumers, and prune never deletes messages; drain it and stop"
                        + " its consumers, then re-run apply --prune");
            }
            return done(d, null);
        }
        QueueProbe.Counts counts = probe.counts(q.name());
        if (counts == null) return done(d, "already gone");
        if (!counts.idle())
            return refuse(d, keep + "it has " + messages(counts.messages()) + " and " + counts.consumers()
                    + " consumer(s), and prune never deletes messages; drain it and stop its consumers, then re-run apply --prune");
        client.deleteQueue(q.name(), false);
        return done(d, null);
    }

    /** The exact count for a refusal message; the statistics' count when AMQP cannot be asked. */
    private Long countForMessage(String queue, Long statistics) {
        try {
            QueueProbe.Counts counts = probe.counts(queue);
            return counts == null ? statistics : Long.valueOf(counts.messages());
        } catch (ManagementException e) {
            return statistics;
        }
    }

    private static String messages(long n) {
        return n + " message" + (n == 1 ? "" : "s");
    }
}
