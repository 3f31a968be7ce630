package dev.bloodbank.topology;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bloodbank.schema.MessageSchema;
import dev.bloodbank.schema.compat.CompatibilityMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads topology.yaml into a {@link Topology}, collecting every problem in one pass: the file's
 * structure, the naming rules, the schemas and their examples, and the checks across entries
 * (a key declared twice, a queue shared by two consumers, patterns that match nothing).
 */
final class TopologyLoader {

    static final List<String> ROOT_FIELDS = List.of("apiVersion", "exchanges", "defaults", "events", "commands", "subscriptions", "archive");
    static final List<String> EXCHANGE_FIELDS = List.of("events", "commands", "deadLetter", "unrouted", "retry");
    static final List<String> EVENT_FIELDS = List.of("description", "schema", "schemaFile", "examples", "compatibility");
    static final List<String> COMMAND_FIELDS = List.of("description", "schema", "schemaFile", "examples", "compatibility", "worker");
    static final List<String> WORKER_FIELDS = List.of("queue", "prefetch", "queueType", "retry", "replicas");
    static final List<String> SUBSCRIPTION_FIELDS = List.of("events", "queue", "prefetch", "queueType", "retry", "replicas");

    private final TopologySource source;
    private final SchemaChecks checks;
    private final Problems problems = new Problems();
    private final MessageSchemas schemas;
    private NodeValues values;
    private QueueDeclarations queues;

    private TopologyLoader(TopologySource source, SchemaChecks checks) {
        this.source = source;
        this.checks = checks;
        this.schemas = new MessageSchemas(source, problems);
    }

    static Topology load(TopologySource source, SchemaChecks checks) {
        return new TopologyLoader(source, checks).run().orThrow();
    }

    static ValidationReport validate(TopologySource source) {
        return new TopologyLoader(source, SchemaChecks.AT_LOAD).run();
    }

    private ValidationReport run() {
        Optional<Topology> topology = YamlReader.read(source, problems).flatMap(this::read);
        List<Problem> sorted = problems.sorted(source.path());
        return new ValidationReport(problems.hasErrors() ? Optional.empty() : topology, sorted);
    }

