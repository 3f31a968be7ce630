package dev.bloodbank.broker.reconcile;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StreamGuardTest {

    private static final Queue STREAM = Queue.durable("bloodbank.archive.v1", "stream", Map.of());

    @Test
    void refusesToDeleteOrRecreateAStream() {
        assertTrue(StreamGuard.refusal(new Change.Delete(STREAM, "owned by Bloodbank and not in the topology", 3L)).isPresent());
        Queue changed = Queue.durable("bloodbank.archive.v1", "stream", Map.of("x-max-age", "1D"));
        assertTrue(StreamGuard.refusal(new Change.ReplaceRequired(changed, STREAM,
                Planner.differences(changed, STREAM), 0L, List.of())).orElseThrow().contains("re-created"));
    }

    @Test
    void letsOtherQueuesThrough() {
        Queue quorum = Queue.durable("bloodbank.sub.a", "quorum", Map.of());
        assertTrue(StreamGuard.refusal(new Change.Delete(quorum, "gone", 0L)).isEmpty());
        assertTrue(StreamGuard.refusal(new Change.Create(STREAM)).isEmpty());
    }
}
