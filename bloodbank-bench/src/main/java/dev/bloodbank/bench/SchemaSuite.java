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
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Runs the official JSON-Schema-Test-Suite's draft-7 tests against every {@link SchemaCandidates}
 * library and reports its pass rate: the required tests ({@code tests/draft7/*.json}) and, apart,
 * the format tests ({@code tests/draft7/optional/format}), since Bloodbank's schemas use
 * {@code format}. {@code refRemote.json} is left out: its schemas load other schemas over HTTP,
 * which Bloodbank refuses by design. A schema that does not compile fails all its tests.
 *
 * <pre>
 * java -cp benchmarks.jar dev.bloodbank.bench.SchemaSuite SUITE_DIR [OUT.json]
 * </pre>
 */
public final class SchemaSuite {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> LEFT_OUT = List.of("refRemote.json");

    private SchemaSuite() {}

    /** Passed and failed tests of one library on one part of the suite, and the files of the failures. */
    record Tally(int passed, int failed, Map<String, Integer> failuresByFile) {
        double rate() {
            return passed + failed == 0 ? 0 : (double) passed / (passed + failed);
        }
    }

    public static void main(String... args) throws IOException {
        if (args.length < 1) {
            System.err.println("usage: SchemaSuite SUITE_DIR [OUT.json]  (SUITE_DIR holds tests/draft7)");
            System.exit(2);
        }
        Path suite = Path.of(args[0]);
        Path out = Path.of(args.length > 1 ? args[1] : "bench-results/schema-suite.json");
        ObjectNode report = run(suite);
        EndToEnd.ensureParent(out);
        JSON.copy().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out.toFile(), report);
        String text = text(report);
        Files.writeString(E2eReport.textFile(out), text, StandardCharsets.UTF_8);
        System.out.print(text);
        System.out.println("results written to " + out + " and " + E2eReport.textFile(out));
    }

    static ObjectNode run(Path suite) throws IOException {
        Path draft7 = suite.resolve("tests").resolve("draft7");
        if (!Files.isDirectory(draft7)) throw new IOException(draft7 + " is not a directory: give the suite's root");
        List<Path> required = files(draft7);
        List<Path> formats = files(draft7.resolve("optional").resolve("format"));
        ObjectNode report = JSON.createObjectNode();
        report.put("suite", suite.toAbsolutePath().toString());
        report.put("leftOut", String.join(", ", LEFT_OUT) + " (remote references)");
        for (SchemaCandidates candidate : SchemaCandidates.all()) {
            ObjectNode entry = report.putObject(candidate.name().toLowerCase());
            entry.put("library", candidate.label());
            put(entry.putObject("required"), tally(candidate, required));
            put(entry.putObject("format"), tally(candidate, formats));
        }
        return report;
    }

    private static List<Path> files(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(".json"))
                    .filter(p -> !LEFT_OUT.contains(p.getFileName().toString())).sorted().toList();
        }
    }

    static Tally tally(SchemaCandidates candidate, List<Path> files) throws IOException {
        int passed = 0, failed = 0;
        Map<String, Integer> failures = new LinkedHashMap<>();
        for (Path file : files) {
            for (JsonNode group : JSON.readTree(file.toFile())) {
                Predicate<JsonNode> valid;
                try {
                    valid = candidate.compile(group.get("schema"));
                } catch (RuntimeException | StackOverflowError e) {
                    valid = null;
                }
                for (JsonNode test : group.get("tests")) {
                    boolean ok;
                    try {
                        ok = valid != null && valid.test(test.get("data")) == test.get("valid").asBoolean();
                    } catch (RuntimeException | StackOverflowError e) {
                        ok = false;
                    }
                    if (ok) passed++;
                    else {
                        failed++;
                        failures.merge(file.getFileName().toString(), 1, Integer::sum);
                    }
                }
            }
        }
        return new Tally(passed, failed, failures);
    }

    private static void put(ObjectNode n, Tally t) {
        n.put("passed", t.passed());
        n.put("failed", t.failed());
        n.put("passRate", Math.round(t.rate() * 10_000) / 10_000.0);
        ObjectNode byFile = n.putObject("failuresByFile");
        t.failuresByFile().forEach(byFile::put);
    }

    static String text(ObjectNode report) {
        StringBuilder out = new StringBuilder("JSON-Schema-Test-Suite, draft 7 (left out: " + report.get("leftOut").asText() + ")\n");
        out.append(String.format("%-48s %18s %18s%n", "library", "required tests", "format tests"));
        List<String> failures = new ArrayList<>();
        for (SchemaCandidates candidate : SchemaCandidates.all()) {
            JsonNode e = report.get(candidate.name().toLowerCase());
            out.append(String.format("%-48s %18s %18s%n", e.get("library").asText(), cell(e.get("required")), cell(e.get("format"))));
            failures.add("  " + candidate.name().toLowerCase() + ": required " + e.at("/required/failuresByFile")
                    + "; format " + e.at("/format/failuresByFile"));
        }
        out.append("failures by file:\n").append(String.join("\n", failures)).append('\n');
        return out.toString();
    }

    private static String cell(JsonNode t) {
        int passed = t.get("passed").asInt(), total = passed + t.get("failed").asInt();
        return String.format("%d/%d %.1f%%", passed, total, 100.0 * t.get("passRate").asDouble());
    }
}
