package dev.bloodbank.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * The outcome of an end-to-end run: per client the median over the measured rounds of the
 * throughput and of each latency percentile, their ratios, and whether the goals are met
 * (Bloodbank at 0.90 or more of raw throughput, p99 within 1.5 times raw's).
 */
final class E2eReport {

    static final double THROUGHPUT_GOAL = 0.90;
    static final double P99_GOAL = 1.5;

    private final E2eOptions options;
    private final List<RunResult> raw;
    private final List<RunResult> bloodbank;

    E2eReport(E2eOptions options, List<RunResult> raw, List<RunResult> bloodbank) {
        this.options = options;
        this.raw = List.copyOf(raw);
        this.bloodbank = List.copyOf(bloodbank);
    }

    static double median(List<RunResult> runs, ToDoubleFunction<RunResult> value) {
        double[] v = runs.stream().mapToDouble(value).sorted().toArray();
        if (v.length == 0) return 0;
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    double rawThroughput() {
        return median(raw, RunResult::throughput);
    }

    double bloodbankThroughput() {
        return median(bloodbank, RunResult::throughput);
    }

    double throughputRatio() {
        return bloodbankThroughput() / rawThroughput();
    }

    double p99Ratio() {
        return median(bloodbank, r -> r.latency().p99()) / median(raw, r -> r.latency().p99());
    }

    String summary() {
        return String.format("""
                %-10s %12s %10s %10s %10s %14s
                %-10s %,12.0f %10.2f %10.2f %10.2f %14.1f
                %-10s %,12.0f %10.2f %10.2f %10.2f %14.1f
                throughput ratio %.3f (goal >= %.2f: %s), p99 ratio %.2f (goal <= %.1f: %s)""",
                "median", "msg/s", "p50 ms", "p95 ms", "p99 ms", "CPU us/msg",
                "raw", rawThroughput(), median(raw, r -> r.latency().p50()), median(raw, r -> r.latency().p95()),
                median(raw, r -> r.latency().p99()), median(raw, RunResult::cpuMicrosPerMessage),
                "bloodbank", bloodbankThroughput(), median(bloodbank, r -> r.latency().p50()),
                median(bloodbank, r -> r.latency().p95()), median(bloodbank, r -> r.latency().p99()),
                median(bloodbank, RunResult::cpuMicrosPerMessage),
                throughputRatio(), THROUGHPUT_GOAL, throughputRatio() >= THROUGHPUT_GOAL ? "met" : "NOT met",
                p99Ratio(), P99_GOAL, p99Ratio() <= P99_GOAL ? "met" : "NOT met");
    }

    ObjectNode toJson() {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode root = mapper.createObjectNode();
        root.put("formatVersion", 1);
        root.put("finishedAt", Instant.now().toString());
        ObjectNode machine = root.putObject("machine");
        machine.put("cores", Runtime.getRuntime().availableProcessors());
        machine.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        ObjectNode settings = root.putObject("settings");
        settings.put("messages", options.messages());
        settings.put("warmup", options.warmup());
        settings.put("rounds", options.rounds());
        settings.put("window", options.window());
        settings.put("prefetch", options.prefetch());
        settings.put("queueType", options.queueType().name().toLowerCase());
        settings.put("rawBodyBytes", RawBody.standard().size());
        ObjectNode summary = root.putObject("median");
        summary.set("raw", clientJson(raw, mapper));
        summary.set("bloodbank", clientJson(bloodbank, mapper));
        summary.put("throughputRatio", round(throughputRatio(), 3));
        summary.put("p99Ratio", round(p99Ratio(), 3));
        summary.put("throughputGoalMet", throughputRatio() >= THROUGHPUT_GOAL);
        summary.put("p99GoalMet", p99Ratio() <= P99_GOAL);
        ArrayNode rounds = root.putArray("runs");
        for (RunResult r : raw) rounds.add(runJson(r, mapper));
        for (RunResult r : bloodbank) rounds.add(runJson(r, mapper));
        return root;
    }

    Path write(Path file) throws IOException {
        EndToEnd.ensureParent(file);
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), toJson());
        return file;
    }

    private static ObjectNode clientJson(List<RunResult> runs, ObjectMapper mapper) {
        ObjectNode n = mapper.createObjectNode();
        n.put("throughput", round(median(runs, RunResult::throughput), 0));
        n.put("p50Millis", round(median(runs, r -> r.latency().p50()), 3));
        n.put("p95Millis", round(median(runs, r -> r.latency().p95()), 3));
        n.put("p99Millis", round(median(runs, r -> r.latency().p99()), 3));
        n.put("clientCpuMicrosPerMessage", round(median(runs, RunResult::cpuMicrosPerMessage), 1));
        return n;
    }

    private static ObjectNode runJson(RunResult r, ObjectMapper mapper) {
        ObjectNode n = mapper.createObjectNode();
        n.put("client", r.client());
        n.put("messages", r.messages());
        n.put("seconds", round(r.elapsedNanos() / 1e9, 3));
        n.put("throughput", round(r.throughput(), 0));
        n.put("p50Millis", round(r.latency().p50(), 3));
        n.put("p95Millis", round(r.latency().p95(), 3));
        n.put("p99Millis", round(r.latency().p99(), 3));
        n.put("maxMillis", round(r.latency().max(), 3));
        n.put("clientCpuMicrosPerMessage", round(r.cpuMicrosPerMessage(), 1));
        return n;
    }

    private static double round(double v, int digits) {
        double scale = Math.pow(10, digits);
        return Math.round(v * scale) / scale;
    }

    @Override
    public String toString() {
        return summary();
    }
}
