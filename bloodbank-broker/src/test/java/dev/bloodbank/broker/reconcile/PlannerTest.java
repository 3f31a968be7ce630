package dev.bloodbank.broker.reconcile;

import static dev.bloodbank.broker.reconcile.TestTopology.topology;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bloodbank.broker.management.BindingInfo;
import dev.bloodbank.broker.management.ExchangeInfo;
import dev.bloodbank.broker.management.PolicyInfo;
import dev.bloodbank.broker.management.QueueInfo;
import dev.bloodbank.topology.QueueType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Planning: the pure diff between topology and broker")
class PlannerTest {

    private static final BrokerTopology DESIRED = BrokerTopology.derive(topology()
            .event("github.pull-request.merged")
            .command("agent.task.assign")
            .subscription("archive", "github.#")
            .build());

    @Test
    void createsEverythingOnAnEmptyVhostInDependencyOrder() {
        Plan plan = Planner.plan("v", DESIRED, LiveState.empty(), false);
        assertEquals(DESIRED.objects().size(), plan.changes().size());
        plan.changes().forEach(c -> assertInstanceOf(Change.Create.class, c));
        List<ObjectKind> kinds = plan.changes().stream().map(Change::kind).toList();
        List<ObjectKind> sorted = new ArrayList<>(kinds);
        sorted.sort(null);
        assertEquals(sorted, kinds, "exchanges, then queues, then bindings, then policies");
        assertEquals(new Plan.Summary(DESIRED.objects().size(), 0, 0, 0), plan.summary());
    }

    @Test
    void plansNothingWhenTheBrokerReportsWhatWasDeclared() {
        Plan plan = Planner.plan("v", DESIRED, asTheApiReportsIt(DESIRED, Map.of()), true);
        assertEquals(List.of(), plan.changes());
        assertEquals(List.of(), plan.warnings());
    }

    @Test
    void requiresAReplacementWhenTheQueueTypeChanges() {
        BrokerTopology classic = BrokerTopology.derive(topology()
                .event("github.pull-request.merged")
                .command("agent.task.assign")
                .subscription("archive", QueueType.CLASSIC, "github.#")
                .build());
        Plan plan = Planner.plan("v", classic, asTheApiReportsIt(DESIRED, Map.of("bloodbank.sub.archive", 7L)), false);

        List<Change.ReplaceRequired> replaces = plan.changes().stream()
                .filter(Change.ReplaceRequired.class::isInstance).map(Change.ReplaceRequired.class::cast).toList();
        assertEquals(List.of("bloodbank.sub.archive", "bloodbank.sub.archive.dlq"),
                replaces.stream().map(r -> r.object().id()).toList());
        Change.ReplaceRequired work = replaces.get(0);
        assertEquals(List.of(new FieldChange("type", "quorum", "classic", "RabbitMQ fixes a queue's type when it is declared")),
                work.fields());
        assertEquals(7L, work.messages());
        assertEquals(List.of(Binding.queue("bloodbank.events.v1", "bloodbank.sub.archive", "github.#")), work.rebind());
        assertEquals(2, plan.changes().size(), "nothing else changes");
    }

    @Test
    void requiresAReplacementWhenAQueueArgumentDiffers() {
        Map<String, Object> extra = new LinkedHashMap<>(Map.of("x-max-length", 10));
        Plan plan = Planner.plan("v", DESIRED, withQueueArguments(asTheApiReportsIt(DESIRED, Map.of()),
                "bloodbank.sub.archive.retry.1s", extra), false);
        Change.ReplaceRequired r = assertInstanceOf(Change.ReplaceRequired.class, plan.changes().get(0));
        assertEquals("bloodbank.sub.archive.retry.1s", r.object().id());
        String why = "RabbitMQ fixes a queue's x-arguments when it is declared";
        assertEquals(List.of(
                        new FieldChange("arguments.x-dead-letter-exchange", null, "", why),
                        new FieldChange("arguments.x-dead-letter-routing-key", null, "bloodbank.sub.archive", why),
                        new FieldChange("arguments.x-message-ttl", null, 1000L, why),
                        new FieldChange("arguments.x-max-length", 10L, null, why)),
                r.fields());
        assertEquals(1, plan.changes().size());
    }

