package dev.bloodbank.bench;

import dev.bloodbank.flow.FlowListener;
import dev.bloodbank.metrics.BloodbankMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the Micrometer flow listener costs per message: every call the runtime makes for one
 * event published, confirmed, consumed and handled (three timers with percentiles among them).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class FlowMetricsBenchmark {

    private BloodbankMetrics metrics;
    private FlowListener listener;

    @Setup
    public void setUp() {
        metrics = BloodbankMetrics.of(BenchTopology.load(), "bench-publisher");
        metrics.bindTo(new SimpleMeterRegistry());
        listener = metrics.listener();
    }

    @TearDown
    public void tearDown() {
        metrics.close();
    }

    @Benchmark
    public void oneMessageThroughEveryMeter() {
        listener.published(BenchTopology.KEY);
        listener.inFlight(17);
        listener.confirmed(BenchTopology.KEY, 2_500_000);
        listener.inFlight(16);
        listener.consumed(BenchTopology.SERVICE, BenchTopology.KEY, 4_000_000);
        listener.handled(BenchTopology.SERVICE, BenchTopology.KEY, 35_000);
    }
}
