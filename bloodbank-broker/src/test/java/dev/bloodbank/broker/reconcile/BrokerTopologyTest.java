package dev.bloodbank.broker.reconcile;

import static dev.bloodbank.broker.reconcile.TestTopology.topology;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bloodbank.topology.QueueSettings;
import dev.bloodbank.topology.QueueType;
import dev.bloodbank.topology.RetryPolicy;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Deriving broker objects from a topology")
class BrokerTopologyTest {

    private final BrokerTopology derived = BrokerTopology.derive(topology()
            .event("github.pull-request.merged")
            .command("agent.task.assign")
            .subscription("archive", "github.#", "fireflies.*.uploaded")
            .build());

    @Test
    void declaresFiveDurableExchangesWithTheirTypes() {
        assertEquals(List.of(
                        Exchange.durable("bloodbank.events.v1", "topic"),
                        Exchange.durable("bloodbank.commands.v1", "topic"),
                        Exchange.durable("bloodbank.dlx.v1", "direct"),
                        Exchange.durable("bloodbank.unrouted.v1", "fanout"),
                        Exchange.durable("bloodbank.retry.v1", "direct")),
                derived.exchanges());
    }

    @Test
    void givesOnlyTheEventsExchangeAnAlternateExchangeThroughAPolicy() {
        Policy policy = derived.policies().get(0);
        assertEquals(1, derived.policies().size());
        assertEquals(Map.of("alternate-exchange", "bloodbank.unrouted.v1"), policy.definition());
        assertEquals("exchanges", policy.applyTo());
        Pattern pattern = Pattern.compile(policy.pattern());
        assertTrue(pattern.matcher("bloodbank.events.v1").find());
        assertFalse(pattern.matcher("bloodbank.commands.v1").find(), "an unroutable command must fail, not be kept");
        assertFalse(pattern.matcher("bloodbankXevents.v1").find(), "dots are literal");
        derived.exchanges().forEach(e -> assertTrue(e.arguments().isEmpty(), e.name() + " has no arguments"));
    }

    @Test
    void keepsUnroutedEventsInABoundedQueue() {
        Queue unrouted = derived.queue("bloodbank.unrouted.v1").orElseThrow();
        assertEquals(Map.of("x-max-length", 100_000L, "x-overflow", "drop-head"), unrouted.arguments());
        assertTrue(derived.bindings().contains(Binding.queue("bloodbank.unrouted.v1", "bloodbank.unrouted.v1", "")));
    }

    @Test
    void givesACommandAWorkQueueRetryQueuesAndADeadLetterQueue() {
        Queue work = derived.queue("bloodbank.cmd.agent.task.assign").orElseThrow();
        assertEquals("quorum", work.type());
        assertTrue(work.durable());
        assertEquals(Map.of("x-dead-letter-exchange", "bloodbank.dlx.v1",
                "x-dead-letter-routing-key", "bloodbank.cmd.agent.task.assign"), work.arguments());
        assertTrue(derived.bindings().contains(
                Binding.queue("bloodbank.commands.v1", "bloodbank.cmd.agent.task.assign", "agent.task.assign")));

        Queue retry1 = derived.queue("bloodbank.cmd.agent.task.assign.retry.1s").orElseThrow();
        assertEquals("classic", retry1.type());
        assertEquals(Map.of("x-message-ttl", 1000L, "x-dead-letter-exchange", "",
                "x-dead-letter-routing-key", "bloodbank.cmd.agent.task.assign"), retry1.arguments());
        assertTrue(derived.queue("bloodbank.cmd.agent.task.assign.retry.2s").isPresent());
        for (String retry : List.of("bloodbank.cmd.agent.task.assign.retry.1s", "bloodbank.cmd.agent.task.assign.retry.2s"))
            assertTrue(derived.bindings().contains(Binding.queue("bloodbank.retry.v1", retry, retry)),
                    "each retry queue is bound to the retry exchange by its own name");

        Queue dlq = derived.queue("bloodbank.cmd.agent.task.assign.dlq").orElseThrow();
        assertEquals("quorum", dlq.type(), "the dead-letter queue has the work queue's type");
        assertTrue(derived.bindings().contains(
                Binding.queue("bloodbank.dlx.v1", "bloodbank.cmd.agent.task.assign.dlq", "bloodbank.cmd.agent.task.assign")));
    }

    @Test
    void bindsASubscriptionWithEachOfItsPatterns() {
        assertEquals(List.of(
                        Binding.queue("bloodbank.events.v1", "bloodbank.sub.archive", "github.#"),
                        Binding.queue("bloodbank.events.v1", "bloodbank.sub.archive", "fireflies.*.uploaded")),
                derived.bindingsOf("bloodbank.sub.archive"));
        assertEquals(List.of(Binding.queue("bloodbank.dlx.v1", "bloodbank.sub.archive.dlq", "bloodbank.sub.archive")),
                derived.bindingsOf("bloodbank.sub.archive.dlq"));
    }

    @Test
    void createsOneRetryQueuePerDistinctDelay() {
        // 1s, 2s, 4s, then capped at 5s three times: four distinct delays for six retries.
        RetryPolicy capped = new RetryPolicy(7, Duration.ofSeconds(1), 2.0, Duration.ofSeconds(5));
        BrokerTopology t = BrokerTopology.derive(topology().command("media.file.transcode", QueueType.QUORUM, capped).build());
        List<String> retries = t.queues().stream().map(Queue::name).filter(n -> n.contains(".retry.")).toList();
        assertEquals(List.of("bloodbank.cmd.media.file.transcode.retry.1s", "bloodbank.cmd.media.file.transcode.retry.2s",
                "bloodbank.cmd.media.file.transcode.retry.4s", "bloodbank.cmd.media.file.transcode.retry.5s"), retries);
    }

    @Test
    void needsNoRetryQueueWhenThereIsOneAttempt() {
        RetryPolicy once = new RetryPolicy(1, Duration.ofSeconds(1), 2.0, Duration.ofSeconds(1));
        BrokerTopology t = BrokerTopology.derive(topology().command("agent.task.assign", QueueType.CLASSIC, once).build());
        assertTrue(t.queues().stream().noneMatch(q -> q.name().contains(".retry.")));
        assertEquals("classic", t.queue("bloodbank.cmd.agent.task.assign.dlq").orElseThrow().type());
    }

    @Test
    void everyDerivedNameCarriesThePrefix() {
        derived.objects().forEach(o -> {
            if (!(o instanceof Binding)) assertTrue(o.id().startsWith(BrokerTopology.PREFIX), o.display());
        });
    }

    @Test
    void refusesTwoDeclarationsSharingAQueueWithDifferentSettings() {
        QueueSettings shared = new QueueSettings("bloodbank.shared", 10, QueueType.CLASSIC, TestTopology.SHORT);
        QueueSettings sharedQuorum = new QueueSettings("bloodbank.shared", 10, QueueType.QUORUM, TestTopology.SHORT);
        var topology = topology().subscription("a", shared, "x.#").subscription("b", sharedQuorum, "y.#").build();
        BrokerTopologyException e = assertThrows(BrokerTopologyException.class, () -> BrokerTopology.derive(topology));
        assertTrue(e.getMessage().contains("bloodbank.shared"), e.getMessage());
        assertTrue(e.getMessage().contains("subscription a") && e.getMessage().contains("subscription b"), e.getMessage());
    }

    @Test
    void isAPureFunctionOfTheTopology() {
        var t = topology().event("a.b.happened").subscription("s", "a.#").command("a.b.do").build();
        assertEquals(BrokerTopology.derive(t), BrokerTopology.derive(t));
    }
}