    @Test
    void updatesAPolicyInPlace() {
        LiveState live = asTheApiReportsIt(DESIRED, Map.of());
        List<PolicyInfo> policies = List.of(new PolicyInfo(DESIRED.policies().get(0).name(), "^old$", "exchanges", 0,
                Map.of("alternate-exchange", "bloodbank.unrouted.v1")));
        LiveState changed = new LiveState(live.exchanges(), live.queues(), live.bindings(),
                policies.stream().map(Policy::from).toList(), Map.of(), live.bindingKeys(), Map.of());
        Plan plan = Planner.plan("v", DESIRED, changed, false);
        Change.Update update = assertInstanceOf(Change.Update.class, plan.changes().get(0));
        assertEquals(List.of("pattern", "priority"), update.fields().stream().map(FieldChange::field).toList());
        assertEquals(1, plan.changes().size());
    }

    @Test
    void removesABindingTheTopologyNoLongerListsBetweenItsOwnObjects() {
        BrokerTopology narrower = BrokerTopology.derive(topology()
                .event("github.pull-request.merged")
                .command("agent.task.assign")
                .subscription("archive", "github.pull-request.*")
                .build());
        Plan plan = Planner.plan("v", narrower, asTheApiReportsIt(DESIRED, Map.of()), false);
        assertEquals(List.of("+ binding bloodbank.events.v1 -> bloodbank.sub.archive [github.pull-request.*]",
                        "- binding bloodbank.events.v1 -> bloodbank.sub.archive [github.#]"),
                plan.changes().stream().map(PlannerTest::line).toList());
    }

    @Test
    void deletesOwnedObjectsOnlyWithPruneAndInReverseOrder() {
        BrokerTopology smaller = BrokerTopology.derive(topology().event("github.pull-request.merged").build());
        LiveState live = asTheApiReportsIt(DESIRED, Map.of("bloodbank.sub.archive", 3L));

        Plan keep = Planner.plan("v", smaller, live, false);
        assertEquals(List.of(), keep.changes());
        assertTrue(keep.warnings().get(0).startsWith("16 objects owned by Bloodbank are on the broker but not in the topology"),
                keep.warnings().toString());

        Plan prune = Planner.plan("v", smaller, live, true);
        List<ObjectKind> kinds = prune.changes().stream().map(Change::kind).toList();
        assertEquals(List.of(ObjectKind.BINDING, ObjectKind.BINDING, ObjectKind.BINDING, ObjectKind.BINDING), kinds.subList(0, 4));
        assertTrue(prune.changes().stream().allMatch(Change.Delete.class::isInstance));
        Change.Delete archive = prune.changes().stream().map(Change.Delete.class::cast)
                .filter(d -> d.object().id().equals("bloodbank.sub.archive")).findFirst().orElseThrow();
        assertEquals(3L, archive.messages());
        assertEquals(ObjectKind.QUEUE, prune.changes().get(prune.changes().size() - 1).kind());
    }

    @Test
    void readsTheCountsOfTheQueuesItWouldDeleteAndOfNoOther() {
        // the listing the reconciler reads has no counts (ManagementClient.queues)
        BrokerTopology smaller = BrokerTopology.derive(topology().event("github.pull-request.merged").build());
        LiveState reported = asTheApiReportsIt(DESIRED, Map.of());
        LiveState uncounted = new LiveState(reported.exchanges(), reported.queues(), reported.bindings(), reported.policies(),
                Map.of(), reported.bindingKeys(), reported.exchangePolicies(), java.util.Set.of());
        List<String> asked = new ArrayList<>();

        Plan plan = QueueCounts.fill(Planner.plan("v", smaller, uncounted, true), queue -> {
            asked.add(queue);
            return queue.equals("bloodbank.sub.archive") ? 3L : null;
        });

        java.util.Set<String> deletedQueues = plan.changes().stream()
                .filter(c -> c instanceof Change.Delete d && d.current() instanceof Queue)
                .map(c -> c.object().id()).collect(java.util.stream.Collectors.toSet());
        assertTrue(deletedQueues.contains("bloodbank.sub.archive"), deletedQueues::toString);
        assertEquals(deletedQueues, new java.util.HashSet<>(asked), "asked for the deleted queues, each once");
        assertEquals(deletedQueues.size(), asked.size());
        for (Change c : plan.changes()) {
            Change.Delete d = (Change.Delete) c;
            Long expected = d.object().id().equals("bloodbank.sub.archive") ? Long.valueOf(3) : null;
            assertEquals(expected, d.messages(), d::toString);
        }

        Plan nothingToDelete = Planner.plan("v", DESIRED, uncounted, true);
        assertSame(nothingToDelete, QueueCounts.fill(nothingToDelete, queue -> {
            throw new AssertionError("asked for " + queue);
        }));
    }

