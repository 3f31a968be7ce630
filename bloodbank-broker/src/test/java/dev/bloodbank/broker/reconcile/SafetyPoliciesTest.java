package dev.bloodbank.broker.reconcile;

import static dev.bloodbank.broker.reconcile.TestTopology.topology;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bloodbank.broker.reconcile.ApplyReport.Outcome;
import dev.bloodbank.broker.reconcile.ApplyReport.Status;
import dev.bloodbank.broker.reconcile.Refusal.Attempt;
import dev.bloodbank.topology.QueueType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@DisplayName("Safety rules of apply, on an in-memory broker")
class SafetyPoliciesTest {

    private static final String ARCHIVE = "bloodbank.sub.archive";
    private static final ApplyOptions RECREATE = ApplyOptions.DEFAULT.withAllowRecreate(true);
    private static final ApplyOptions PRUNE = ApplyOptions.DEFAULT.withPrune(true);

    private static BrokerTopology archive(QueueType type, String... patterns) {
        return BrokerTopology.derive(topology().event("github.pull-request.merged").command("agent.task.assign")
                .subscription("archive", type, patterns).build());
    }

    /** What Reconciler.apply does, on the in-memory broker. */
    private static ApplyReport apply(InMemoryBrokerAdmin broker, BrokerTopology desired, ApplyOptions options) {
        LiveState live = broker.snapshot();
        Plan plan = Planner.plan("/", desired, live, options.prune());
        return new PlanScheduler(new SafetyContext(broker, live, new Ownership(plan.topologyNames()), options)).run(plan);
    }

    private static Outcome outcome(ApplyReport report, String display) {
        return report.outcomes().stream().filter(o -> o.change().object().display().equals(display)).findFirst()
                .orElseThrow(() -> new AssertionError("no outcome for " + display + " in " + report.outcomes()));
    }

    private static <R extends Refusal> R refusal(ApplyReport report, String display, Class<R> type) {
        Outcome outcome = outcome(report, display);
        assertEquals(Status.REFUSED, outcome.status(), outcome::toString);
        assertEquals(outcome.refusal().message(), outcome.detail());
        return assertInstanceOf(type, outcome.refusal());
    }

    // ---- fixed properties ----------------------------------------------------------------------

    @Test
    void refusesAnImmutableQueueChangeAndChangesNothingThatDependsOnIt() {
        InMemoryBrokerAdmin broker = InMemoryBrokerAdmin.holding(archive(QueueType.QUORUM, "github.#"));
        BrokerTopology changed = BrokerTopology.derive(topology().event("github.pull-request.merged")
                .command("agent.task.assign").command("agent.task.cancel")
                .subscription("archive", QueueType.CLASSIC, "github.#", "fireflies.#").build());

        ApplyReport report = apply(broker, changed, ApplyOptions.DEFAULT);

        var refused = refusal(report, "queue " + ARCHIVE, Refusal.QueueCannotChangeInPlace.class);
        assertEquals(0L, refused.messages(), "the queue's own count");
        assertEquals("queue bloodbank.sub.archive cannot change in place (type: \"quorum\" -> \"classic\"). It is empty now."
                + " Stop its consumers, then re-run apply with --allow-recreate to delete and re-create it with its"
                + " bindings (only while it is empty). Nothing that depends on it was changed.", refused.message());
        assertEquals(Status.SKIPPED, outcome(report, "binding bloodbank.events.v1 -> " + ARCHIVE + " [fireflies.#]").status());
        assertEquals(Status.DONE, outcome(report, "queue bloodbank.cmd.agent.task.cancel").status());
        assertEquals("quorum", broker.queue(ARCHIVE).orElseThrow().type());
        assertEquals(List.of("github.#"), broker.bindingKeys(ARCHIVE));
    }

    @Test
    void tellsHowToDrainAQueueThatHoldsMessagesWhenItsTypeChanges() {
        InMemoryBrokerAdmin broker = InMemoryBrokerAdmin.holding(archive(QueueType.QUORUM, "github.#"));
        broker.publish(ARCHIVE, 3);

        var refused = refusal(apply(broker, archive(QueueType.CLASSIC, "github.#"), ApplyOptions.DEFAULT),
                "queue " + ARCHIVE, Refusal.QueueCannotChangeInPlace.class);
        assertEquals(3L, refused.messages());
        assertTrue(refused.reason().endsWith("It has 3 messages"), refused.reason());
        assertTrue(refused.howToProceed().startsWith("Drain it"), refused.howToProceed());
    }

