package dev.bloodbank.broker.reconcile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A stream holds history: apply never deletes nor re-creates one")
class StreamHistoryTest {

    private static final Queue STREAM = Queue.durable("bloodbank.archive.v1", Queue.STREAM, Map.of());
    private static final ApplyOptions ANYTHING_GOES = ApplyOptions.DEFAULT.withPrune(true).withAllowRecreate(true);

    private final InMemoryBrokerAdmin broker =
            InMemoryBrokerAdmin.holding(new BrokerTopology(List.of(), List.of(STREAM), List.of(), List.of()));

    private Verdict carryOut(Change change) {
        SafetyContext context = new SafetyContext(broker, broker.snapshot(), new Ownership(List.of()), ANYTHING_GOES);
        return new SafetyPolicies(context).carryOut(change);
    }

    @Test
    void aPrunedStreamIsKeptEvenWithPruneAndAllowRecreate() {
        Verdict verdict = carryOut(new Change.Delete(STREAM, "owned by Bloodbank and not in the topology", 3L));

        var refusal = assertInstanceOf(Refusal.StreamHoldsHistory.class, assertInstanceOf(Verdict.Refused.class, verdict).refusal());
        assertTrue(refusal.message().contains("it would have been deleted"), refusal.message());
        assertTrue(refusal.message().contains("rabbitmqctl delete_queue bloodbank.archive.v1"), refusal.message());
        assertTrue(broker.queue(STREAM.name()).isPresent(), "the stream is still on the broker");
    }

    @Test
    void aStreamWhoseFixedPropertiesChangedIsNotRecreated() {
        Queue changed = Queue.durable(STREAM.name(), Queue.STREAM, Map.of("x-stream-max-segment-size-bytes", 1_000_000));
        Verdict verdict = carryOut(new Change.ReplaceRequired(changed, STREAM, Planner.differences(changed, STREAM), 0L, List.of()));

        var refusal = assertInstanceOf(Refusal.StreamHoldsHistory.class, assertInstanceOf(Verdict.Refused.class, verdict).refusal());
        assertTrue(refusal.message().contains("re-created"), refusal.message());
        assertEquals(Map.of(), broker.queue(STREAM.name()).orElseThrow().arguments());
    }

    @Test
    void otherQueuesGoThroughTheirOwnRules() {
        Queue quorum = Queue.durable("bloodbank.sub.a", "quorum", Map.of());
        assertInstanceOf(Verdict.Carried.class, carryOut(new Change.Create(quorum)));
        assertTrue(broker.queue("bloodbank.sub.a").isPresent());
    }
}