    @Test
    void neverDeletesWhatBloodbankDoesNotOwn() {
        LiveState live = asTheApiReportsIt(DESIRED, Map.of());
        List<ExchangeInfo> exchanges = new ArrayList<>(List.of(
                new ExchangeInfo("", "direct", true, false, false, Map.of(), null),
                new ExchangeInfo("amq.topic", "topic", true, false, false, Map.of(), null),
                new ExchangeInfo("billing.events", "topic", true, false, false, Map.of(), null)));
        List<QueueInfo> queues = new ArrayList<>(List.of(
                new QueueInfo("billing.invoices", "classic", true, false, false, Map.of(), 0L),
                new QueueInfo("amq.gen-123", "classic", false, true, true, Map.of(), 0L)));
        List<BindingInfo> bindings = new ArrayList<>(List.of(
                new BindingInfo("bloodbank.events.v1", "billing.invoices", "queue", "github.#", Map.of(), "github.%23"),
                new BindingInfo("billing.events", "bloodbank.sub.archive", "queue", "x", Map.of(), "x"),
                new BindingInfo("", "billing.invoices", "queue", "billing.invoices", Map.of(), "billing.invoices")));
        List<PolicyInfo> policies = List.of(new PolicyInfo("billing-ha", ".*", "queues", 0, Map.of("max-length", 10)));
        LiveState foreign = LiveState.of(exchanges, queues, bindings, policies);
        LiveState both = new LiveState(concat(live.exchanges(), foreign.exchanges()), concat(live.queues(), foreign.queues()),
                concat(live.bindings(), foreign.bindings()), concat(live.policies(), foreign.policies()), Map.of(),
                concat(live.bindingKeys(), foreign.bindingKeys()), Map.of());

        assertEquals(List.of(), Planner.plan("v", DESIRED, both, true).changes());
    }

    @Test
    void warnsWhenAnotherPolicyHidesTheAlternateExchange() {
        LiveState live = asTheApiReportsIt(DESIRED, Map.of());
        LiveState shadowed = new LiveState(live.exchanges(), live.queues(), live.bindings(), live.policies(), Map.of(),
                live.bindingKeys(), Map.of("bloodbank.events.v1", "ops-limits"));
        Plan plan = Planner.plan("v", DESIRED, shadowed, false);
        assertTrue(plan.isEmpty());
        assertTrue(plan.warnings().get(0).contains("takes its policy from 'ops-limits'"), plan.warnings().toString());
    }