    @ParameterizedTest(name = "from {0}")
    @EnumSource(QueueType.class)
    void recreatesAnEmptyQueueWithItsBindingsOnlyWithAllowRecreate(QueueType from) {
        QueueType to = from == QueueType.QUORUM ? QueueType.CLASSIC : QueueType.QUORUM;
        InMemoryBrokerAdmin broker = InMemoryBrokerAdmin.holding(archive(from, "github.#"));

        ApplyReport report = apply(broker, archive(to, "github.#", "fireflies.#"), RECREATE);

        assertTrue(report.succeeded(), report::toString);
        assertEquals("deleted while empty and re-created with 2 binding(s)", outcome(report, "queue " + ARCHIVE).detail());
        assertEquals(to.wireName(), broker.queue(ARCHIVE).orElseThrow().type());
        assertEquals(List.of("fireflies.#", "github.#"), broker.bindingKeys(ARCHIVE));
        assertTrue(Planner.plan("/", archive(to, "github.#", "fireflies.#"), broker.snapshot(), true).isEmpty());
    }

    @ParameterizedTest(name = "from {0}")
    @EnumSource(QueueType.class)
    void neverRecreatesAQueueThatHoldsMessages(QueueType from) {
        QueueType to = from == QueueType.QUORUM ? QueueType.CLASSIC : QueueType.QUORUM;
        InMemoryBrokerAdmin broker = InMemoryBrokerAdmin.holding(archive(from, "github.#"));
        broker.publish(ARCHIVE, 3);

        ApplyReport report = apply(broker, archive(to, "github.#", "fireflies.#"), RECREATE);

        var refused = refusal(report, "queue " + ARCHIVE, Refusal.QueueNotIdle.class);
        assertEquals(new Refusal.QueueNotIdle(ARCHIVE, Attempt.RECREATE, 3, 0, false), refused);
        assertEquals("queue bloodbank.sub.archive was not re-created: it has 3 messages. Drain it, then re-run apply"
                + " with --allow-recreate. Nothing that depends on it was changed.", refused.message());
        assertEquals(Status.SKIPPED, outcome(report, "binding bloodbank.events.v1 -> " + ARCHIVE + " [fireflies.#]").status());
        assertEquals(3, broker.messages(ARCHIVE));
        assertEquals(from.wireName(), broker.queue(ARCHIVE).orElseThrow().type());
        assertFalse(broker.log().contains("delete queue " + ARCHIVE));
    }

    @Test
    void fencesAQuorumQueueWithConsumersAndRestoresItsBindings() {
        InMemoryBrokerAdmin broker = InMemoryBrokerAdmin.holding(archive(QueueType.QUORUM, "github.#"));
        broker.addConsumer(ARCHIVE);

        ApplyReport report = apply(broker, archive(QueueType.CLASSIC, "github.#"), RECREATE);

        var refused = refusal(report, "queue " + ARCHIVE, Refusal.QueueNotIdle.class);
        assertTrue(refused.bindingsRestored());
        assertEquals("queue bloodbank.sub.archive was not re-created: it has 0 messages and 1 consumer(s). Drain it and"
                + " stop its consumers, then re-run apply with --allow-recreate. Its bindings were restored. Nothing"
                + " that depends on it was changed.", refused.message());
        assertEquals(List.of("github.#"), broker.bindingKeys(ARCHIVE));
        assertTrue(broker.log().contains("unbind bloodbank.events.v1 -> " + ARCHIVE + " [github.#]"), "it was fenced");
        assertEquals("quorum", broker.queue(ARCHIVE).orElseThrow().type());
    }

    @Test
    void leavesAClassicQueueWithConsumersToTheBrokersAtomicCheck() {
        InMemoryBrokerAdmin broker = InMemoryBrokerAdmin.holding(archive(QueueType.CLASSIC, "github.#"));
        broker.addConsumer(ARCHIVE);

        ApplyReport report = apply(broker, archive(QueueType.QUORUM, "github.#"), RECREATE);

        assertEquals(new Refusal.BrokerKeptBusyQueue(ARCHIVE, Attempt.RECREATE),
                refusal(report, "queue " + ARCHIVE, Refusal.BrokerKeptBusyQueue.class));
        assertEquals("classic", broker.queue(ARCHIVE).orElseThrow().type());
        assertFalse(broker.log().stream().anyMatch(l -> l.startsWith("unbind")), "classic queues are not fenced");
    }

