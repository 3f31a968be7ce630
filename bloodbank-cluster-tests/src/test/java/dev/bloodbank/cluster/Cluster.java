package dev.bloodbank.cluster;

import dev.bloodbank.broker.management.BrokerAddress;
import dev.bloodbank.broker.management.ManagementClient;
import dev.bloodbank.broker.management.QuorumMembers;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.BooleanSupplier;

/**
 * The 3-node cluster of {@code cluster/run-cluster.sh run}, which passes its node lists and its
 * own path in the environment; and a vhost of this test's own on it.
 */
final class Cluster implements AutoCloseable {

    final String vhost = "bb-cluster-" + UUID.randomUUID().toString().substring(0, 8);
    final String amqpUrl;
    final String managementUrl;
    final ManagementClient management;

    Cluster() {
        String amqp = required("BLOODBANK_CLUSTER_AMQP_URL");
        int comma = amqp.indexOf(',');
        // The vhost is the first URL's path; the other nodes follow it.
        this.amqpUrl = amqp.substring(0, comma) + "/" + vhost + amqp.substring(comma);
        this.managementUrl = required("BLOODBANK_CLUSTER_MANAGEMENT_URL");
        this.management = new ManagementClient(BrokerAddress.of(amqpUrl, managementUrl));
        management.createVhost();
    }

    private static String required(String name) {
        String value = System.getenv(name);
        if (value == null || value.isBlank())
            throw new IllegalStateException("$" + name + " is not set: run the fault suite with"
                    + " cluster/run-cluster.sh run mvn -Pcluster ... (see docs/cluster.md)");
        return value;
    }

    /** The node that leads a quorum queue of this vhost now. */
    String leaderOf(String queue) {
        return management.quorumQueues().stream().filter(q -> q.vhost().equals(vhost) && q.queue().equals(queue))
                .map(QuorumMembers::leader).findFirst().orElseThrow(() -> new AssertionError("no quorum queue " + queue));
    }

    static int number(String node) {
        return Integer.parseInt(node.substring("rabbit-".length(), node.indexOf('@')));
    }

    /** The node behind an AMQP address of the list, 127.0.0.1:568N. */
    static int numberOfAmqp(String hostPort) {
        int port = Integer.parseInt(hostPort.substring(hostPort.lastIndexOf(':') + 1));
        if (port < 5681 || port > 5683) throw new AssertionError(hostPort + " is not a node of the test cluster");
        return port - 5680;
    }

    static long pid(int node) {
        return Long.parseLong(script("pid", String.valueOf(node)).trim());
    }

    static void signal(int node, String signal) {
        run(List.of("kill", "-" + signal, String.valueOf(pid(node))));
    }

    /** Starts a killed node again and waits until it runs and is back in the cluster. */
    void restart(int node) {
        script("start-node", String.valueOf(node));
        await(Duration.ofSeconds(120), () -> management.nodes().stream().filter(n -> n.running()).count() == 3,
                "3 nodes running after restarting rabbit-" + node);
    }

    /** Stops a node gracefully, once no quorum queue needs it for a majority, as a rolling restart does. */
    static void stop(int node) {
        script("stop-node", String.valueOf(node));
    }

    static String script(String... args) {
        List<String> command = new java.util.ArrayList<>();
        command.add(required("BLOODBANK_CLUSTER_SCRIPT"));
        command.addAll(List.of(args));
        return run(command);
    }

    private static String run(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.waitFor() != 0) throw new AssertionError(String.join(" ", command) + " failed: " + out);
            return out;
        } catch (IOException e) {
            throw new AssertionError("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted running " + command, e);
        }
    }

    static void await(Duration timeout, BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("timed out after " + timeout + " waiting for " + what);
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what, e);
            }
        }
    }

    /** Brings every node back (a failed test may have left one down or paused), then deletes the vhost. */
    @Override
    public void close() {
        for (int node = 1; node <= 3; node++) {
            try {
                signal(node, "CONT");
            } catch (AssertionError notRunning) {
                // killed: start-node below brings it back
            }
            script("start-node", String.valueOf(node));
        }
        management.deleteVhost();
    }
}
