package dev.bloodbank.broker.reconcile;

import static dev.bloodbank.broker.reconcile.Brokers.describe;
import static dev.bloodbank.broker.reconcile.Brokers.reconciler;
import static dev.bloodbank.broker.reconcile.TestTopology.topology;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bloodbank.broker.reconcile.ApplyReport.Outcome;
import dev.bloodbank.broker.reconcile.ApplyReport.Status;
import dev.bloodbank.testing.broker.BrokerExtension;
import dev.bloodbank.testing.broker.ManagementHttp;
import dev.bloodbank.testing.broker.TestVhost;
import dev.bloodbank.topology.QueueType;
import dev.bloodbank.topology.Topology;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The safety rules on RabbitMQ itself: that the real broker admin answers as the rules expect
 * (exact counts over AMQP, the broker's own if-empty and if-unused checks, fencing of quorum
 * queues, re-binding). Every rule is covered without a broker in {@link SafetyPoliciesTest}.
 */
@ExtendWith(BrokerExtension.class)
@DisplayName("Safety rules of apply on RabbitMQ")
class ReconcileSafetyTest {

    private static Topology archive(QueueType type, String... patterns) {
        return topology().event("github.pull-request.merged").command("agent.task.assign")
                .subscription("archive", type, patterns).build();
    }

    private static Outcome outcome(ApplyReport report, String display) {
        return report.outcomes().stream().filter(o -> o.change().object().display().equals(display)).findFirst()
                .orElseThrow(() -> new AssertionError("no outcome for " + display + " in\n" + describe(report)));
    }

    @Test
    void recreatesAnEmptyQueueWithItsBindingsWhenAllowed(TestVhost vhost) throws Exception {
        Reconciler reconciler = reconciler(vhost);
        reconciler.apply(archive(QueueType.QUORUM, "github.#"), ApplyOptions.DEFAULT);

        Topology changed = archive(QueueType.CLASSIC, "github.#", "fireflies.#");
        ApplyReport report = reconciler.apply(changed, ApplyOptions.DEFAULT.withAllowRecreate(true));

        assertTrue(report.succeeded(), describe(report));
        assertEquals("classic", vhost.queue("bloodbank.sub.archive").get("type").asText());
        assertEquals(List.of("fireflies.#", "github.#"), bindingKeys(vhost, "bloodbank.sub.archive"));
        assertTrue(reconciler.plan(changed, true).isEmpty());
        Brokers.publish(vhost, "bloodbank.events.v1", "github.pull-request.merged", 1);
        assertEquals(1, vhost.messageCount("bloodbank.sub.archive"), "the re-created queue receives events");
    }

    @ParameterizedTest(name = "from {0}")
    @EnumSource(QueueType.class)
    void neverRecreatesAQueueThatHoldsMessages(QueueType from, TestVhost vhost) throws Exception {
        Reconciler reconciler = reconciler(vhost);
        reconciler.apply(archive(from, "github.#"), ApplyOptions.DEFAULT);
        Brokers.publish(vhost, "bloodbank.events.v1", "github.pull-request.merged", 3);

        QueueType to = from == QueueType.QUORUM ? QueueType.CLASSIC : QueueType.QUORUM;
        ApplyReport report = reconciler.apply(archive(to, "github.#", "fireflies.#"), ApplyOptions.DEFAULT.withAllowRecreate(true));

        Outcome refused = outcome(report, "queue bloodbank.sub.archive");
        assertEquals(Status.REFUSED, refused.status(), describe(report));
        assertTrue(refused.detail().contains("was not re-created"), refused.detail());
        assertEquals(Status.SKIPPED, outcome(report, "binding bloodbank.events.v1 -> bloodbank.sub.archive [fireflies.#]").status());
        assertEquals(3, vhost.messageCount("bloodbank.sub.archive"), "every message is still there");
        assertEquals(from.wireName(), vhost.queue("bloodbank.sub.archive").get("type").asText());
        assertEquals(List.of("github.#"), bindingKeys(vhost, "bloodbank.sub.archive"), "its bindings are as before");
    }