    @Test
    void neverRecreatesAQueueWhileItsRetryQueueHoldsMessages() {
        InMemoryBrokerAdmin broker = InMemoryBrokerAdmin.holding(archive(QueueType.QUORUM, "github.#"));
        broker.publish(ARCHIVE + ".retry.2s", 1);

        ApplyReport report = apply(broker, archive(QueueType.CLASSIC, "github.#"), RECREATE);

        var refused = refusal(report, "queue " + ARCHIVE, Refusal.RetryQueueHoldsMessages.class);
        assertEquals("queue bloodbank.sub.archive was not re-created: its retry queue bloodbank.sub.archive.retry.2s"
                + " holds 1 message(s) that will return to it. Wait until they are back in the queue and consumed, then"
                + " re-run apply with --allow-recreate.", refused.message());
        assertEquals("quorum", broker.queue(ARCHIVE).orElseThrow().type());
    }

    @Test
    void aDryRunChecksTheQueueButChangesNothing() {
        InMemoryBrokerAdmin broker = InMemoryBrokerAdmin.holding(archive(QueueType.QUORUM, "github.#"));

        ApplyReport report = apply(broker, archive(QueueType.CLASSIC, "github.#"), RECREATE.withDryRun(true));

        assertTrue(report.succeeded());
        Outcome planned = outcome(report, "queue " + ARCHIVE);
        assertEquals(Status.PLANNED, planned.status());
        assertEquals("would delete the empty queue and re-create it with 1 binding(s)", planned.detail());
        assertEquals(List.of(), broker.log());
    }

    @Test
    void recreatesAnExchangeOnlyWhenAllowedAndRebindsIt() {
        BrokerTopology desired = archive(QueueType.QUORUM, "github.#");
        InMemoryBrokerAdmin broker = InMemoryBrokerAdmin.holding(desired);
        // Drift that only a re-declaration can repair: the dead-letter exchange has the wrong type.
        broker.deleteExchange("bloodbank.dlx.v1");
        broker.declare(Exchange.durable("bloodbank.dlx.v1", "fanout"));

        ApplyReport refused = apply(broker, desired, ApplyOptions.DEFAULT);
        assertEquals("exchange bloodbank.dlx.v1 cannot change in place (type: \"fanout\" -> \"direct\"). Re-run apply"
                + " with --allow-recreate to delete and re-declare it with its bindings; publishes to it fail (they are"
                + " not lost silently) during the moment it is missing. Nothing that depends on it was changed.",
                refusal(refused, "exchange bloodbank.dlx.v1", Refusal.ExchangeCannotChangeInPlace.class).message());
        assertEquals(Status.SKIPPED,
                outcome(refused, "binding bloodbank.dlx.v1 -> " + ARCHIVE + ".dlq [" + ARCHIVE + "]").status());
        assertEquals("fanout", broker.exchange("bloodbank.dlx.v1").orElseThrow().type());

        ApplyReport recreated = apply(broker, desired, RECREATE);
        assertTrue(recreated.succeeded(), recreated::toString);
        assertEquals("direct", broker.exchange("bloodbank.dlx.v1").orElseThrow().type());
        assertTrue(Planner.plan("/", desired, broker.snapshot(), true).isEmpty());
    }

    @Test
    void neverRecreatesAnExchangeThatAnotherApplicationIsBoundTo() {
        BrokerTopology desired = archive(QueueType.QUORUM, "github.#");
        InMemoryBrokerAdmin broker = InMemoryBrokerAdmin.holding(desired);
        broker.deleteExchange("bloodbank.dlx.v1");
        broker.declare(Exchange.durable("bloodbank.dlx.v1", "fanout"));
        broker.declare(Queue.durable("billing.dead", "classic", Map.of()));
        broker.bind(Binding.queue("bloodbank.dlx.v1", "billing.dead", ""));

        ApplyReport report = apply(broker, desired, RECREATE);

        assertEquals(new Refusal.ForeignBinding("bloodbank.dlx.v1", "billing.dead"),
                refusal(report, "exchange bloodbank.dlx.v1", Refusal.ForeignBinding.class));
        assertEquals(List.of(""), broker.bindingKeys("billing.dead"));
        assertEquals("fanout", broker.exchange("bloodbank.dlx.v1").orElseThrow().type());
    }

