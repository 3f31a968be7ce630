package dev.bloodbank.broker.reconcile;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.bloodbank.schema.MessageSchema;
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

/** Builds {@link Topology} values in code, with the defaults a loaded file would have. */
final class TestTopology {

    static final Location HERE = Location.of(Path.of("topology.yaml"));
    static final MessageSchema ANY = MessageSchema.compile(JsonNodeFactory.instance.objectNode());
    /** Three attempts: two retries, after 1 s and 2 s. */
    static final RetryPolicy SHORT = new RetryPolicy(3, Duration.ofSeconds(1), 2.0, Duration.ofSeconds(10));

    private final Map<String, EventDefinition> events = new LinkedHashMap<>();
    private final Map<String, CommandDefinition> commands = new LinkedHashMap<>();
    private final Map<String, Subscription> subscriptions = new LinkedHashMap<>();
    private Defaults defaults = new Defaults(QueueType.QUORUM, 10, SHORT);

    static TestTopology topology() {
        return new TestTopology();
    }

    TestTopology defaults(QueueType type, RetryPolicy retry) {
        defaults = new Defaults(type, 10, retry);
        return this;
    }

    TestTopology event(String key) {
        events.put(key, new EventDefinition(key, "test event", ANY, List.of(), HERE));
        return this;
    }

    TestTopology command(String key) {
        return command(key, defaults.queueType(), defaults.retry());
    }

    TestTopology command(String key, QueueType type, RetryPolicy retry) {
        QueueSettings worker = new QueueSettings(CommandDefinition.defaultQueueName(key), 10, type, retry);
        commands.put(key, new CommandDefinition(key, "test command", ANY, List.of(), worker, HERE));
        return this;
    }

    TestTopology subscription(String service, String... patterns) {
        return subscription(service, defaults.queueType(), patterns);
    }

    TestTopology subscription(String service, QueueType type, String... patterns) {
        QueueSettings queue = new QueueSettings(Subscription.defaultQueueName(service), 10, type, defaults.retry());
        subscriptions.put(service, new Subscription(service, List.of(patterns), queue, HERE));
        return this;
    }

    TestTopology subscription(String service, QueueSettings queue, String... patterns) {
        subscriptions.put(service, new Subscription(service, List.of(patterns), queue, HERE));
        return this;
    }

    Topology build() {
        return new Topology(Topology.API_VERSION, Exchanges.DEFAULT, defaults, events, commands, subscriptions,
                Path.of("topology.yaml"));
    }
}
