package dev.bloodbank.broker.reconcile;

import static dev.bloodbank.broker.reconcile.Brokers.describe;
import static dev.bloodbank.broker.reconcile.Brokers.reconciler;
import static dev.bloodbank.broker.reconcile.TestTopology.topology;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bloodbank.broker.reconcile.ApplyReport.Status;
import dev.bloodbank.testing.broker.BrokerExtension;
import dev.bloodbank.testing.broker.ManagementHttp;
import dev.bloodbank.testing.broker.TestVhost;
import dev.bloodbank.topology.Topology;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(BrokerExtension.class)
@DisplayName("plan and apply against RabbitMQ")
class ReconcileApplyTest {

    private static final Topology BASE = topology()
            .event("github.pull-request.merged")
            .event("fireflies.transcript.uploaded")
            .command("agent.task.assign")
            .subscription("archive", "#")
            .subscription("transcriber", "fireflies.transcript.*")
            .build();

    @Test
    void createsEverythingFromEmptyAndThenPlansNothing(TestVhost vhost) {
        Reconciler reconciler = reconciler(vhost);
        ApplyReport report = reconciler.apply(BASE, ApplyOptions.DEFAULT);

        assertTrue(report.succeeded(), describe(report));
        assertEquals(BrokerTopology.derive(BASE).objects().size(), report.count(Status.DONE));
        JsonNode work = vhost.queue("bloodbank.cmd.agent.task.assign");
        assertEquals("quorum", work.get("type").asText());
        assertEquals("bloodbank.dlx.v1", work.get("arguments").get("x-dead-letter-exchange").asText());
        assertEquals(1000, vhost.queue("bloodbank.sub.archive.retry.1s").get("arguments").get("x-message-ttl").asInt());
        assertEquals("topic", vhost.exchange("bloodbank.events.v1").get("type").asText());

        Plan again = reconciler.plan(BASE, true);
        assertEquals(List.of(), again.changes(), "a second plan after apply is empty, even with prune");
        assertEquals(List.of(), again.warnings());
        assertTrue(reconciler.apply(BASE, ApplyOptions.DEFAULT).outcomes().isEmpty(), "a second apply does nothing");
    }

    @Test
    void routesAnEventNoSubscriptionWantsToTheUnroutedQueue(TestVhost vhost) throws Exception {
        Topology narrow = topology().event("github.pull-request.merged").subscription("gh", "github.#").build();
        assertTrue(reconciler(vhost).apply(narrow, ApplyOptions.DEFAULT).succeeded());

        Brokers.publish(vhost, "bloodbank.events.v1", "nobody.wants.this", 2);
        Brokers.publish(vhost, "bloodbank.events.v1", "github.pull-request.merged", 1);

        assertEquals(2, vhost.messageCount("bloodbank.unrouted.v1"));
        assertEquals(1, vhost.messageCount("bloodbank.sub.gh"));
    }

    @Test
    void addsAnEventWithoutBrokerChangesAndASubscriptionWithItsQueues(TestVhost vhost) {
        Reconciler reconciler = reconciler(vhost);
        reconciler.apply(BASE, ApplyOptions.DEFAULT);

        Topology withEvent = topology()
                .event("github.pull-request.merged").event("fireflies.transcript.uploaded").event("github.issue.opened")
                .command("agent.task.assign")
                .subscription("archive", "#").subscription("transcriber", "fireflies.transcript.*")
                .build();
        assertTrue(reconciler.plan(withEvent, false).isEmpty(), "an event is a routing key: nothing to declare");

        Topology withSubscription = topology()
                .event("github.pull-request.merged").event("fireflies.transcript.uploaded")
                .command("agent.task.assign")
                .subscription("archive", "#").subscription("transcriber", "fireflies.transcript.*")
                .subscription("triage", "github.issue.*")
                .build();
        Plan plan = reconciler.plan(withSubscription, false);
        assertEquals(List.of(
                        "queue bloodbank.sub.triage", "queue bloodbank.sub.triage.retry.1s",
                        "queue bloodbank.sub.triage.retry.2s", "queue bloodbank.sub.triage.dlq",
                        "binding bloodbank.events.v1 -> bloodbank.sub.triage [github.issue.*]",
                        "binding bloodbank.retry.v1 -> bloodbank.sub.triage.retry.1s [bloodbank.sub.triage.retry.1s]",
                        "binding bloodbank.retry.v1 -> bloodbank.sub.triage.retry.2s [bloodbank.sub.triage.retry.2s]",
                        "binding bloodbank.dlx.v1 -> bloodbank.sub.triage.dlq [bloodbank.sub.triage]"),
                plan.changes().stream().map(c -> c.object().display()).toList());
        assertTrue(reconciler.apply(withSubscription, ApplyOptions.DEFAULT).succeeded());
        assertNotNull(vhost.queue("bloodbank.sub.triage"));

        // Removing it: without prune nothing is deleted, and the plan says so.
        Plan keep = reconciler.plan(BASE, false);
        assertEquals(List.of(), keep.changes());
        assertTrue(keep.warnings().get(0).startsWith("8 objects owned by Bloodbank"), keep.warnings().toString());

        ApplyReport pruned = reconciler.apply(BASE, ApplyOptions.DEFAULT.withPrune(true));
        assertTrue(pruned.succeeded(), describe(pruned));
        assertEquals(8, pruned.count(Status.DONE));
        assertNull(vhost.queue("bloodbank.sub.triage"));
        assertNull(vhost.queue("bloodbank.sub.triage.retry.1s"));
        assertTrue(reconciler.plan(BASE, true).isEmpty());
    }