    // ---- prune -----------------------------------------------------------------------------------

    @Test
    void prunesOnlyItsOwnEmptyObjects() {
        BrokerTopology desired = archive(QueueType.QUORUM, "github.#");
        InMemoryBrokerAdmin broker = InMemoryBrokerAdmin.holding(desired);
        // Another application's objects, one bound to Bloodbank's events exchange.
        broker.declare(Exchange.durable("billing.events", "topic"));
        broker.declare(Queue.durable("billing.invoices", "classic", Map.of()));
        broker.bind(Binding.queue("bloodbank.events.v1", "billing.invoices", "billing.#"));
        broker.bind(Binding.queue("billing.events", "billing.invoices", "#"));
        broker.putPolicy(new Policy("billing-limits", "^billing\\.", "queues", 0, Map.of("max-length", 1000)));
        // Leftovers of an older Bloodbank topology: empty, with messages, and an unused exchange.
        broker.declare(Queue.durable("bloodbank.sub.old-empty", "classic", Map.of()));
        broker.declare(Queue.durable("bloodbank.sub.old-full", "quorum", Map.of()));
        broker.declare(Exchange.durable("bloodbank.legacy.v0", "topic"));
        broker.publish("bloodbank.sub.old-full", 2);

        ApplyReport report = apply(broker, desired, PRUNE);

        assertEquals(List.of("queue bloodbank.sub.old-full", "queue bloodbank.sub.old-empty", "exchange bloodbank.legacy.v0"),
                report.outcomes().stream().map(o -> o.change().object().display()).toList(),
                "amq.*, other applications' objects and their bindings are never planned for deletion");
        assertEquals(new Refusal.QueueNotIdle("bloodbank.sub.old-full", Attempt.PRUNE, 2, 0, false),
                refusal(report, "queue bloodbank.sub.old-full", Refusal.QueueNotIdle.class));
        assertEquals("queue bloodbank.sub.old-full was kept: it has 2 messages, and prune never deletes messages."
                + " Drain it, then re-run apply --prune.", outcome(report, "queue bloodbank.sub.old-full").detail());
        assertEquals(Status.DONE, outcome(report, "queue bloodbank.sub.old-empty").status());
        assertEquals(Status.DONE, outcome(report, "exchange bloodbank.legacy.v0").status());

        assertEquals(2, broker.messages("bloodbank.sub.old-full"));
        assertTrue(broker.queue("bloodbank.sub.old-empty").isEmpty());
        assertTrue(broker.queue("billing.invoices").isPresent());
        assertTrue(broker.exchange("billing.events").isPresent());
        assertTrue(broker.exchange("amq.topic").isPresent());
        assertTrue(broker.policy("billing-limits").isPresent());
        assertEquals(List.of("#", "billing.#"), broker.bindingKeys("billing.invoices"));
    }

    @Test
    void keepsAnOwnedExchangeThatAnotherApplicationStillUses() {
        BrokerTopology desired = archive(QueueType.QUORUM, "github.#");
        InMemoryBrokerAdmin broker = InMemoryBrokerAdmin.holding(desired);
        broker.declare(Exchange.durable("bloodbank.legacy.v0", "topic"));
        broker.declare(Queue.durable("billing.legacy", "classic", Map.of()));
        broker.bind(Binding.queue("bloodbank.legacy.v0", "billing.legacy", "#"));

        ApplyReport report = apply(broker, desired, PRUNE);

        assertEquals("exchange bloodbank.legacy.v0 was kept: it is still the source of bindings (of objects Bloodbank"
                + " does not own, or of queues it kept). Remove those bindings, then re-run apply --prune.",
                refusal(report, "exchange bloodbank.legacy.v0", Refusal.ExchangeInUse.class).message());
        assertEquals(List.of("#"), broker.bindingKeys("billing.legacy"));
    }