    private Optional<Topology> read(YamlDocument document) {
        values = new NodeValues(document, problems);
        queues = new QueueDeclarations(values);
        Node root = document.root();
        if (!(root instanceof MappingNode)) {
            values.error(root, "a topology must be a mapping, not " + NodeValues.describe(root),
                    "start the file with 'apiVersion: " + Topology.API_VERSION + "' followed by 'events:'");
            return Optional.empty();
        }
        Map<String, NodeValues.Entry> fields = values.fields(root, "the topology", ROOT_FIELDS).orElseThrow();

        String apiVersion = apiVersion(root, fields.get("apiVersion"));
        Exchanges exchanges = Optional.ofNullable(fields.get("exchanges")).map(e -> exchanges(e.value())).orElse(Exchanges.DEFAULT);
        Defaults defaults = Optional.ofNullable(fields.get("defaults")).map(e -> queues.defaults(e.value())).orElse(Defaults.DEFAULT);
        Archive archive = Optional.ofNullable(fields.get("archive")).map(e -> new ArchiveSection(values).read(e.value()))
                .orElse(Archive.DEFAULT);

        Map<String, Draft> events = new LinkedHashMap<>();
        Map<String, Node> eventKeys = new LinkedHashMap<>();
        entries(fields.get("events"), "events").forEach((key, entry) -> {
            eventKeys.put(key, entry.keyNode());
            event(entry, defaults).ifPresent(event -> events.put(key, event));
        });
        Map<String, Draft> commands = new LinkedHashMap<>();
        Map<String, Node> commandKeys = new HashMap<>();
        entries(fields.get("commands"), "commands").forEach((key, entry) -> {
            commandKeys.put(key, entry.keyNode());
            command(entry, defaults).ifPresent(command -> commands.put(key, command));
        });
        declaredTwice(eventKeys, commandKeys);

        Map<String, Subscription> subscriptions = new LinkedHashMap<>();
        DeclaredKeys keys = DeclaredKeys.of(eventKeys.keySet(), commandKeys.keySet());
        entries(fields.get("subscriptions"), "subscriptions").forEach((service, entry) ->
                subscription(entry, defaults, keys).ifPresent(s -> subscriptions.put(service, s)));

        queues.checkSharedQueues();
        if (fields.get("events") == null && fields.get("commands") == null) {
            values.warning(root, "the topology declares no events and no commands", "add an 'events:' section");
        }
        if (checks == SchemaChecks.AT_LOAD) schemas.compileAndCheck();
        else schemas.defer();
        if (problems.hasErrors()) return Optional.empty();
        Map<String, EventDefinition> eventDefinitions = new LinkedHashMap<>();
        events.forEach((key, draft) -> eventDefinitions.put(key, draft.event().orElseThrow()));
        Map<String, CommandDefinition> commandDefinitions = new LinkedHashMap<>();
        commands.forEach((key, draft) -> commandDefinitions.put(key, draft.command().orElseThrow()));
        return Optional.of(new Topology(apiVersion, exchanges, defaults, eventDefinitions, commandDefinitions, subscriptions,
                source.path(), archive));
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
        Map<String, String> names = new LinkedHashMap<>();
        names.put("events", exchangeName(fields.get("events"), d.events()));
        names.put("commands", exchangeName(fields.get("commands"), d.commands()));
        names.put("deadLetter", exchangeName(fields.get("deadLetter"), d.deadLetter()));
        names.put("unrouted", exchangeName(fields.get("unrouted"), d.unrouted()));
        names.put("retry", exchangeName(fields.get("retry"), d.retry()));
        Map<String, String> roles = new HashMap<>();
        names.forEach((role, name) -> {
            String other = roles.putIfAbsent(name, role);
            if (other == null) return;
            NodeValues.Entry at = fields.get(role) != null ? fields.get(role) : fields.get(other);
            values.error(at != null ? at.value() : node, "exchanges." + role + " and exchanges." + other + " are both '" + name + "'",
                    "each exchange has its own role; give each a distinct name");
        });
        return new Exchanges(names.get("events"), names.get("commands"), names.get("deadLetter"), names.get("unrouted"),
                names.get("retry"));
    }

    private String exchangeName(NodeValues.Entry entry, String fallback) {
        if (entry == null) return fallback;
        return values.text(entry.value(), "exchange name")
                .filter(name -> QueueDeclarations.checkBrokerName(values, entry.value(), name, "exchange"))
                .orElse(fallback);
    }

    /** A key names one kind of message: the same key as an event and a command is reported at both. */
    private void declaredTwice(Map<String, Node> eventKeys, Map<String, Node> commandKeys) {
        eventKeys.forEach((key, eventKey) -> {
            Node commandKey = commandKeys.get(key);
            if (commandKey == null) return;
            String hint = "a key names one kind of message; rename or remove one of them";
            values.error(eventKey, "'" + key + "' is declared both as an event and as a command (line "
                    + values.locate(commandKey).line() + ")", hint);
            values.error(commandKey, "'" + key + "' is declared both as a command and as an event (line "
                    + values.locate(eventKey).line() + ")", hint);
        });
    }

    private Optional<Draft> event(NodeValues.Entry entry, Defaults defaults) {
        String key = entry.key();
        NamingRules.checkEventKey(key).ifPresent(v -> values.error(entry.keyNode(), v.message(), v.hint()));
        String what = "event '" + key + "'";
        return values.fields(entry.value(), what, EVENT_FIELDS).map(fields -> draft(entry, fields, what, null, defaults));
    }

