package dev.bloodbank.topology;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bloodbank.schema.MessageSchema;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.Set;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads topology.yaml into a {@link Topology}, collecting every problem in one pass: the file's
 * structure, the naming rules, the schemas and their examples, and the checks across entries
 * (a key declared twice, a queue shared by two consumers, patterns that match nothing).
 */
final class TopologyLoader {

    static final List<String> ROOT_FIELDS = List.of("apiVersion", "exchanges", "defaults", "events", "commands", "subscriptions");
    static final List<String> EXCHANGE_FIELDS = List.of("events", "commands", "deadLetter", "unrouted");
    static final List<String> DEFAULTS_FIELDS = List.of("queueType", "prefetch", "retry");
    static final List<String> RETRY_FIELDS = List.of("attempts", "initialDelay", "multiplier", "maxDelay");
    static final List<String> EVENT_FIELDS = List.of("description", "schema", "schemaFile", "examples");
    static final List<String> COMMAND_FIELDS = List.of("description", "schema", "schemaFile", "examples", "worker");
    static final List<String> WORKER_FIELDS = List.of("queue", "prefetch", "queueType", "retry");
    static final List<String> SUBSCRIPTION_FIELDS = List.of("events", "queue", "prefetch", "queueType", "retry");

    static final int MAX_PREFETCH = 65_535;
    static final int MAX_ATTEMPTS = 100;
    static final double MAX_MULTIPLIER = 10.0;
    static final Duration MIN_DELAY = Duration.ofMillis(1);
    static final Duration MAX_DELAY = Duration.ofHours(24);

    private final TopologySource source;
    private final Problems problems = new Problems();
    private final MessageSchemas schemas;
    private NodeValues values;
    /** Every consuming queue in declaration order, to find two consumers on one queue. */
    private final List<Consumer> consumers = new java.util.ArrayList<>();

    private record Consumer(String label, QueueSettings settings, Node at) {}

    private TopologyLoader(TopologySource source) {
        this.source = source;
        this.schemas = new MessageSchemas(source, problems);
    }

    static Topology load(TopologySource source) {
        return validate(source).orThrow();
    }

    static ValidationReport validate(TopologySource source) {
        return new TopologyLoader(source).run();
    }

    private ValidationReport run() {
        Optional<YamlDocument> document = YamlReader.read(source, problems);
        Optional<Topology> topology = document.flatMap(this::read);
        List<Problem> sorted = problems.sorted(source.path());
        return new ValidationReport(problems.hasErrors() ? Optional.empty() : topology, sorted);
    }

