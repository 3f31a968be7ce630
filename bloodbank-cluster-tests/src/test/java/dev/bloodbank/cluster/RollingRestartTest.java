package dev.bloodbank.cluster;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bloodbank.broker.reconcile.ApplyOptions;
import dev.bloodbank.broker.reconcile.Reconciler;
import dev.bloodbank.topology.Topology;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("the cluster is restarted node by node")
class RollingRestartTest {

    private static final int PER_SECOND = Integer.getInteger("bloodbank.cluster.events-per-second", 200);

    @TempDir
    Path dir;

    @Test
    @DisplayName("a rolling restart of all three nodes under a steady load")
    void aRollingRestartLosesNothingAndHandlesNothingTwice() throws Exception {
        try (Cluster cluster = new Cluster()) {
            Topology topology = FaultRun.topology(dir);
            assertTrue(new Reconciler(cluster.management).apply(topology, ApplyOptions.DEFAULT).succeeded());
            List<String> restarts = new ArrayList<>();
            FaultRun.Result result = FaultRun.run(cluster, topology, FaultRun.Load.steady(PER_SECOND, PER_SECOND * 5), publisher -> {
                for (int node = 1; node <= 3; node++) {
                    String leader = cluster.leaderOf(FaultRun.QUEUE);
                    long began = System.nanoTime();
                    Cluster.stop(node);
                    long stopped = System.nanoTime();
                    cluster.restart(node);
                    restarts.add("rabbit-" + node + " (leader " + leader + ") stop " + (stopped - began) / 1_000_000
                            + " ms, start " + (System.nanoTime() - stopped) / 1_000_000 + " ms");
                }
            });
            System.out.println("[cluster] rolling restart: " + String.join("; ", restarts) + ": " + result);

            FaultRun.assertExactlyOnce(result);
        }
    }
}