    private Optional<Draft> command(NodeValues.Entry entry, Defaults defaults) {
        String key = entry.key();
        NamingRules.checkCommandKey(key).ifPresent(v -> values.error(entry.keyNode(), v.message(), v.hint()));
        String what = "command '" + key + "'";
        Optional<Map<String, NodeValues.Entry>> fields = values.fields(entry.value(), what, COMMAND_FIELDS);
        if (fields.isEmpty()) return Optional.empty();
        NodeValues.Entry worker = fields.get().get("worker");
        String label = "the worker of " + what;
        Optional<Map<String, NodeValues.Entry>> workerFields = worker == null
                ? Optional.of(Map.of())
                : values.fields(worker.value(), "worker of " + what, WORKER_FIELDS);
        Optional<QueueSettings> settings = workerFields.map(
                f -> queues.consumer(label, f, CommandDefinition.defaultQueueName(key), defaults, entry.keyNode()));
        Draft draft = draft(entry, fields.get(), what, settings.orElse(null), defaults);
        return settings.map(s -> draft);
    }

    /** An event or a command as read; it becomes a definition once every schema is compiled. */
    private record Draft(String key, Location location, String description, Optional<MessageSchemas.PendingSchema> schema,
            List<JsonNode> examples, QueueSettings worker, CompatibilityMode compatibility) {

        Optional<EventDefinition> event() {
            return compiled().map(schema -> new EventDefinition(key, description, schema, examples, location, compatibility));
        }

        Optional<CommandDefinition> command() {
            return compiled().map(schema -> new CommandDefinition(key, description, schema, examples, worker, location, compatibility));
        }

        private Optional<MessageSchema> compiled() {
            return description == null ? Optional.empty() : schema.flatMap(MessageSchemas.PendingSchema::schema);
        }
    }

    private Draft draft(NodeValues.Entry entry, Map<String, NodeValues.Entry> fields, String what, QueueSettings worker,
            Defaults defaults) {
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
        CompatibilityMode compatibility = Optional.ofNullable(fields.get("compatibility"))
                .flatMap(e -> Compatibility.mode(values, e.value(), "compatibility of " + what)).orElse(defaults.compatibility());
        return new Draft(entry.key(), values.locate(entry.keyNode()), description, schema, examples, worker, compatibility);
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

    /** The declared keys that subscription patterns are checked against, events split into words once. */
    private record DeclaredKeys(Set<String> events, Set<String> commands, List<String[]> eventWords) {
        static DeclaredKeys of(Set<String> events, Set<String> commands) {
            return new DeclaredKeys(events, commands, events.stream().map(TopicPattern::words).toList());
        }
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
            patterns = values.sequence(eventsEntry.value(), "events of " + what).map(nodes -> patterns(nodes, eventsEntry, what, keys))
                    .orElse(List.of());
        }
        QueueSettings settings = queues.consumer(what, fields.get(), Subscription.defaultQueueName(service), defaults, entry.keyNode());
        return Optional.of(new Subscription(service, patterns, settings, values.locate(entry.keyNode())));
    }

    private List<String> patterns(List<Node> nodes, NodeValues.Entry eventsEntry, String what, DeclaredKeys keys) {
        if (nodes.isEmpty())
            values.error(eventsEntry.value(), what + " lists no event patterns", "list at least one, e.g. \"fireflies.transcript.*\"");
        List<String> patterns = new ArrayList<>(nodes.size());
        for (Node node : nodes) {
            values.text(node, "event pattern of " + what)
                    .filter(pattern -> pattern(node, pattern, what, keys, patterns))
                    .ifPresent(patterns::add);
        }
        return patterns;
    }

    /** Whether a topic pattern is well formed; reports it when not, and warns when it receives nothing. */
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
            return false;
        }
        String[] words = TopicPattern.words(pattern);
        if (keys.eventWords().stream().noneMatch(key -> TopicPattern.matches(words, key))) {
            List<String> commands = keys.commands().stream().filter(key -> TopicPattern.matches(pattern, key)).toList();
            String hint = !commands.isEmpty()
                    ? "'" + commands.get(0) + "' is a command: commands go to their worker queue, not to subscriptions"
                    : Suggestions.nearest(pattern, keys.events()).map(k -> "did you mean '" + k + "'?")
                            .orElse("check the spelling against the keys under 'events:'");
            values.warning(node, "event pattern '" + pattern + "' of " + what + " matches no declared event", hint);
        }
        return true;
    }
}