    @Test
    void leavesTheBindingsOfAQueueThatIsDownAsTheyAre() {
        // a classic retry queue on a node that is down: listed as down, and none of its bindings listed
        LiveState live = asTheApiReportsIt(DESIRED, Map.of());
        String retry = live.queues().stream().map(Queue::name).filter(n -> n.contains(".retry.")).findFirst().orElseThrow();
        List<Binding> listed = live.bindings().stream().filter(b -> !b.destination().equals(retry)).toList();
        assertTrue(listed.size() < live.bindings().size(), "the retry queue has a binding");
        LiveState down = new LiveState(live.exchanges(), live.queues(), listed, live.policies(), live.queueMessages(),
                live.bindingKeys(), live.exchangePolicies(), java.util.Set.of(retry));

        Plan plan = Planner.plan("v", DESIRED, down, false);
        assertEquals(List.of(), plan.changes(), "nothing is created for bindings the broker cannot list");
        assertEquals(List.of("queue " + retry + " is down (its node is not running): the broker lists none of its bindings,"
                + " so they are left as they are; plan again once the node is back"), plan.warnings());

        LiveState up = new LiveState(live.exchanges(), live.queues(), listed, live.policies(), live.queueMessages(),
                live.bindingKeys(), live.exchangePolicies());
        assertEquals(live.bindings().size() - listed.size(), Planner.plan("v", DESIRED, up, false).changes().size(),
                "a running queue's missing binding is created");
    }

    @Test
    void aQueueListedDownIsReadAsDown() {
        LiveState live = LiveState.of(List.of(), List.of(
                new QueueInfo("bloodbank.sub.archive.retry.1s", "classic", true, false, false, Map.of(), null, "down"),
                new QueueInfo("bloodbank.sub.archive", "quorum", true, false, false, Map.of(), 0L, "running")),
                List.of(), List.of());
        assertEquals(java.util.Set.of("bloodbank.sub.archive.retry.1s"), live.queuesDown());
    }

    private static String line(Change c) {
        String sign = c instanceof Change.Create ? "+" : c instanceof Change.Delete ? "-" : "?";
        return sign + " " + c.object().display();
    }

    /**
     * The desired objects as the management API lists them after a declaration: numbers as
     * Integer, the default exchange and amq.* present, classic queues with x-queue-type as given.
     */
    static LiveState asTheApiReportsIt(BrokerTopology desired, Map<String, Long> messages) {
        List<ExchangeInfo> exchanges = new ArrayList<>();
        exchanges.add(new ExchangeInfo("", "direct", true, false, false, Map.of(), null));
        exchanges.add(new ExchangeInfo("amq.direct", "direct", true, false, false, Map.of(), null));
        for (Exchange e : desired.exchanges())
            exchanges.add(new ExchangeInfo(e.name(), e.type(), e.durable(), e.autoDelete(), e.internal(), Map.of(),
                    e.name().equals("bloodbank.events.v1") ? desired.policies().get(0).name() : null));
        List<QueueInfo> queues = new ArrayList<>();
        List<BindingInfo> bindings = new ArrayList<>();
        for (Queue q : desired.queues()) {
            Map<String, Object> args = new LinkedHashMap<>();
            q.toInfo().arguments().forEach((k, v) -> args.put(k, v instanceof Long l ? Integer.valueOf(l.intValue()) : v));
            queues.add(new QueueInfo(q.name(), q.type(), true, false, false, args, messages.getOrDefault(q.name(), 0L)));
            bindings.add(new BindingInfo("", q.name(), "queue", q.name(), Map.of(), q.name()));
        }
        for (Binding b : desired.bindings())
            bindings.add(new BindingInfo(b.source(), b.destination(), b.destinationType(), b.routingKey(), Map.of(),
                    b.routingKey().isEmpty() ? "~" : b.routingKey()));
        List<PolicyInfo> policies = desired.policies().stream()
                .map(p -> new PolicyInfo(p.name(), p.pattern(), p.applyTo(), p.priority(), p.definition())).toList();
        return LiveState.of(exchanges, queues, bindings, policies);
    }

    private static LiveState withQueueArguments(LiveState live, String queue, Map<String, Object> arguments) {
        List<Queue> queues = live.queues().stream()
                .map(q -> q.name().equals(queue) ? new Queue(q.name(), q.type(), q.durable(), q.autoDelete(), q.exclusive(), arguments) : q)
                .toList();
        return new LiveState(live.exchanges(), queues, live.bindings(), live.policies(), live.queueMessages(),
                live.bindingKeys(), live.exchangePolicies());
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        List<T> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    private static <V> Map<String, V> concat(Map<String, V> a, Map<String, V> b) {
        Map<String, V> out = new LinkedHashMap<>(a);
        out.putAll(b);
        return out;
    }
}