    private Optional<Topology> read(YamlDocument document) {
        values = new NodeValues(document, problems);
        Node root = document.root();
        if (!(root instanceof org.yaml.snakeyaml.nodes.MappingNode)) {
            values.error(root, "a topology must be a mapping, not " + NodeValues.describe(root),
                    "start the file with 'apiVersion: " + Topology.API_VERSION + "' followed by 'events:'");
            return Optional.empty();
        }
        Map<String, NodeValues.Entry> fields = values.fields(root, "the topology", ROOT_FIELDS).orElseThrow();

        String apiVersion = apiVersion(root, fields.get("apiVersion"));
        Exchanges exchanges = Optional.ofNullable(fields.get("exchanges")).map(e -> exchanges(e.value())).orElse(Exchanges.DEFAULT);
        Defaults defaults = Optional.ofNullable(fields.get("defaults")).map(e -> defaults(e.value())).orElse(Defaults.DEFAULT);

        Map<String, Draft> events = new LinkedHashMap<>();
        Map<String, Node> eventKeyNodes = new HashMap<>();
        entries(fields.get("events"), "events").forEach((key, entry) -> {
            eventKeyNodes.put(key, entry.keyNode());
            event(entry).ifPresent(event -> events.put(key, event));
        });
        Map<String, Draft> commands = new LinkedHashMap<>();
        Map<String, Node> commandKeyNodes = new HashMap<>();
        entries(fields.get("commands"), "commands").forEach((key, entry) -> {
            commandKeyNodes.put(key, entry.keyNode());
            command(entry, defaults).ifPresent(command -> commands.put(key, command));
        });
        for (String key : eventKeyNodes.keySet()) {
            Node commandKey = commandKeyNodes.get(key);
            if (commandKey == null) continue;
            values.error(eventKeyNodes.get(key), "'" + key + "' is declared both as an event and as a command (line "
                    + values.locate(commandKey).line() + ")", "a key names one kind of message; rename or remove one of them");
            values.error(commandKey, "'" + key + "' is declared both as a command and as an event (line "
                    + values.locate(eventKeyNodes.get(key)).line() + ")", "a key names one kind of message; rename or remove one of them");
        }

        Map<String, Subscription> subscriptions = new LinkedHashMap<>();
        DeclaredKeys keys = DeclaredKeys.of(eventKeyNodes.keySet(), commandKeyNodes.keySet());
        entries(fields.get("subscriptions"), "subscriptions").forEach((service, entry) ->
                subscription(entry, defaults, keys).ifPresent(s -> subscriptions.put(service, s)));

        sharedQueues();
        if (fields.get("events") == null && fields.get("commands") == null) {
            values.warning(root, "the topology declares no events and no commands", "add an 'events:' section");
        }
        schemas.compileAndCheck();
        if (problems.hasErrors()) return Optional.empty();
        Map<String, EventDefinition> eventDefinitions = new LinkedHashMap<>();
        events.forEach((key, draft) -> eventDefinitions.put(key, draft.event().orElseThrow()));
        Map<String, CommandDefinition> commandDefinitions = new LinkedHashMap<>();
        commands.forEach((key, draft) -> commandDefinitions.put(key, draft.command().orElseThrow()));
        return Optional.of(new Topology(apiVersion, exchanges, defaults, eventDefinitions, commandDefinitions, subscriptions,
                source.path()));
    }

    private Map<String, NodeValues.Entry> entries(NodeValues.Entry section, String what) {
        if (section == null) return Map.of();
        return values.entries(section.value(), what).orElse(Map.of());
    }

    private String apiVersion(Node root, NodeValues.Entry entry) {
        if (entry == null) {
            values.error(root, "apiVersion is missing", "add 'apiVersion: " + Topology.API_VERSION + "' as the first line");
            return Topology.API_VERSION;
        }
        Optional<String> version = values.text(entry.value(), "apiVersion");
        if (version.isPresent() && !version.get().equals(Topology.API_VERSION)) {
            values.error(entry.value(), "apiVersion '" + version.get() + "' is not supported",
                    "this version of Bloodbank reads 'apiVersion: " + Topology.API_VERSION + "'");
        }
        return Topology.API_VERSION;
    }

    private Exchanges exchanges(Node node) {
        Map<String, NodeValues.Entry> fields = values.fields(node, "exchanges", EXCHANGE_FIELDS).orElse(Map.of());
        Exchanges d = Exchanges.DEFAULT;
        Exchanges exchanges = new Exchanges(
                exchangeName(fields.get("events"), d.events()),
                exchangeName(fields.get("commands"), d.commands()),
                exchangeName(fields.get("deadLetter"), d.deadLetter()),
                exchangeName(fields.get("unrouted"), d.unrouted()));
        Map<String, String> seen = new LinkedHashMap<>();
        for (String field : EXCHANGE_FIELDS) {
            String name = switch (field) {
                case "events" -> exchanges.events();
                case "commands" -> exchanges.commands();
                case "deadLetter" -> exchanges.deadLetter();
                default -> exchanges.unrouted();
            };
            String other = seen.putIfAbsent(name, field);
            if (other != null) {
                NodeValues.Entry entry = fields.get(field) != null ? fields.get(field) : fields.get(other);
                values.error(entry != null ? entry.value() : node, "exchanges." + field + " and exchanges." + other
                        + " are both '" + name + "'", "each exchange has its own role; give each a distinct name");
            }
        }
        return exchanges;
    }

    private String exchangeName(NodeValues.Entry entry, String fallback) {
        if (entry == null) return fallback;
        return values.text(entry.value(), "exchange name").map(name -> {
            brokerName(entry.value(), name, "exchange");
            return name;
        }).orElse(fallback);
    }

