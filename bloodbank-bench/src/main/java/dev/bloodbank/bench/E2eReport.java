package dev.bloodbank.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * The outcome of an end-to-end run: per client the median over the measured rounds of the
 * throughput, of each latency percentile and of the client CPU per message; Bloodbank's ratios to
 * raw amqp-client (the limit) and to Spring AMQP (the peer), and whether the goals are met.
 */
final class E2eReport {

    static final double THROUGHPUT_GOAL = 0.90;
    static final double SPRING_GOAL = 1.0;
    static final double P99_GOAL = 1.5;
    static final double CPU_GOAL = 1.6;

    private final E2eOptions options;
    private final Map<String, List<RunResult>> runs;
    private final Load load;
    private final List<String> log;

    /** The machine's 1-minute load average when the run started and when it ended. */
    record Load(double atStart, double atEnd) {}

    E2eReport(E2eOptions options, Map<String, List<RunResult>> runs, Load load, List<String> log) {
        this.options = options;
        this.runs = new LinkedHashMap<>();
        for (String client : E2eOptions.CLIENTS)
            if (runs.containsKey(client)) this.runs.put(client, List.copyOf(runs.get(client)));
        this.load = load;
        this.log = List.copyOf(log);
    }

    static double median(List<RunResult> runs, ToDoubleFunction<RunResult> value) {
        double[] v = runs.stream().mapToDouble(value).sorted().toArray();
        if (v.length == 0) return Double.NaN;
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    private double median(String client, ToDoubleFunction<RunResult> value) {
        return median(runs.getOrDefault(client, List.of()), value);
    }

    double throughput(String client) {
        return median(client, RunResult::throughput);
    }

    /** Bloodbank's throughput over raw's; NaN when either did not run. */
    double throughputRatio() {
        return throughput("bloodbank") / throughput("raw");
    }

    double springRatio() {
        return throughput("bloodbank") / throughput("spring");
    }

    double p99Ratio() {
        return median("bloodbank", r -> r.latency().p99()) / median("raw", r -> r.latency().p99());
    }

    double cpuRatio() {
        return median("bloodbank", RunResult::cpuMicrosPerMessage) / median("raw", RunResult::cpuMicrosPerMessage);
    }

    /** One goal: a ratio, its bound, and whether it is met (unknown when a client did not run). */
    record Goal(String name, String key, double ratio, String bound, double limit, boolean atLeast) {
        boolean known() {
            return !Double.isNaN(ratio);
        }

        boolean met() {
            return known() && (atLeast ? ratio >= limit : ratio <= limit);
        }

        String line() {
            return String.format("%-34s %7s   goal %s %.2f: %s", name, known() ? String.format("%.3f", ratio) : "-",
                    bound, limit, !known() ? "not measured" : met() ? "met" : "NOT met");
        }
    }

    List<Goal> goals() {
        return List.of(
                new Goal("throughput bloodbank / spring", "throughputBloodbankToSpring", springRatio(), ">=", SPRING_GOAL, true),
                new Goal("throughput bloodbank / raw", "throughputBloodbankToRaw", throughputRatio(), ">=", THROUGHPUT_GOAL, true),
                new Goal("p99 bloodbank / raw", "p99BloodbankToRaw", p99Ratio(), "<=", P99_GOAL, false),
                new Goal("client CPU per msg bloodbank / raw", "cpuPerMessageBloodbankToRaw", cpuRatio(), "<=", CPU_GOAL, false));
    }

    String summary() {
        StringBuilder out = new StringBuilder(String.format("%-10s %12s %10s %10s %10s %14s%n",
                "median", "msg/s", "p50 ms", "p95 ms", "p99 ms", "CPU us/msg"));
        for (String client : runs.keySet())
            out.append(String.format("%-10s %,12.0f %10.2f %10.2f %10.2f %14.1f%n", client, throughput(client),
                    median(client, r -> r.latency().p50()), median(client, r -> r.latency().p95()),
                    median(client, r -> r.latency().p99()), median(client, RunResult::cpuMicrosPerMessage)));
        out.append(String.format("load average %.1f at the start, %.1f at the end, %d cores%n", load.atStart(), load.atEnd(),
                Runtime.getRuntime().availableProcessors()));
        for (Goal goal : goals()) out.append(goal.line()).append('\n');
        return out.toString().stripTrailing();
    }

    ObjectNode toJson() {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode root = mapper.createObjectNode();
        root.put("formatVersion", 2);
        root.put("finishedAt", Instant.now().toString());
        ObjectNode machine = root.putObject("machine");
        machine.put("cores", Runtime.getRuntime().availableProcessors());
        machine.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        machine.put("loadAverageAtStart", round(load.atStart(), 2));
        machine.put("loadAverageAtEnd", round(load.atEnd(), 2));
        ObjectNode settings = root.putObject("settings");
        settings.put("messages", options.messages());
        settings.put("warmup", options.warmup());
        settings.put("warmupPassesAtMost", options.warmupPasses());
        settings.put("rounds", options.rounds());
        settings.put("window", options.window());
        settings.put("prefetch", options.prefetch());
        settings.put("queueType", options.queueType().name().toLowerCase());
        settings.put("rawBodyBytes", RawBody.standard().size());
        ObjectNode summary = root.putObject("median");
        for (String client : runs.keySet()) summary.set(client, clientJson(runs.get(client), mapper));
        ObjectNode ratios = root.putObject("ratios");
        for (Goal goal : goals()) {
            if (!goal.known()) continue;
            ObjectNode g = ratios.putObject(goal.key());
            g.put("ratio", round(goal.ratio(), 3));
            g.put("goal", goal.bound() + " " + goal.limit());
            g.put("met", goal.met());
        }
        ArrayNode rounds = root.putArray("runs");
        for (List<RunResult> client : runs.values()) for (RunResult r : client) rounds.add(runJson(r, mapper));
        return root;
    }

    /** Writes the JSON to {@code file} and the text report (progress lines and summary) beside it. */
    Path write(Path file) throws IOException {
        EndToEnd.ensureParent(file);
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), toJson());
        List<String> text = new ArrayList<>(log);
        text.add("");
        text.add(summary());
        Files.writeString(textFile(file), String.join("\n", text) + "\n", StandardCharsets.UTF_8);
        return file;
    }

    static Path textFile(Path json) {
        String name = json.getFileName().toString();
        String base = name.endsWith(".json") ? name.substring(0, name.length() - 5) : name;
        return json.resolveSibling(base + ".txt");
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
        n.put("round", r.round());
        n.put("messages", r.messages());
        n.put("seconds", round(r.elapsedNanos() / 1e9, 3));
        n.put("throughput", round(r.throughput(), 0));
        n.put("p50Millis", round(r.latency().p50(), 3));
        n.put("p95Millis", round(r.latency().p95(), 3));
        n.put("p99Millis", round(r.latency().p99(), 3));
        n.put("maxMillis", round(r.latency().max(), 3));
        n.put("clientCpuMicrosPerMessage", round(r.cpuMicrosPerMessage(), 1));
        n.put("jitMillis", r.jitMillis());
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