    @Test
    void decidesOnTheQueuesOwnCountNotOnLaggingStatistics(TestVhost vhost) throws Exception {
        Reconciler reconciler = reconciler(vhost);
        reconciler.apply(archive(QueueType.QUORUM, "github.#"), ApplyOptions.DEFAULT);
        Brokers.publish(vhost, "bloodbank.events.v1", "github.pull-request.merged", 2);
        Brokers.await(Duration.ofSeconds(30), () -> Long.valueOf(2).equals(Brokers.client(vhost).queueMessages("bloodbank.sub.archive")),
                "the management API's statistics to count the two messages");
        try (var c = vhost.connectionFactory().newConnection(); var ch = c.createChannel()) {
            assertNotNull(ch.basicGet("bloodbank.sub.archive", true));
            assertNotNull(ch.basicGet("bloodbank.sub.archive", true));
        }

        ApplyReport report = reconciler.apply(archive(QueueType.CLASSIC, "github.#"), ApplyOptions.DEFAULT.withAllowRecreate(true));
        assertTrue(report.succeeded(), describe(report));
        assertEquals("classic", vhost.queue("bloodbank.sub.archive").get("type").asText());
    }

    @Test
    void theBrokerKeepsAClassicQueueThatHasAConsumer(TestVhost vhost) throws Exception {
        Reconciler reconciler = reconciler(vhost);
        reconciler.apply(archive(QueueType.CLASSIC, "github.#"), ApplyOptions.DEFAULT);
        try (var c = vhost.connectionFactory().newConnection(); var ch = c.createChannel()) {
            ch.basicConsume("bloodbank.sub.archive", false, (tag, delivery) -> {}, tag -> {});

            ApplyReport report = reconciler.apply(archive(QueueType.QUORUM, "github.#"), ApplyOptions.DEFAULT.withAllowRecreate(true));

            Outcome kept = outcome(report, "queue bloodbank.sub.archive");
            assertEquals(Status.REFUSED, kept.status(), describe(report));
            assertInstanceOf(Refusal.BrokerKeptBusyQueue.class, kept.refusal(), kept.detail());
            assertEquals("classic", vhost.queue("bloodbank.sub.archive").get("type").asText());
        }
    }

    @Test
    void prunesOnlyItsOwnEmptyObjects(TestVhost vhost) throws Exception {
        Reconciler reconciler = reconciler(vhost);
        Topology topology = archive(QueueType.QUORUM, "github.#");
        reconciler.apply(topology, ApplyOptions.DEFAULT);

        ManagementHttp api = vhost.management();
        String vh = ManagementHttp.segment(vhost.name());
        // Another application's exchange and queue, bound to Bloodbank's events exchange and its own.
        api.put("exchanges/" + vh + "/billing.events", Map.of("type", "topic", "durable", true));
        api.put("queues/" + vh + "/billing.invoices", Map.of("durable", true));
        api.post("bindings/" + vh + "/e/bloodbank.events.v1/q/billing.invoices", Map.of("routing_key", "billing.#"));
        api.post("bindings/" + vh + "/e/billing.events/q/billing.invoices", Map.of("routing_key", "#"));
        api.put("policies/" + vh + "/billing-limits", Map.of("pattern", "^billing\\.", "definition", Map.of("max-length", 1000), "apply-to", "queues"));
        // Two leftovers of an older Bloodbank topology: one empty, one with messages; and an unused exchange.
        api.put("queues/" + vh + "/bloodbank.sub.old-empty", Map.of("durable", true));
        api.put("queues/" + vh + "/bloodbank.sub.old-full", Map.of("durable", true, "arguments", Map.of("x-queue-type", "quorum")));
        api.put("exchanges/" + vh + "/bloodbank.legacy.v0", Map.of("type", "topic", "durable", true));
        Brokers.publish(vhost, "", "bloodbank.sub.old-full", 2);

        Plan plan = reconciler.plan(topology, true);
        assertEquals(List.of("queue bloodbank.sub.old-full", "queue bloodbank.sub.old-empty", "exchange bloodbank.legacy.v0"),
                plan.changes().stream().map(c -> c.object().display()).toList());

        ApplyReport report = reconciler.apply(topology, ApplyOptions.DEFAULT.withPrune(true));
        assertEquals(Status.REFUSED, outcome(report, "queue bloodbank.sub.old-full").status(), describe(report));
        assertEquals(Status.DONE, outcome(report, "queue bloodbank.sub.old-empty").status());
        assertEquals(Status.DONE, outcome(report, "exchange bloodbank.legacy.v0").status());

        assertEquals(2, vhost.messageCount("bloodbank.sub.old-full"));
        assertNull(vhost.queue("bloodbank.sub.old-empty"));
        assertNotNull(vhost.queue("billing.invoices"));
        assertNotNull(vhost.exchange("billing.events"));
        assertNotNull(vhost.exchange("amq.topic"));
        assertNotNull(api.get("policies/" + vh + "/billing-limits"));
        assertEquals(List.of("#", "billing.#"), bindingKeys(vhost, "billing.invoices"));
    }

