package dev.bloodbank.broker.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bloodbank.broker.management.BrokerAddress;
import dev.bloodbank.broker.management.ManagementClient;
import dev.bloodbank.broker.reconcile.ApplyOptions;
import dev.bloodbank.broker.reconcile.ApplyReport;
import dev.bloodbank.broker.reconcile.Reconciler;
import dev.bloodbank.engine.ConsumerSpec;
import dev.bloodbank.engine.MessageHandler;
import dev.bloodbank.schema.MessageSchema;
import dev.bloodbank.testing.broker.Await;
import dev.bloodbank.testing.broker.TestVhost;
import dev.bloodbank.topology.CommandDefinition;
import dev.bloodbank.topology.Defaults;
import dev.bloodbank.topology.EventDefinition;
import dev.bloodbank.topology.Exchanges;
import dev.bloodbank.topology.Location;
import dev.bloodbank.topology.QueueSettings;
import dev.bloodbank.topology.QueueType;
import dev.bloodbank.topology.RetryPolicy;
import dev.bloodbank.topology.Subscription;
import dev.bloodbank.topology.Topology;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * The topology broker tests run against: short back-off (100ms, 200ms) so retries finish quickly,
 * one event with no subscriber, one command with a worker.
 */
final class RuntimeFixture {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String UPLOADED = "fireflies.transcript.uploaded";
    static final String READY = "fireflies.transcript.ready";
    static final String ORPHAN = "meeting.recording.archived";
    static final String TRANSCRIBE = "fireflies.transcript.transcribe";
    static final String UNWORKED = "meeting.summary.write";
    static final RetryPolicy RETRY = new RetryPolicy(3, Duration.ofMillis(100), 2.0, Duration.ofSeconds(1));
    static final Location HERE = Location.of(Path.of("topology.yaml"));

    static final QueueSettings TRANSCRIBER = queue(Subscription.defaultQueueName("transcriber"));
    static final QueueSettings ARCHIVE = queue(Subscription.defaultQueueName("archive"));
    static final QueueSettings WORKER = queue(CommandDefinition.defaultQueueName(TRANSCRIBE));

    private RuntimeFixture() {}

    static QueueSettings queue(String name) {
        return new QueueSettings(name, 20, QueueType.QUORUM, RETRY);
    }

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    static Topology topology() {
        MessageSchema uploaded = MessageSchema.compile(json("""
                {"type":"object","required":["media_file"],
                 "properties":{"media_file":{"type":"string"},"media_duration_seconds":{"type":"integer"}}}"""));
        MessageSchema ready = MessageSchema.compile(json("""
                {"type":"object","required":["text"],"properties":{"text":{"type":"string"}}}"""));
        Map<String, EventDefinition> events = new LinkedHashMap<>();
        events.put(UPLOADED, new EventDefinition(UPLOADED, "uploaded", uploaded, List.of(json("{\"media_file\":\"s3://x/a.m4a\"}")), HERE));
        events.put(READY, new EventDefinition(READY, "ready", ready, List.of(json("{\"text\":\"hello\"}")), HERE));
        events.put(ORPHAN, new EventDefinition(ORPHAN, "nobody listens", ready, List.of(), HERE));
        Map<String, CommandDefinition> commands = new LinkedHashMap<>();
        commands.put(TRANSCRIBE, new CommandDefinition(TRANSCRIBE, "transcribe", uploaded, List.of(), WORKER, HERE));
        commands.put(UNWORKED, new CommandDefinition(UNWORKED, "its queue is never applied", ready, List.of(),
                queue(CommandDefinition.defaultQueueName(UNWORKED)), HERE));
        Map<String, Subscription> subscriptions = new LinkedHashMap<>();
        subscriptions.put("transcriber", new Subscription("transcriber", List.of("fireflies.transcript.uploaded"), TRANSCRIBER, HERE));
        subscriptions.put("archive", new Subscription("archive", List.of("fireflies.transcript.ready"), ARCHIVE, HERE));
        return new Topology(Topology.API_VERSION, Exchanges.DEFAULT, Defaults.DEFAULT, events, commands, subscriptions,
                Path.of("topology.yaml"));
    }

    /**
     * Creates the topology's broker objects in the test vhost with the reconciler, leaving out
     * {@link #UNWORKED}: the broker then lags the topology the publisher knows, as it does when a
     * command is added to topology.yaml but not yet applied.
     */
    static void apply(TestVhost vhost, Topology topology) {
        Map<String, CommandDefinition> applied = new LinkedHashMap<>(topology.commands());
        applied.remove(UNWORKED);
        Topology onBroker = new Topology(topology.apiVersion(), topology.exchanges(), topology.defaults(), topology.events(),
                applied, topology.subscriptions(), topology.source());
        ApplyReport report = new Reconciler(new ManagementClient(BrokerAddress.of(vhost.amqpUrl(), vhost.managementUrl())))
                .apply(onBroker, ApplyOptions.DEFAULT);
        if (!report.succeeded()) throw new IllegalStateException("applying the test topology failed: " + report.outcomes());
    }

    static ConsumerSpec consumer(String service, QueueSettings queue, String key, MessageHandler handler) {
        return new ConsumerSpec(service, queue, Map.of(key, handler), Set.of());
    }

    static RuntimeSettings settings(TestVhost vhost) {
        return settingsBuilder(vhost).build();
    }

    /** The test defaults, for a test that changes a few more values. */
    static RuntimeSettings.Builder settingsBuilder(TestVhost vhost) {
        return RuntimeSettings.builder(vhost.amqpUrl(), "runtime-test")
                .recoveryInterval(Duration.ofMillis(250))
                .confirmTimeout(Duration.ofSeconds(5))
                .shutdownTimeout(Duration.ofSeconds(10));
    }

    static void await(Duration timeout, BooleanSupplier condition, String what) {
        Await.until(timeout, what, condition::getAsBoolean);
    }
}
