package dev.bloodbank.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bloodbank.dsl.Payloads;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Each {@link SchemaCandidates} library validating the ~1 KB benchmark payload (a Jackson tree, as
 * the runtime holds it) against the benchmark schema, compiled once. The payload is valid: the
 * path every message takes.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ValidatorBenchmark {

    @Param({"EVERIT", "NETWORKNT", "HARREL", "BLOODBANK"})
    public String library;

    private Predicate<JsonNode> valid;
    private JsonNode payload;

    @Setup
    public void setUp() {
        JsonNode schema = BenchTopology.load().message(BenchTopology.KEY).orElseThrow().schema().document();
        valid = SchemaCandidates.valueOf(library).compile(schema);
        payload = Payloads.defaults().tree(TranscriptCompleted.sample(123_456_789L));
        if (!valid.test(payload)) throw new IllegalStateException(library + " rejects the benchmark payload");
    }

    @Benchmark
    public boolean validate() {
        return valid.test(payload);
    }
}
