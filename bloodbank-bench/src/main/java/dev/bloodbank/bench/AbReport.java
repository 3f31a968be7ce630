package dev.bloodbank.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Sums up an A/B comparison of two builds made by {@code bench/ab-jmh.sh} or {@code bench/ab-e2e.sh}:
 * the runs alternate A, B, A, B … in one directory, files named {@code A-<n>.*} and {@code B-<n>.*}.
 * For each measure it gives the median of A's runs, of B's, and B / A, and writes
 * {@code summary.json} and {@code summary.txt} beside them.
 *
 * <pre>
 * java -cp benchmarks.jar dev.bloodbank.bench.AbReport jmh DIR
 * java -cp benchmarks.jar dev.bloodbank.bench.AbReport e2e DIR
 * </pre>
 */
public final class AbReport {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** A measured round of the Bloodbank client as EndToEnd prints it (every version of it). */
    private static final Pattern E2E_LINE = Pattern.compile(
            "round \\d+\\s+bloodbank\\s+([\\d,]+) msg/s\\s+p50\\s+([\\d.]+) ms\\s+p95\\s+([\\d.]+) ms\\s+p99\\s+([\\d.]+) ms"
                    + "\\s+client CPU\\s+([\\d.]+) us/msg");

    private AbReport() {}

    public static void main(String... args) throws IOException {
        if (args.length != 2 || !(args[0].equals("jmh") || args[0].equals("e2e"))) {
            System.err.println("usage: AbReport jmh|e2e DIR");
            System.exit(2);
        }
        Path dir = Path.of(args[1]);
        Map<String, Map<String, List<Double>>> sides = new LinkedHashMap<>();
        sides.put("A", new LinkedHashMap<>());
        sides.put("B", new LinkedHashMap<>());
        for (String side : sides.keySet()) {
            for (Path file : files(dir, side + "-", args[0].equals("jmh") ? ".json" : ".log")) {
                if (args[0].equals("jmh")) readJmh(file, sides.get(side));
                else readE2e(file, sides.get(side));
            }
        }
        String loads = Files.exists(dir.resolve("load.txt")) ? Files.readString(dir.resolve("load.txt")).strip() : "";
        ObjectNode summary = JSON.createObjectNode();
        StringBuilder text = new StringBuilder(String.format("%-58s %14s %14s %8s%n", "measure (median of runs)", "A", "B", "B / A"));
        for (String measure : sides.get("A").keySet()) {
            double a = median(sides.get("A").get(measure));
            double b = median(sides.get("B").getOrDefault(measure, List.of()));
            ObjectNode m = summary.putObject(measure);
            m.put("a", a);
            m.put("b", b);
            m.put("ratio", Math.round(b / a * 1000) / 1000.0);
            m.put("runsA", sides.get("A").get(measure).toString());
            m.put("runsB", sides.get("B").getOrDefault(measure, List.of()).toString());
            text.append(String.format("%-58s %14.3f %14.3f %8.3f%n", measure, a, b, b / a));
        }
        if (!loads.isEmpty()) {
            summary.put("loadAverages", loads);
            text.append("load average before each run: ").append(loads.replace('\n', ' ')).append('\n');
        }
        JSON.copy().enable(SerializationFeature.INDENT_OUTPUT).writeValue(dir.resolve("summary.json").toFile(), summary);
        Files.writeString(dir.resolve("summary.txt"), text, StandardCharsets.UTF_8);
        System.out.print(text);
    }

    private static List<Path> files(Path dir, String prefix, String suffix) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().startsWith(prefix) && p.getFileName().toString().endsWith(suffix))
                    .sorted().toList();
        }
    }

    private static void readJmh(Path file, Map<String, List<Double>> into) throws IOException {
        for (JsonNode result : JSON.readTree(file.toFile())) {
            String name = result.get("benchmark").asText().replaceFirst("^.*\\.(\\w+\\.\\w+)$", "$1");
            JsonNode params = result.get("params");
            if (params != null) name += " " + params.toString().replaceAll("[{}\"]", "");
            into.computeIfAbsent(name + " [" + result.at("/primaryMetric/scoreUnit").asText() + "]", k -> new ArrayList<>())
                    .add(result.at("/primaryMetric/score").asDouble());
            JsonNode alloc = result.at("/secondaryMetrics/gc.alloc.rate.norm/score");
            if (!alloc.isMissingNode())
                into.computeIfAbsent(name + " [B/op]", k -> new ArrayList<>()).add(alloc.asDouble());
        }
    }

    private static void readE2e(Path file, Map<String, List<Double>> into) throws IOException {
        String[] names = {"bloodbank msg/s", "bloodbank p50 ms", "bloodbank p95 ms", "bloodbank p99 ms", "bloodbank client CPU us/msg"};
        for (String line : Files.readAllLines(file)) {
            Matcher m = E2E_LINE.matcher(line);
            if (!m.find()) continue;
            for (int i = 0; i < names.length; i++)
                into.computeIfAbsent(names[i], k -> new ArrayList<>()).add(Double.parseDouble(m.group(i + 1).replace(",", "")));
        }
    }

    static double median(List<Double> values) {
        double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        if (v.length == 0) return Double.NaN;
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }
}