    /** RabbitMQ's rules for exchange and queue names, with {@code amq.} reserved for the broker. */
    private boolean brokerName(Node node, String name, String kind) {
        if (name.startsWith("amq.")) {
            values.error(node, kind + " name '" + name + "' starts with 'amq.', which RabbitMQ reserves", "choose another prefix");
            return false;
        }
        if (!name.matches("[A-Za-z0-9_.:\\-]+")) {
            values.error(node, kind + " name '" + name + "' has characters other than letters, digits, '-', '_', '.' and ':'",
                    "e.g. bloodbank.sub.transcript-processor");
            return false;
        }
        if (name.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 255) {
            values.error(node, kind + " name is longer than 255 bytes", "RabbitMQ limits names to 255 bytes");
            return false;
        }
        return true;
    }

    private Defaults defaults(Node node) {
        Map<String, NodeValues.Entry> fields = values.fields(node, "defaults", DEFAULTS_FIELDS).orElse(Map.of());
        Defaults d = Defaults.DEFAULT;
        QueueType queueType = Optional.ofNullable(fields.get("queueType")).flatMap(e -> queueType(e.value())).orElse(d.queueType());
        int prefetch = prefetch(fields.get("prefetch"), d.prefetch());
        RetryPolicy retry = Optional.ofNullable(fields.get("retry")).map(e -> retry(e.value(), d.retry(), "defaults.retry")).orElse(d.retry());
        return new Defaults(queueType, prefetch, retry);
    }

    private Optional<QueueType> queueType(Node node) {
        Optional<String> text = values.text(node, "queueType");
        if (text.isEmpty()) return Optional.empty();
        for (QueueType type : QueueType.values()) {
            if (type.wireName().equals(text.get())) return Optional.of(type);
        }
        List<String> valid = java.util.Arrays.stream(QueueType.values()).map(QueueType::wireName).toList();
        String hint = text.get().equalsIgnoreCase("stream")
                ? "stream queues are not supported: consumers need per-message acknowledgement and dead-lettering; use quorum"
                : Suggestions.nearest(text.get(), valid).map(s -> "did you mean '" + s + "'? ").orElse("")
                        + "quorum (replicated, the default) or classic";
        values.error(node, "queueType '" + text.get() + "' is not one of: " + String.join(", ", valid), hint);
        return Optional.empty();
    }

