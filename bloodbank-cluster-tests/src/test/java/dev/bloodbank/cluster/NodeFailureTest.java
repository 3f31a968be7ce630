package dev.bloodbank.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bloodbank.broker.management.NodeInfo;
import dev.bloodbank.broker.reconcile.ApplyOptions;
import dev.bloodbank.broker.reconcile.Reconciler;
import dev.bloodbank.cli.Main;
import dev.bloodbank.topology.Topology;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("a node of the cluster dies")
class NodeFailureTest {

    /** 20,000 in the issue; the suite must fit in CI on 2 cores beside the main build. */
    private static final int EVENTS = Integer.getInteger("bloodbank.cluster.events", 20_000);

    @TempDir
    Path dir;

    @Test
    @DisplayName("kill -9 of the quorum queue's leader while a service consumes and a publisher publishes")
    void killingTheLeaderLosesNoConfirmedEventAndHandlesNoneTwice() throws Exception {
        try (Cluster cluster = new Cluster()) {
            Topology topology = FaultRun.topology(dir);
            assertTrue(new Reconciler(cluster.management).apply(topology, ApplyOptions.DEFAULT).succeeded());
            String[] leader = new String[1];
            FaultRun.Result result = FaultRun.run(cluster, topology, FaultRun.Load.burst(EVENTS), publisher -> {
                leader[0] = cluster.leaderOf(FaultRun.QUEUE);
                Cluster.signal(Cluster.number(leader[0]), "KILL");
            });
            String newLeader = cluster.leaderOf(FaultRun.QUEUE);
            System.out.println("[cluster] leader " + leader[0] + " killed -> new leader " + newLeader + ": " + result);

            assertTrue(!newLeader.equals(leader[0]), "the leadership moved off the killed node");
            FaultRun.assertExactlyOnce(result);
            cluster.restart(Cluster.number(leader[0]));
        }
    }

    @Test
    @DisplayName("kill -9 of the node the publisher is connected to, mid-stream")
    void killingThePublishersNodeLosesNoConfirmedEventAndHandlesNoneTwice() throws Exception {
        try (Cluster cluster = new Cluster()) {
            Topology topology = FaultRun.topology(dir);
            assertTrue(new Reconciler(cluster.management).apply(topology, ApplyOptions.DEFAULT).succeeded());
            int[] killed = new int[1];
            String[] leader = new String[1];
            String[] movedTo = new String[1];
            FaultRun.Result result = FaultRun.run(cluster, topology, FaultRun.Load.burst(EVENTS), publisher -> {
                leader[0] = cluster.leaderOf(FaultRun.QUEUE);
                killed[0] = Cluster.numberOfAmqp(publisher.node());
                Cluster.signal(killed[0], "KILL");
                Cluster.await(Duration.ofSeconds(60), () -> Cluster.numberOfAmqp(publisher.node()) != killed[0],
                        "the publisher's connection recovered on another node");
                movedTo[0] = publisher.node();
            });
            System.out.println("[cluster] publisher's node rabbit-" + killed[0] + " killed (queue leader " + leader[0]
                    + "), publisher recovered on " + movedTo[0] + ": " + result);

            assertTrue(result.resent() > 0, "the publishes in flight on the killed node were sent again: " + result);
            FaultRun.assertExactlyOnce(result);
            cluster.restart(killed[0]);
        }
    }

    @Test
    @DisplayName("plan and apply while a node is down")
    void planIsHonestAndApplyRefusesWithoutForceWhileANodeIsDown() throws Exception {
        try (Cluster cluster = new Cluster()) {
            Path file = dir.resolve("topology.yaml");
            Files.writeString(file, FaultRun.TOPOLOGY);
            assertEquals(0, cli(cluster, "apply", "-f", file.toString()).code(), "applied while all nodes run");

            Cluster.signal(3, "KILL");
            Cluster.await(Duration.ofSeconds(60), () -> cluster.management.nodes().stream().filter(NodeInfo::running).count() == 2,
                    "rabbit-3 seen down");

            Run plan = cli(cluster, "plan", "-f", file.toString(), "--detailed-exitcode");
            System.out.println("[cluster] plan with rabbit-3 down:\n" + plan.out());
            assertEquals(2, plan.code(), plan::toString);
            assertTrue(plan.out().contains("No changes. The broker matches the topology"), plan::toString);
            assertTrue(plan.out().contains("  ! queue bloodbank.sub.billing: 2 of 3 members online (down: rabbit-3@localhost)"),
                    plan::toString);

            Files.writeString(file, FaultRun.TOPOLOGY + "  shipping: { events: [ \"shop.order.placed\" ] }\n");
            Run refused = cli(cluster, "apply", "-f", file.toString());
            System.out.println("[cluster] apply with rabbit-3 down:\n" + refused.err());
            assertEquals(1, refused.code(), refused::toString);
            assertTrue(refused.err().startsWith("bloodbank: apply refused: nodes: 2 of 3 running; down: rabbit-3@localhost"),
                    refused::toString);
            assertTrue(refused.out().isEmpty(), "nothing applied: " + refused);

            Run forced = cli(cluster, "apply", "-f", file.toString(), "--force");
            assertEquals(0, forced.code(), forced::toString);
            assertTrue(forced.err().startsWith("warning: nodes: 2 of 3 running; down: rabbit-3@localhost"), forced::toString);
            assertTrue(forced.out().contains("  + queue bloodbank.sub.shipping: created"), forced::toString);

            cluster.restart(3);
            Cluster.await(Duration.ofSeconds(60), () -> cli(cluster, "plan", "-f", file.toString(), "--detailed-exitcode").code() == 0,
                    "a clean plan once rabbit-3 is back");
        }
    }

    record Run(int code, String out, String err) {}

    private static Run cli(Cluster cluster, String... args) {
        String[] full = new String[args.length + 4];
        System.arraycopy(args, 0, full, 0, args.length);
        full[args.length] = "--amqp-url";
        full[args.length + 1] = cluster.amqpUrl;
        full[args.length + 2] = "--management-url";
        full[args.length + 3] = cluster.managementUrl;
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), full);
        return new Run(code, out.toString(), err.toString());
    }
}
