package dev.bloodbank.bench;

import dev.bloodbank.topology.Topology;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The end-to-end benchmark: the same traffic through plain amqp-client and through Bloodbank, on
 * the same broker, in one vhost of its own. Both clients warm up first; then each measured round
 * runs raw and Bloodbank back to back, so that drift on the machine (other load, the broker's own
 * state) hits both alike. The report takes the median of the rounds.
 *
 * <pre>
 * java -cp bloodbank-bench/target/benchmarks.jar dev.bloodbank.bench.EndToEnd --messages 50000
 * </pre>
 */
public final class EndToEnd {

    private EndToEnd() {}

    public static void main(String... args) throws Exception {
        E2eOptions options;
        try {
            options = E2eOptions.parse(args);
        } catch (E2eOptions.UsageException e) {
            if (e.getMessage() != null) System.err.println("EndToEnd: " + e.getMessage());
            System.err.print(E2eOptions.USAGE);
            System.exit(e.getMessage() == null ? 0 : 2);
            return;
        }
        E2eReport report = run(options, System.out);
        if (options.clients().size() < E2eOptions.CLIENTS.size()) {
            System.out.println("one client only: no comparison written");
            System.exit(0);
        }
        Path written = report.write(options.out());
        System.out.println();
        System.out.println(report.summary());
        System.out.println("results written to " + written);
        System.exit(0);
    }

    /** Runs the warm-up and the measured rounds, printing progress to {@code log}. */
    static E2eReport run(E2eOptions options, PrintStream log) throws Exception {
        Topology topology = BenchTopology.load(options.queueType(), options.prefetch());
        String exchange = topology.exchanges().events();
        String queue = BenchTopology.queue(topology);
        List<RunResult> raw = new ArrayList<>();
        List<RunResult> bloodbank = new ArrayList<>();
        try (BenchVhost vhost = BenchVhost.create(options.amqpUrl(), options.managementUrl(), topology)) {
            log.printf("vhost %s, %s queue %s, %d B raw body, window %d, prefetch %d%n", vhost.name(),
                    options.queueType().name().toLowerCase(), queue, RawBody.standard().size(), options.window(),
                    options.prefetch());
            if (options.warmup() > 0) {
                log.printf("warm-up: %d messages each%n", options.warmup());
                if (options.runs("raw"))
                    print(log, "warm-up", RawRun.run(vhost, exchange, BenchTopology.KEY, queue, options.warmup(),
                            options.window(), options.prefetch(), options.timeout()));
                if (options.runs("bloodbank"))
                    print(log, "warm-up", BloodbankRun.run(vhost, topology, options.warmup(), options.window(), options.timeout()));
            }
            for (int round = 1; round <= options.rounds(); round++) {
                String label = "round " + round;
                if (options.runs("raw")) {
                    RunResult r = RawRun.run(vhost, exchange, BenchTopology.KEY, queue, options.messages(),
                            options.window(), options.prefetch(), options.timeout());
                    raw.add(r);
                    print(log, label, r);
                }
                if (options.runs("bloodbank")) {
                    RunResult b = BloodbankRun.run(vhost, topology, options.messages(), options.window(), options.timeout());
                    bloodbank.add(b);
                    print(log, label, b);
                }
            }
        }
        return new E2eReport(options, raw, bloodbank);
    }

    private static void print(PrintStream log, String label, RunResult r) {
        log.printf("  %-8s %-9s %,9.0f msg/s   p50 %7.2f ms   p95 %7.2f ms   p99 %7.2f ms   client CPU %6.1f us/msg%n",
                label, r.client(), r.throughput(), r.latency().p50(), r.latency().p95(), r.latency().p99(),
                r.cpuMicrosPerMessage());
    }

    static Path ensureParent(Path file) throws java.io.IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) Files.createDirectories(parent);
        return file;
    }
}
