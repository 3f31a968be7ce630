package dev.bloodbank.broker.history;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import dev.bloodbank.broker.management.BrokerAddress;
import dev.bloodbank.broker.management.ManagementClient;
import dev.bloodbank.broker.reconcile.ApplyOptions;
import dev.bloodbank.broker.reconcile.ApplyReport;
import dev.bloodbank.broker.reconcile.Reconciler;
import dev.bloodbank.envelope.Envelope;
import dev.bloodbank.envelope.EnvelopeCodec;
import dev.bloodbank.envelope.Source;
import dev.bloodbank.schema.MessageSchema;
import dev.bloodbank.testing.broker.TestVhost;
import dev.bloodbank.topology.Archive;
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
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;

/**
 * A topology with an archive: two subscriptions on github events (reviewer, auditor), one event
 * nobody subscribes to, one command with a worker.
 */
final class HistoryFixture {

    static final String MERGED = "github.pull-request.merged";
    static final String OPENED = "github.pull-request.opened";
    static final String ORPHAN = "meeting.recording.archived";
    static final String ASSIGN = "agent.task.assign";
    static final Location HERE = Location.of(Path.of("topology.yaml"));
    static final EnvelopeCodec CODEC = EnvelopeCodec.standard();
    private static final MessageSchema ANY = MessageSchema.compile(JsonNodeFactory.instance.objectNode());
    private static final RetryPolicy RETRY = new RetryPolicy(2, Duration.ofMillis(100), 2.0, Duration.ofSeconds(1));

    private HistoryFixture() {}

    static QueueSettings queue(String name) {
        return new QueueSettings(name, 50, QueueType.QUORUM, RETRY);
    }

    static Topology topology() {
        Map<String, EventDefinition> events = new LinkedHashMap<>();
        for (String key : List.of(MERGED, OPENED, ORPHAN)) events.put(key, new EventDefinition(key, "test", ANY, List.of(), HERE));
        Map<String, CommandDefinition> commands = new LinkedHashMap<>();
        commands.put(ASSIGN, new CommandDefinition(ASSIGN, "test", ANY, List.of(), queue(CommandDefinition.defaultQueueName(ASSIGN)), HERE));
        Map<String, Subscription> subscriptions = new LinkedHashMap<>();
        for (String service : List.of("reviewer", "auditor"))
            subscriptions.put(service, new Subscription(service, List.of("github.#"), queue(Subscription.defaultQueueName(service)), HERE));
        return new Topology(Topology.API_VERSION, Exchanges.DEFAULT, Defaults.DEFAULT, events, commands, subscriptions,
                Path.of("topology.yaml"), Archive.DEFAULT);
    }

    static void apply(TestVhost vhost, Topology topology) {
        ApplyReport report = new Reconciler(new ManagementClient(BrokerAddress.of(vhost.amqpUrl(), vhost.managementUrl())))
                .apply(topology, ApplyOptions.DEFAULT);
        if (!report.succeeded()) throw new IllegalStateException("apply failed: " + report.outcomes());
    }

    static Envelope envelope(String key, Instant at, List<UUID> causes, String app) {
        JsonNode payload = JsonNodeFactory.instance.objectNode().put("at", at.toString());
        return new Envelope(UUID.randomUUID(), key, at, "1.0.0", new Source("test-host", "service", app, null), causes, null,
                payload, Map.of());
    }

    /** Publishes envelopes to their exchange with confirms, as a producer would. */
    static void publish(Connection connection, Topology topology, List<Envelope> envelopes) throws Exception {
        try (Channel ch = connection.createChannel()) {
            ch.confirmSelect();
            for (Envelope e : envelopes) {
                String exchange = topology.commands().containsKey(e.eventType()) ? topology.exchanges().commands()
                        : topology.exchanges().events();
                ch.basicPublish(exchange, e.eventType(), new AMQP.BasicProperties.Builder().deliveryMode(2)
                        .contentType("application/json").messageId(e.eventId().toString()).type(e.eventType()).build(),
                        CODEC.encode(e));
            }
            ch.waitForConfirmsOrDie(30_000);
        }
    }

    static void await(Duration timeout, BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("timed out waiting for " + what);
            Thread.sleep(20);
        }
    }
}