    @Test
    void recreatesAnExchangeOnlyWhenAllowedAndRebindsIt(TestVhost vhost) {
        Reconciler reconciler = reconciler(vhost);
        Topology topology = archive(QueueType.QUORUM, "github.#");
        reconciler.apply(topology, ApplyOptions.DEFAULT);
        String vh = ManagementHttp.segment(vhost.name());
        // Drift that only a re-declaration can repair: the dead-letter exchange has the wrong type.
        vhost.management().delete("exchanges/" + vh + "/bloodbank.dlx.v1");
        vhost.management().put("exchanges/" + vh + "/bloodbank.dlx.v1", Map.of("type", "fanout", "durable", true));

        Plan plan = reconciler.plan(topology, false);
        Change.ReplaceRequired replace = assertInstanceOf(Change.ReplaceRequired.class, plan.changes().get(0));
        assertEquals(List.of(new FieldChange("type", "fanout", "direct",
                "RabbitMQ fixes an exchange's type, flags and arguments when it is declared")), replace.fields());

        ApplyReport refused = reconciler.apply(topology, ApplyOptions.DEFAULT);
        assertEquals(Status.REFUSED, outcome(refused, "exchange bloodbank.dlx.v1").status());
        assertEquals(Status.SKIPPED, outcome(refused,
                "binding bloodbank.dlx.v1 -> bloodbank.sub.archive.dlq [bloodbank.sub.archive]").status());
        assertEquals("fanout", vhost.exchange("bloodbank.dlx.v1").get("type").asText());

        // In the same run a new command needs a dead-letter binding to the re-created exchange.
        Topology grown = topology().event("github.pull-request.merged").command("agent.task.assign")
                .command("agent.task.cancel").subscription("archive", QueueType.QUORUM, "github.#").build();
        ApplyReport recreated = reconciler.apply(grown, ApplyOptions.DEFAULT.withAllowRecreate(true));
        assertTrue(recreated.succeeded(), describe(recreated));
        assertEquals("direct", vhost.exchange("bloodbank.dlx.v1").get("type").asText());
        assertTrue(reconciler.plan(grown, true).isEmpty());
    }

    @Test
    void keepsAnOwnedExchangeThatAnotherApplicationStillUses(TestVhost vhost) {
        Reconciler reconciler = reconciler(vhost);
        Topology topology = archive(QueueType.QUORUM, "github.#");
        reconciler.apply(topology, ApplyOptions.DEFAULT);
        ManagementHttp api = vhost.management();
        String vh = ManagementHttp.segment(vhost.name());
        api.put("exchanges/" + vh + "/bloodbank.legacy.v0", Map.of("type", "topic", "durable", true));
        api.put("queues/" + vh + "/billing.legacy", Map.of("durable", true));
        api.post("bindings/" + vh + "/e/bloodbank.legacy.v0/q/billing.legacy", Map.of("routing_key", "#"));

        ApplyReport report = reconciler.apply(topology, ApplyOptions.DEFAULT.withPrune(true));
        Outcome kept = outcome(report, "exchange bloodbank.legacy.v0");
        assertEquals(Status.REFUSED, kept.status(), describe(report));
        assertTrue(kept.detail().contains("still the source of bindings"), kept.detail());
        assertNotNull(vhost.exchange("bloodbank.legacy.v0"));
        assertEquals(List.of("#"), bindingKeys(vhost, "billing.legacy"));
    }

    private static List<String> bindingKeys(TestVhost vhost, String queue) {
        JsonNode bindings = vhost.management().get("queues/" + ManagementHttp.segment(vhost.name()) + "/"
                + ManagementHttp.segment(queue) + "/bindings");
        java.util.List<String> keys = new java.util.ArrayList<>();
        for (JsonNode b : bindings) if (!b.get("source").asText().isEmpty()) keys.add(b.get("routing_key").asText());
        keys.sort(null);
        return keys;
    }
}
