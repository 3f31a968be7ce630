package dev.bloodbank.examples.transcripts;

import dev.bloodbank.examples.bus.Commands;
import dev.bloodbank.topology.CommandDefinition;
import dev.bloodbank.topology.QueueSettings;
import dev.bloodbank.topology.RetryPolicy;
import dev.bloodbank.topology.Subscription;
import dev.bloodbank.topology.Topology;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The sample topology.yaml at the repository root, cut to what the transcript processor touches
 * and with back-off in milliseconds (three deliveries: 100 ms, then 200 ms), so that retries on a
 * real broker finish within a test. Everything else (schemas, examples, queue names) is the sample's.
 */
final class TranscriptTopology {

    static final RetryPolicy FAST_RETRY = new RetryPolicy(3, Duration.ofMillis(100), 2.0, Duration.ofSeconds(1));

    private TranscriptTopology() {}

    static Topology sample() {
        Path file = Path.of("topology.yaml");
        if (!Files.exists(file)) file = Path.of("..", "topology.yaml");
        return Topology.load(file);
    }

    static Topology fast() {
        Topology sample = sample();
        Map<String, CommandDefinition> commands = new LinkedHashMap<>();
        CommandDefinition process = sample.command(Commands.FIREFLIES_TRANSCRIPT_PROCESS.key()).orElseThrow();
        commands.put(process.key(), new CommandDefinition(process.key(), process.description(), process.schema(),
                process.examples(), fast(process.worker()), process.location()));
        Map<String, Subscription> subscriptions = new LinkedHashMap<>();
        Subscription service = sample.subscription(TranscriptPipeline.SERVICE).orElseThrow();
        subscriptions.put(service.service(), new Subscription(service.service(), service.patterns(), fast(service.queue()),
                service.location()));
        return new Topology(sample.apiVersion(), sample.exchanges(), sample.defaults(), sample.events(), commands,
                subscriptions, sample.source());
    }

    private static QueueSettings fast(QueueSettings queue) {
        return new QueueSettings(queue.queue(), queue.prefetch(), queue.queueType(), FAST_RETRY);
    }
}
