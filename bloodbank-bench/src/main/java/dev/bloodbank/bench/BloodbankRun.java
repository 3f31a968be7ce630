package dev.bloodbank.bench;

import dev.bloodbank.broker.runtime.Bloodbank;
import dev.bloodbank.broker.runtime.BloodbankRuntime;
import dev.bloodbank.broker.runtime.Publisher;
import dev.bloodbank.broker.runtime.RuntimeSettings;
import dev.bloodbank.dsl.BloodbankApp;
import dev.bloodbank.dsl.BloodbankBuilder;
import dev.bloodbank.metrics.BloodbankMetrics;
import dev.bloodbank.metrics.MeterNames;
import dev.bloodbank.topology.Topology;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The same work as {@link RawRun}, the way a Bloodbank service does it: a DSL stream handler bound
 * to a record consumes, the runtime's publisher publishes records; every message is wrapped in the
 * envelope, validated against its JSON Schema on both sides, deduplicated, and measured by the
 * Micrometer flow listener.
 */
final class BloodbankRun {

    private BloodbankRun() {}

    static RunResult run(BenchVhost vhost, Topology topology, int messages, int window, Duration timeout) throws Exception {
        LatencyRecorder recorder = new LatencyRecorder(messages);
        BloodbankBuilder builder = new BloodbankBuilder(topology, BenchTopology.SERVICE);
        builder.stream(BenchTopology.KEY, TranscriptCompleted.class)
                .foreach(event -> recorder.record(BenchClock.now() - event.payload().sentNanos()));
        BloodbankApp app = builder.build();
        MeterRegistry registry = new SimpleMeterRegistry();
        try (BloodbankMetrics metrics = BloodbankMetrics.of(topology, "bench-publisher")) {
            metrics.bindTo(registry);
            RuntimeSettings settings = RuntimeSettings.builder(vhost.amqpUrl(), "bench-publisher")
                    .listener(metrics.listener())
                    .publishWindow(window)
                    .build();
            AtomicInteger failed = new AtomicInteger();
            long start;
            ProcessCpu.Reading cpu;
            boolean complete;
            long elapsed;
            try (BloodbankRuntime.Running running = Bloodbank.run(app, settings)) {
                Publisher publisher = running.publisher();
                start = System.nanoTime();
                cpu = ProcessCpu.read();
                for (int i = 0; i < messages; i++) {
                    publisher.publish(BenchTopology.KEY, TranscriptCompleted.sample(BenchClock.now())).whenComplete((receipt, error) -> {
                        if (error != null) failed.incrementAndGet();
                    });
                }
                complete = recorder.await(timeout);
                elapsed = System.nanoTime() - start;
                cpu = cpu.spentSince();
            }
            if (!complete)
                throw new IllegalStateException("bloodbank run: only " + recorder.count() + " of " + messages
                        + " messages arrived within " + timeout);
            if (failed.get() > 0) throw new IllegalStateException("bloodbank run: " + failed.get() + " publishes failed");
            double handled = registry.get(MeterNames.CONSUMED).tag(MeterNames.TAG_OUTCOME, "handled").counter().count();
            if (handled != messages)
                throw new IllegalStateException("bloodbank run: the metrics counted " + handled + " handled messages, expected " + messages);
            return new RunResult("bloodbank", 0, messages, elapsed, cpu, recorder.latency());
        }
    }
}
