package dev.bloodbank.cluster;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bloodbank.broker.management.NodeInfo;
import dev.bloodbank.broker.reconcile.ApplyOptions;
import dev.bloodbank.broker.reconcile.Reconciler;
import dev.bloodbank.topology.Topology;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("a node of the cluster stops answering for a while")
class NodePauseTest {

    /** The 30 s: shorter than the AMQP heartbeat timeout and Erlang's net tick, so nobody declares it dead. */
    private static final Duration PAUSE = Duration.ofSeconds(Long.getLong("bloodbank.cluster.pause-seconds", 30));
    private static final int PER_SECOND = Integer.getInteger("bloodbank.cluster.events-per-second", 200);

    @TempDir
    Path dir;

    @Test
    @DisplayName("SIGSTOP of the quorum queue's leader for 30 s, then SIGCONT, under a steady load")
    void pausingTheLeaderLosesNothingAndHandlesNothingTwice() throws Exception {
        try (Cluster cluster = new Cluster()) {
            Topology topology = FaultRun.topology(dir);
            assertTrue(new Reconciler(cluster.management).apply(topology, ApplyOptions.DEFAULT).succeeded());
            String[] paused = new String[1];
            String[] publisherOn = new String[1];
            FaultRun.Result result = FaultRun.run(cluster, topology, FaultRun.Load.steady(PER_SECOND, PER_SECOND * 5), publisher -> {
                paused[0] = cluster.leaderOf(FaultRun.QUEUE);
                publisherOn[0] = publisher.node();
                int node = Cluster.number(paused[0]);
                Cluster.signal(node, "STOP");
                try {
                    // The fault itself lasts this long; nothing is awaited here.
                    Thread.sleep(PAUSE.toMillis());
                } finally {
                    Cluster.signal(node, "CONT");
                }
                Cluster.await(Duration.ofSeconds(60),
                        () -> cluster.management.nodes().stream().filter(NodeInfo::running).count() == 3,
                        "3 nodes running after " + paused[0] + " resumed");
            });
            System.out.println("[cluster] leader " + paused[0] + " paused " + PAUSE.toSeconds() + " s (publisher on "
                    + publisherOn[0] + "), leader now " + cluster.leaderOf(FaultRun.QUEUE) + ": " + result);

            FaultRun.assertExactlyOnce(result);
        }
    }
}
