package dev.bloodbank.broker.reconcile;

import static dev.bloodbank.broker.reconcile.Brokers.describe;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bloodbank.testing.broker.BrokerExtension;
import dev.bloodbank.testing.broker.TestVhost;
import dev.bloodbank.topology.Topology;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Wall time of plan and apply for a large topology on this machine. Prints the figures; asserts
 * only correctness (timing depends on the machine and its load).
 */
@ExtendWith(BrokerExtension.class)
@DisplayName("plan and apply at the size of a grown ecosystem")
class ReconcileScaleTest {

    @Test
    void measuresPlanAndApplyForSixHundredEvents(TestVhost vhost) throws Exception {
        Path file = LargeTopology.write(Path.of("target", "large-topology", "topology.yaml"));
        long t0 = System.nanoTime();
        Topology topology = Topology.load(file);
        long loaded = System.nanoTime();
        BrokerTopology desired = BrokerTopology.derive(topology);
        assertEquals(600, topology.events().size());
        assertEquals(120, topology.commands().size());
        assertEquals(120, topology.subscriptions().size());

        Reconciler reconciler = Brokers.reconciler(vhost);
        long p0 = System.nanoTime();
        Plan fromEmpty = reconciler.plan(desired, false);
        long p1 = System.nanoTime();
        ApplyReport applied = reconciler.apply(desired, ApplyOptions.DEFAULT);
        long a1 = System.nanoTime();
        assertTrue(applied.succeeded(), () -> describe(applied));
        Plan noop = reconciler.plan(desired, true);
        long n1 = System.nanoTime();
        ApplyReport noopApply = reconciler.apply(desired, ApplyOptions.DEFAULT);
        long n2 = System.nanoTime();

        assertEquals(desired.objects().size(), fromEmpty.changes().size());
        assertTrue(noop.isEmpty(), () -> noop.changes().subList(0, Math.min(5, noop.changes().size())).toString());
        assertTrue(noopApply.outcomes().isEmpty());

        System.out.printf("""
                [figures] topology: %d events, %d commands, %d subscriptions -> %d exchanges, %d queues, %d bindings, %d policies
                [figures] load + validate topology.yaml: %d ms
                [figures] plan from empty:      %d ms (%d changes)
                [figures] apply from empty:     %d ms (parallelism %d)
                [figures] no-op plan (prune):   %d ms
                [figures] no-op apply:          %d ms
                """,
                topology.events().size(), topology.commands().size(), topology.subscriptions().size(),
                desired.exchanges().size(), desired.queues().size(), desired.bindings().size(), desired.policies().size(),
                ms(loaded - t0), ms(p1 - p0), fromEmpty.changes().size(), ms(a1 - p1), ApplyOptions.DEFAULT.parallelism(),
                ms(n1 - a1), ms(n2 - n1));
    }

    private static long ms(long nanos) {
        return nanos / 1_000_000;
    }
}