    private int prefetch(NodeValues.Entry entry, int fallback) {
        if (entry == null) return fallback;
        OptionalInt prefetch = values.integer(entry.value(), "prefetch", 1, MAX_PREFETCH,
                "prefetch is how many unacknowledged messages one consumer holds; 0 (unlimited) is not allowed");
        return prefetch.orElse(fallback);
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
            values.error(at != null ? at.value() : node, what + ": maxDelay " + QueueSettings.formatDelay(maxDelay)
                    + " is shorter than initialDelay " + QueueSettings.formatDelay(initialDelay),
                    "maxDelay caps the growing delay, so it is at least initialDelay");
            return base;
        }
        return new RetryPolicy(attempts, initialDelay, multiplier, maxDelay);
    }

    private Optional<Draft> event(NodeValues.Entry entry) {
        String key = entry.key();
        NamingRules.checkEventKey(key).ifPresent(v -> values.error(entry.keyNode(), v.message(), v.hint()));
        String what = "event '" + key + "'";
        return values.fields(entry.value(), what, EVENT_FIELDS).map(fields -> draft(entry, fields, what, null));
    }

    private Optional<Draft> command(NodeValues.Entry entry, Defaults defaults) {
        String key = entry.key();
        NamingRules.checkCommandKey(key).ifPresent(v -> values.error(entry.keyNode(), v.message(), v.hint()));
        String what = "command '" + key + "'";
        Optional<Map<String, NodeValues.Entry>> fields = values.fields(entry.value(), what, COMMAND_FIELDS);
        if (fields.isEmpty()) return Optional.empty();
        NodeValues.Entry worker = fields.get().get("worker");
        Optional<QueueSettings> settings = worker == null
                ? Optional.of(new QueueSettings(CommandDefinition.defaultQueueName(key), defaults.prefetch(), defaults.queueType(), defaults.retry()))
                : values.fields(worker.value(), "worker of " + what, WORKER_FIELDS)
                        .map(f -> queueSettings(f, "worker of " + what, CommandDefinition.defaultQueueName(key), defaults));
        settings.ifPresent(q -> consumer("the worker of " + what, q, entry.keyNode(), worker == null ? null : worker.value()));
        Draft draft = draft(entry, fields.get(), what, settings.orElse(null));
        return settings.isPresent() ? Optional.of(draft) : Optional.empty();
    }

    /** An event or a command as read; it becomes a definition once every schema is compiled. */
    private record Draft(String key, Location location, String description, Optional<MessageSchemas.PendingSchema> schema,
            List<JsonNode> examples, QueueSettings worker) {

        Optional<EventDefinition> event() {
            return compiled().map(schema -> new EventDefinition(key, description, schema, examples, location));
        }

        Optional<CommandDefinition> command() {
            return compiled().map(schema -> new CommandDefinition(key, description, schema, examples, worker, location));
        }

        private Optional<MessageSchema> compiled() {
            return description == null ? Optional.empty() : schema.flatMap(MessageSchemas.PendingSchema::schema);
        }
    }

    private Draft draft(NodeValues.Entry entry, Map<String, NodeValues.Entry> fields, String what, QueueSettings worker) {
        String description = null;
        NodeValues.Entry descriptionEntry = fields.get("description");
        if (descriptionEntry == null) {
            values.error(entry.keyNode(), what + " has no description", "add 'description:' with one sentence on what it means");
        } else {
            description = values.text(descriptionEntry.value(), "description of " + what).orElse(null);
        }
        Optional<MessageSchemas.PendingSchema> schema = schema(entry, fields.get("schema"), fields.get("schemaFile"), what);
        List<JsonNode> examples = List.of();
        NodeValues.Entry examplesEntry = fields.get("examples");
        if (examplesEntry != null) {
            examples = values.sequence(examplesEntry.value(), "examples of " + what)
                    .map(nodes -> schemas.examples(nodes, schema, what, values))
                    .orElse(List.of());
        }
        return new Draft(entry.key(), values.locate(entry.keyNode()), description, schema, examples, worker);
    }

    private Optional<MessageSchemas.PendingSchema> schema(NodeValues.Entry entry, NodeValues.Entry inline, NodeValues.Entry file,
            String what) {
        if (inline != null && file != null) {
            values.error(file.keyNode(), what + " has both schema and schemaFile", "keep one of them");
            return Optional.empty();
        }
        if (inline != null) return schemas.inline(inline.value(), what, values);
        if (file != null) return schemas.file(file.value(), what, values);
        values.error(entry.keyNode(), what + " has no schema",
                "add 'schema:' with a JSON Schema, or 'schemaFile:' with a path relative to the topology file");
        return Optional.empty();
    }

    private QueueSettings queueSettings(Map<String, NodeValues.Entry> fields, String what, String defaultQueue, Defaults defaults) {
        String queue = defaultQueue;
        if (fields.get("queue") != null) {
            Node queueNode = fields.get("queue").value();
            queue = values.text(queueNode, "queue").filter(name -> brokerName(queueNode, name, "queue")).orElse(defaultQueue);
        }
        int prefetch = prefetch(fields.get("prefetch"), defaults.prefetch());
        QueueType queueType = Optional.ofNullable(fields.get("queueType")).flatMap(e -> queueType(e.value())).orElse(defaults.queueType());
        RetryPolicy retry = Optional.ofNullable(fields.get("retry")).map(e -> retry(e.value(), defaults.retry(), "retry of " + what))
                .orElse(defaults.retry());
        return new QueueSettings(queue, prefetch, queueType, retry);
    }

    private void consumer(String label, QueueSettings settings, Node keyNode, Node consumerNode) {
        Node at = keyNode;
        if (consumerNode instanceof org.yaml.snakeyaml.nodes.MappingNode mapping) {
            for (org.yaml.snakeyaml.nodes.NodeTuple tuple : mapping.getValue()) {
                if (tuple.getKeyNode() instanceof org.yaml.snakeyaml.nodes.ScalarNode k && k.getValue().equals("queue"))
                    at = tuple.getValueNode();
            }
        }
        consumers.add(new Consumer(label, settings, at));
    }

    /**
     * Two consumers on one queue would steal each other's messages; a queue named like another's
     * retry or dead-letter queue would mix failed messages into live ones.
     */
    private void sharedQueues() {
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

    /** Whether a topic pattern is well formed; reports it when not, and warns when it receives nothing. */
    /** The declared keys that subscription patterns are checked against, events split into words once. */
    private record DeclaredKeys(Set<String> events, Set<String> commands, List<String[]> eventWords) {
        static DeclaredKeys of(Set<String> events, Set<String> commands) {
            return new DeclaredKeys(events, commands, events.stream().map(TopicPattern::words).toList());
        }
    }

    private boolean pattern(Node node, String pattern, String what, DeclaredKeys keys, List<String> earlier) {
        Optional<String> problem = TopicPattern.problem(pattern);
        if (problem.isPresent()) {
            values.error(node, "event pattern '" + pattern + "' of " + what + " " + problem.get(),
                    "a pattern is dot-separated words; '*' stands for exactly one word, '#' for any number,"
                            + " e.g. \"fireflies.transcript.*\" or \"github.#\"");
            return false;
        }
        if (earlier.contains(pattern)) {
            values.warning(node, "event pattern '" + pattern + "' is listed twice in " + what, "remove one of them");
            return true;
        }
        String[] patternWords = TopicPattern.words(pattern);
        if (keys.eventWords().stream().noneMatch(key -> TopicPattern.matches(patternWords, key))) {
            List<String> commands = keys.commands().stream().filter(key -> TopicPattern.matches(pattern, key)).toList();
            String hint = !commands.isEmpty()
                    ? "'" + commands.get(0) + "' is a command: commands go to their worker queue, not to subscriptions"
                    : Suggestions.nearest(pattern, keys.events()).map(k -> "did you mean '" + k + "'?")
                            .orElse("check the spelling against the keys under 'events:'");
            values.warning(node, "event pattern '" + pattern + "' of " + what + " matches no declared event", hint);
        }
        return true;
    }

    private Optional<Subscription> subscription(NodeValues.Entry entry, Defaults defaults, DeclaredKeys keys) {
        String service = entry.key();
        NamingRules.checkServiceName(service).ifPresent(v -> values.error(entry.keyNode(), v.message(), v.hint()));
        String what = "subscription '" + service + "'";
        Optional<Map<String, NodeValues.Entry>> fields = values.fields(entry.value(), what, SUBSCRIPTION_FIELDS);
        if (fields.isEmpty()) return Optional.empty();
        NodeValues.Entry eventsEntry = fields.get().get("events");
        List<String> patterns = List.of();
        if (eventsEntry == null) {
            values.error(entry.keyNode(), what + " has no events", "add 'events: [\"domain.entity.*\"]' with the topic patterns it receives");
        } else {
            patterns = values.sequence(eventsEntry.value(), "events of " + what).map(nodes -> {
                if (nodes.isEmpty())
                    values.error(eventsEntry.value(), what + " lists no event patterns", "list at least one, e.g. \"fireflies.transcript.*\"");
                List<String> read = new java.util.ArrayList<>();
                for (Node node : nodes) {
                    values.text(node, "event pattern of " + what).filter(pattern -> pattern(node, pattern, what, keys, read))
                            .ifPresent(read::add);
                }
                return read;
            }).orElse(List.of());
        }
        QueueSettings settings = queueSettings(fields.get(), what, Subscription.defaultQueueName(service), defaults);
        consumer(what, settings, entry.keyNode(), entry.value());
        return Optional.of(new Subscription(service, patterns, settings, values.locate(entry.keyNode())));
    }
}