    @Test
    void keepsAClassicQueueWithConsumersWhenPruning() {
        BrokerTopology desired = archive(QueueType.QUORUM, "github.#");
        InMemoryBrokerAdmin broker = InMemoryBrokerAdmin.holding(desired);
        broker.declare(Queue.durable("bloodbank.sub.old", "classic", Map.of()));
        broker.addConsumer("bloodbank.sub.old");

        ApplyReport report = apply(broker, desired, PRUNE);

        assertEquals(new Refusal.BrokerKeptBusyQueue("bloodbank.sub.old", Attempt.PRUNE),
                refusal(report, "queue bloodbank.sub.old", Refusal.BrokerKeptBusyQueue.class));
        assertTrue(broker.queue("bloodbank.sub.old").isPresent());
    }

    @Test
    void keepsAQueueToPruneWhileItsRetryQueueHoldsMessages() {
        BrokerTopology desired = archive(QueueType.QUORUM, "github.#");
        InMemoryBrokerAdmin broker = InMemoryBrokerAdmin.holding(archive(QueueType.QUORUM, "github.#"));
        broker.declare(Queue.durable("bloodbank.sub.old", "quorum", Map.of()));
        broker.declare(Queue.durable("bloodbank.sub.old.retry.1s", "classic",
                Map.of("x-message-ttl", 1000, "x-dead-letter-exchange", "", "x-dead-letter-routing-key", "bloodbank.sub.old")));
        broker.publish("bloodbank.sub.old.retry.1s", 1);

        ApplyReport report = apply(broker, desired, PRUNE);

        var refused = refusal(report, "queue bloodbank.sub.old", Refusal.RetryQueueHoldsMessages.class);
        assertEquals("bloodbank.sub.old.retry.1s", refused.retryQueue());
        assertEquals(Status.REFUSED, outcome(report, "queue bloodbank.sub.old.retry.1s").status(), "its messages are kept too");
        assertTrue(broker.queue("bloodbank.sub.old").isPresent());
    }

    @Test
    void aPruneDryRunReportsWhatItWouldKeep() {
        BrokerTopology desired = archive(QueueType.QUORUM, "github.#");
        InMemoryBrokerAdmin broker = InMemoryBrokerAdmin.holding(desired);
        broker.declare(Queue.durable("bloodbank.sub.old-full", "quorum", Map.of()));
        broker.declare(Queue.durable("bloodbank.sub.old-empty", "quorum", Map.of()));
        broker.publish("bloodbank.sub.old-full", 1);
        List<String> before = broker.log();

        ApplyReport report = apply(broker, desired, PRUNE.withDryRun(true));

        assertEquals(Status.REFUSED, outcome(report, "queue bloodbank.sub.old-full").status());
        assertEquals(Status.PLANNED, outcome(report, "queue bloodbank.sub.old-empty").status());
        assertEquals(before, broker.log(), "nothing changed");
    }

    // ---- scheduling ------------------------------------------------------------------------------

    @Test
    void stopsAtTheFirstFailureAndReportsTheRestAsNotAttempted() {
        InMemoryBrokerAdmin broker = new InMemoryBrokerAdmin();
        broker.failOn(ARCHIVE);

        ApplyReport report = apply(broker, archive(QueueType.QUORUM, "github.#"), ApplyOptions.DEFAULT);

        Outcome failed = outcome(report, "queue " + ARCHIVE);
        assertEquals(Status.FAILED, failed.status());
        assertNull(failed.refusal());
        assertTrue(failed.detail().contains("connection refused"), failed.detail());
        assertEquals(Status.DONE, outcome(report, "exchange bloodbank.events.v1").status(), "an earlier level");
        report.outcomes().stream().filter(o -> o.change().kind() == ObjectKind.BINDING)
                .forEach(o -> assertEquals(Status.NOT_ATTEMPTED, o.status(), o::toString));
        assertFalse(broker.log().stream().anyMatch(l -> l.startsWith("bind")));
    }

    @Test
    void runsRetryQueueDeletionsBeforeTheQueuesTheyFeed() {
        Queue work = Queue.durable("bloodbank.sub.old", "quorum", Map.of());
        Queue retry = Queue.durable("bloodbank.sub.old.retry.1s", "classic",
                Map.of("x-dead-letter-exchange", "", "x-dead-letter-routing-key", "bloodbank.sub.old"));
        assertTrue(PlanScheduler.level(new Change.Delete(retry, "test", 0L))
                < PlanScheduler.level(new Change.Delete(work, "test", 0L)));
    }
}
