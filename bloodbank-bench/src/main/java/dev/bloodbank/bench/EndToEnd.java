package dev.bloodbank.bench;

import dev.bloodbank.topology.Topology;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The end-to-end benchmark: the same traffic through plain amqp-client, Spring AMQP and Bloodbank,
 * on the same broker, in one vhost of its own. Every client warms up first, in passes, until the
 * JIT compilers are quiet during each client's pass (or a bound of passes is reached): a client
 * measured while its code is still being compiled pays for compilation in CPU and latency that a
 * running service pays once. Then each measured round runs them all back to back, in an order
 * rotated by one each round, so that drift on the machine (other load, the broker's own state)
 * hits all alike and no client always goes first. The report takes the median of the rounds, and
 * shows each run's JIT time beside it.
 *
 * <pre>
 * java -cp bloodbank-bench/target/benchmarks.jar dev.bloodbank.bench.EndToEnd --messages 50000
 * </pre>
 */
public final class EndToEnd {

    /** A warm-up pass during which the JIT compiled for at most this share of its wall time counts as steady. */
    static final double SETTLED = 0.03;

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
        Path written = report.write(options.out());
        System.out.println();
        System.out.println(report.summary());
        System.out.println("results written to " + written + " and " + E2eReport.textFile(written));
        System.exit(0);
    }

    /** Runs the warm-up and the measured rounds, printing progress to {@code log}. */
    static E2eReport run(E2eOptions options, PrintStream log) throws Exception {
        Topology topology = BenchTopology.load(options.queueType(), options.prefetch());
        String exchange = topology.exchanges().events();
        String queue = BenchTopology.queue(topology);
        Map<String, List<RunResult>> results = new LinkedHashMap<>();
        List<String> lines = new ArrayList<>();
        Consumer<String> say = line -> {
            log.println(line);
            lines.add(line);
        };
        double loadAtStart = loadAverage();
        try (BenchVhost vhost = BenchVhost.create(options.amqpUrl(), options.managementUrl(), topology)) {
            say.accept(String.format("vhost %s, %s queue %s, %d B raw body, window %d, prefetch %d, load average %.1f",
                    vhost.name(), options.queueType().name().toLowerCase(), queue, RawBody.standard().size(),
                    options.window(), options.prefetch(), loadAtStart));
            Client client = (name, messages) -> switch (name) {
                case "raw" -> RawRun.run(vhost, exchange, BenchTopology.KEY, queue, messages, options.window(),
                        options.prefetch(), options.timeout());
                case "spring" -> SpringRun.run(vhost, exchange, BenchTopology.KEY, queue, messages, options.window(),
                        options.prefetch(), options.timeout());
                case "bloodbank" -> BloodbankRun.run(vhost, topology, messages, options.window(), options.timeout());
                default -> throw new IllegalArgumentException("no client " + name);
            };
            if (options.warmup() > 0) {
                say.accept(String.format("warm-up: %d messages each, in passes until the JIT takes at most %.0f%% of a "
                        + "client's pass (at most %d passes)", options.warmup(), SETTLED * 100, options.warmupPasses()));
                for (int pass = 1; pass <= options.warmupPasses(); pass++) {
                    boolean settled = true;
                    for (String name : options.order(1)) {
                        RunResult r = client.run(name, options.warmup());
                        settled &= r.jitShare() <= SETTLED;
                        say.accept(line("warmup " + pass, r));
                    }
                    if (settled) break;
                }
            }
            for (int round = 1; round <= options.rounds(); round++) {
                for (String name : options.order(round)) {
                    RunResult r = client.run(name, options.messages()).inRound(round);
                    results.computeIfAbsent(name, k -> new ArrayList<>()).add(r);
                    say.accept(line("round " + round, r) + String.format("   load %.1f", loadAverage()));
                }
            }
        }
        return new E2eReport(options, results, new E2eReport.Load(loadAtStart, loadAverage()), lines);
    }

    /** One client's run of a number of messages. */
    @FunctionalInterface
    private interface Client {
        RunResult run(String name, int messages) throws Exception;
    }

    /** The 1-minute load average of the machine, as the kernel reports it. */
    static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    private static String line(String label, RunResult r) {
        return String.format("  %-8s %-9s %,9.0f msg/s   p50 %7.2f ms   p95 %7.2f ms   p99 %7.2f ms   client CPU %6.1f us/msg   JIT %5d ms",
                label, r.client(), r.throughput(), r.latency().p50(), r.latency().p95(), r.latency().p99(),
                r.cpuMicrosPerMessage(), r.jitMillis());
    }

    static Path ensureParent(Path file) throws java.io.IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) Files.createDirectories(parent);
        return file;
    }
}