    @Test
    void replacesTheBindingsOfAChangedPattern(TestVhost vhost) throws Exception {
        Reconciler reconciler = reconciler(vhost);
        reconciler.apply(BASE, ApplyOptions.DEFAULT);
        Topology changed = topology()
                .event("github.pull-request.merged").event("fireflies.transcript.uploaded")
                .command("agent.task.assign")
                .subscription("archive", "#").subscription("transcriber", "fireflies.transcript.uploaded", "fireflies.audio.*")
                .build();

        Plan plan = reconciler.plan(changed, false);
        assertEquals(List.of(
                        "Create binding bloodbank.events.v1 -> bloodbank.sub.transcriber [fireflies.transcript.uploaded]",
                        "Create binding bloodbank.events.v1 -> bloodbank.sub.transcriber [fireflies.audio.*]",
                        "Delete binding bloodbank.events.v1 -> bloodbank.sub.transcriber [fireflies.transcript.*]"),
                plan.changes().stream().map(c -> c.getClass().getSimpleName() + " " + c.object().display()).toList());
        assertTrue(reconciler.apply(changed, ApplyOptions.DEFAULT).succeeded());
        assertTrue(reconciler.plan(changed, false).isEmpty());

        Brokers.publish(vhost, "bloodbank.events.v1", "fireflies.transcript.deleted", 1);
        Brokers.publish(vhost, "bloodbank.events.v1", "fireflies.audio.uploaded", 1);
        assertEquals(1, vhost.messageCount("bloodbank.sub.transcriber"), "the old pattern no longer routes");
    }

    @Test
    void warnsWhenAnotherPolicyHidesTheAlternateExchange(TestVhost vhost) throws Exception {
        Reconciler reconciler = reconciler(vhost);
        reconciler.apply(BASE, ApplyOptions.DEFAULT);
        vhost.management().put("policies/" + ManagementHttp.segment(vhost.name()) + "/ops-catch-all", Map.of(
                "pattern", "^bloodbank\\.", "apply-to", "exchanges", "priority", 500,
                "definition", Map.of("alternate-exchange", "ops.catch-all")));

        Plan plan = reconciler.plan(BASE, false);
        assertTrue(plan.isEmpty(), "nothing of Bloodbank's changed");
        assertEquals(1, plan.warnings().size(), plan.warnings().toString());
        assertTrue(plan.warnings().get(0).startsWith("exchange bloodbank.events.v1 takes its policy from 'ops-catch-all'"),
                plan.warnings().get(0));
    }

    @Test
    void showsAndRepairsDriftAfterAManualDelete(TestVhost vhost) {
        Reconciler reconciler = reconciler(vhost);
        reconciler.apply(BASE, ApplyOptions.DEFAULT);
        String vh = ManagementHttp.segment(vhost.name());
        vhost.management().delete("queues/" + vh + "/bloodbank.sub.transcriber");
        vhost.management().delete("policies/" + vh + "/" + ManagementHttp.segment(BrokerTopology.derive(BASE).policies().get(0).name()));

        Plan plan = reconciler.plan(BASE, false);
        assertEquals(List.of(
                        "Create queue bloodbank.sub.transcriber",
                        "Create binding bloodbank.events.v1 -> bloodbank.sub.transcriber [fireflies.transcript.*]",
                        "Create policy bloodbank.alternate-exchange.bloodbank.events.v1"),
                plan.changes().stream().map(c -> c.getClass().getSimpleName() + " " + c.object().display()).toList());
        assertTrue(reconciler.apply(BASE, ApplyOptions.DEFAULT).succeeded());
        assertTrue(reconciler.plan(BASE, false).isEmpty());
    }

    @Test
    void reportsWhatWasDoneWhenItFailsHalfWayAndARerunFinishes(TestVhost vhost) {
        String vh = ManagementHttp.segment(vhost.name());
        String user = vhost.endpoint().username();
        // The user may configure exchanges and the unrouted queue, but not the command's queues.
        vhost.management().put("permissions/" + vh + "/" + ManagementHttp.segment(user), Map.of(
                "configure", "^bloodbank\\.(events|commands|dlx|unrouted|retry)\\.v1$", "write", ".*", "read", ".*"));
        Reconciler reconciler = reconciler(vhost);
        Topology topology = topology().command("agent.task.assign").build();

        ApplyReport first = reconciler.apply(topology, ApplyOptions.DEFAULT);
        assertEquals(6, first.count(Status.DONE), describe(first));           // 5 exchanges, unrouted queue
        // The five queues (four of the command's, the schema registry's stream) were started together:
        // each failed, or was not attempted after the first failure.
        assertTrue(first.count(Status.FAILED) >= 1, describe(first));
        assertEquals(11, first.count(Status.FAILED) + first.count(Status.NOT_ATTEMPTED), describe(first));
        assertTrue(first.outcomes().stream().filter(o -> o.change().kind() != ObjectKind.QUEUE
                && o.change().kind() != ObjectKind.EXCHANGE).allMatch(o -> o.status() == Status.NOT_ATTEMPTED), describe(first));
        ApplyReport.Outcome failed = first.outcomes().stream().filter(o -> o.status() == Status.FAILED).findFirst().orElseThrow();
        assertTrue(failed.detail().startsWith("user '" + user + "' may not declare queue bloodbank.cmd."), failed.detail());

        vhost.management().put("permissions/" + vh + "/" + ManagementHttp.segment(user),
                Map.of("configure", ".*", "write", ".*", "read", ".*"));
        ApplyReport second = reconciler.apply(topology, ApplyOptions.DEFAULT);
        assertTrue(second.succeeded(), describe(second));
        assertEquals(11, second.count(Status.DONE));
        assertTrue(reconciler.plan(topology, true).isEmpty());
    }
}
