package dev.bloodbank.topology;

import dev.bloodbank.schema.compat.CompatibilityMode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads the settings of consuming queues (the topology's defaults, command workers, subscriptions)
 * with the defaults applied field by field, and checks their names across the whole topology.
 */
final class QueueDeclarations {

    static final List<String> DEFAULTS_FIELDS = List.of("queueType", "prefetch", "retry", "replicas", "compatibility");
    static final List<String> RETRY_FIELDS = List.of("attempts", "initialDelay", "multiplier", "maxDelay");

    static final int MAX_PREFETCH = 65_535;
    /** More members than this make every write wait for more nodes than any cluster Bloodbank serves runs. */
    static final int MAX_REPLICAS = 7;
    static final int MAX_ATTEMPTS = 100;
    static final double MAX_MULTIPLIER = 10.0;
    static final Duration MIN_DELAY = Duration.ofMillis(1);
    static final Duration MAX_DELAY = Duration.ofHours(24);

    private static final Pattern BROKER_NAME = Pattern.compile("[A-Za-z0-9_.:\\-]+");

    /** A consuming queue as declared, with the node to report it at. */
    private record Consumer(String label, QueueSettings settings, Node at) {}

    private final NodeValues values;
    private final List<Consumer> consumers = new ArrayList<>();

    QueueDeclarations(NodeValues values) {
        this.values = values;
    }

    Defaults defaults(Node node) {
        Map<String, NodeValues.Entry> fields = values.fields(node, "defaults", DEFAULTS_FIELDS).orElse(Map.of());
        Defaults d = Defaults.DEFAULT;
        QueueType queueType = Optional.ofNullable(fields.get("queueType")).flatMap(e -> queueType(e.value())).orElse(d.queueType());
        int prefetch = prefetch(fields.get("prefetch"), d.prefetch());
        RetryPolicy retry = Optional.ofNullable(fields.get("retry")).map(e -> retry(e.value(), d.retry(), "defaults.retry")).orElse(d.retry());
        int replicas = replicas(fields.get("replicas"), d.replicas(), queueType);
        CompatibilityMode compatibility = Optional.ofNullable(fields.get("compatibility"))
                .flatMap(e -> Compatibility.mode(values, e.value(), "defaults.compatibility")).orElse(d.compatibility());
        return new Defaults(queueType, prefetch, retry, replicas, compatibility);
    }

    /**
     * The settings of one consumer: what its declaration says, the defaults for the rest. The
     * consumer is remembered for {@link #checkSharedQueues()}.
     *
     * @param label how problems name the consumer, e.g. "subscription 'auditor'"
     * @param fields the consumer's fields (queue, prefetch, queueType, retry), empty for all defaults
     * @param at where to report a queue name problem when the declaration names no queue
     */
    QueueSettings consumer(String label, Map<String, NodeValues.Entry> fields, String defaultQueue, Defaults defaults, Node at) {
        String queue = defaultQueue;
        NodeValues.Entry queueEntry = fields.get("queue");
        if (queueEntry != null) {
            Node queueNode = queueEntry.value();
            queue = values.text(queueNode, "queue").filter(name -> checkBrokerName(values, queueNode, name, "queue")).orElse(defaultQueue);
            at = queueNode;
        }
        int prefetch = prefetch(fields.get("prefetch"), defaults.prefetch());
        QueueType queueType = Optional.ofNullable(fields.get("queueType")).flatMap(e -> queueType(e.value())).orElse(defaults.queueType());
        RetryPolicy retry = Optional.ofNullable(fields.get("retry")).map(e -> retry(e.value(), defaults.retry(), "retry of " + label))
                .orElse(defaults.retry());
        int replicas = replicas(fields.get("replicas"), defaults.replicas(), queueType);
        if (fields.get("replicas") == null && queueType != QueueType.QUORUM) replicas = QueueSettings.BROKER_DEFAULT_REPLICAS;
        QueueSettings settings = new QueueSettings(queue, prefetch, queueType, retry, replicas);
        consumers.add(new Consumer(label, settings, at));
        return settings;
    }

    /**
     * Two consumers on one queue would take each other's messages; a queue named like another's
     * retry or dead-letter queue would mix failed messages into live ones.
     */
    void checkSharedQueues() {
        Map<String, Consumer> owners = new HashMap<>();
        Map<String, Consumer> derived = new HashMap<>();
        for (Consumer consumer : consumers) {
            QueueSettings settings = consumer.settings();
            derived.putIfAbsent(settings.deadLetterQueue(), consumer);
            for (Duration delay : settings.retry().delays()) derived.putIfAbsent(settings.retryQueue(delay), consumer);
        }
        for (Consumer consumer : consumers) {
            String queue = consumer.settings().queue();
            Consumer first = owners.putIfAbsent(queue, consumer);
            if (first != null) {
                values.error(consumer.at(), consumer.label() + " uses queue '" + queue + "', already the queue of " + first.label()
                        + " (line " + values.locate(first.at()).line() + ")",
                        "each consumer needs its own queue, or they take each other's messages; name another 'queue:'");
            }
            Consumer owner = derived.get(queue);
            if (owner != null && owner != consumer) {
                values.error(consumer.at(), consumer.label() + " uses queue '" + queue + "', which is a retry or dead-letter queue of "
                        + owner.label(), "name another 'queue:'; '.retry.' and '.dlq' names belong to their work queue");
            }
        }
    }

    /** RabbitMQ's rules for exchange and queue names, with {@code amq.} reserved for the broker. */
    static boolean checkBrokerName(NodeValues values, Node node, String name, String kind) {
        if (name.startsWith("amq.")) {
            values.error(node, kind + " name '" + name + "' starts with 'amq.', which RabbitMQ reserves", "choose another prefix");
            return false;
        }
        if (!BROKER_NAME.matcher(name).matches()) {
            values.error(node, kind + " name '" + name + "' has characters other than letters, digits, '-', '_', '.' and ':'",
                    "e.g. bloodbank.sub.transcript-processor");
            return false;
        }
        if (name.getBytes(StandardCharsets.UTF_8).length > 255) {
            values.error(node, kind + " name is longer than 255 bytes", "RabbitMQ limits names to 255 bytes");
            return false;
        }
        return true;
    }

    private Optional<QueueType> queueType(Node node) {
        Optional<String> text = values.text(node, "queueType");
        if (text.isEmpty()) return Optional.empty();
        for (QueueType type : QueueType.values()) {
            if (type.wireName().equals(text.get())) return Optional.of(type);
        }
        List<String> valid = Arrays.stream(QueueType.values()).map(QueueType::wireName).toList();
        String hint = text.get().equalsIgnoreCase("stream")
                ? "stream queues are not supported: consumers need per-message acknowledgement and dead-lettering; use quorum"
                : Suggestions.nearest(text.get(), valid).map(s -> "did you mean '" + s + "'? ").orElse("")
                        + "quorum (replicated, the default) or classic";
        values.error(node, "queueType '" + text.get() + "' is not one of: " + String.join(", ", valid), hint);
        return Optional.empty();
    }

    /** The quorum replication factor: a whole number of members, and only for a quorum queue. */
    private int replicas(NodeValues.Entry entry, int fallback, QueueType queueType) {
        if (entry == null) return fallback;
        if (queueType != QueueType.QUORUM) {
            values.error(entry.value(), "replicas is set for a " + queueType.wireName() + " queue",
                    "replicas is the replication factor of quorum queues; a classic queue lives on one node");
            return fallback;
        }
        return values.integer(entry.value(), "replicas", 1, MAX_REPLICAS,
                "replicas is how many nodes hold a copy of the queue (x-quorum-initial-group-size); 3 survives one node"
                        + " down, leave it out for the broker's default").orElse(fallback);
    }

    private int prefetch(NodeValues.Entry entry, int fallback) {
        if (entry == null) return fallback;
        return values.integer(entry.value(), "prefetch", 1, MAX_PREFETCH,
                "prefetch is how many unacknowledged messages one consumer holds; 0 (unlimited) is not allowed").orElse(fallback);
    }

    /** A retry policy whose missing fields come from {@code base}, field by field. */
    private RetryPolicy retry(Node node, RetryPolicy base, String what) {
        Map<String, NodeValues.Entry> fields = values.fields(node, what, RETRY_FIELDS).orElse(Map.of());
        int attempts = base.attempts();
        Duration initialDelay = base.initialDelay();
        double multiplier = base.multiplier();
        Duration maxDelay = base.maxDelay();
        if (fields.get("attempts") != null) {
            attempts = values.integer(fields.get("attempts").value(), "attempts", 1, MAX_ATTEMPTS,
                    "attempts counts every delivery, the first included: 1 means no retry").orElse(attempts);
        }
        if (fields.get("initialDelay") != null) {
            initialDelay = values.duration(fields.get("initialDelay").value(), "initialDelay", MIN_DELAY, MAX_DELAY).orElse(initialDelay);
        }
        if (fields.get("multiplier") != null) {
            multiplier = values.number(fields.get("multiplier").value(), "multiplier", 1.0, MAX_MULTIPLIER,
                    "each retry waits multiplier times longer than the one before; 1.0 keeps the delay constant").orElse(multiplier);
        }
        if (fields.get("maxDelay") != null) {
            maxDelay = values.duration(fields.get("maxDelay").value(), "maxDelay", MIN_DELAY, MAX_DELAY).orElse(maxDelay);
        }
        if (maxDelay.compareTo(initialDelay) < 0) {
            NodeValues.Entry at = fields.get("maxDelay") != null ? fields.get("maxDelay") : fields.get("initialDelay");
            values.error(at != null ? at.value() : node, what + ": maxDelay " + Durations.format(maxDelay)
                    + " is shorter than initialDelay " + Durations.format(initialDelay),
                    "maxDelay caps the growing delay, so it is at least initialDelay");
            return base;
        }
        return new RetryPolicy(attempts, initialDelay, multiplier, maxDelay);
    }
}
