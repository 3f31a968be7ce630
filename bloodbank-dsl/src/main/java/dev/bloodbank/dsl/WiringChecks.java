package dev.bloodbank.dsl;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.bloodbank.topology.MessageDefinition;
import dev.bloodbank.topology.MessageKind;
import dev.bloodbank.topology.Subscription;
import dev.bloodbank.topology.Suggestions;
import dev.bloodbank.topology.Topology;
import dev.bloodbank.topology.TopicPattern;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Every check of a graph against its topology, run in one pass so the user sees all problems at
 * once. Each problem names the call (node name and source line), says what is wrong, and how to fix it.
 */
final class WiringChecks {

    private final BloodbankBuilder.Graph graph;
    private final Topology topology;
    private final List<WiringProblem> problems = new ArrayList<>();

    WiringChecks(BloodbankBuilder.Graph graph) {
        this.graph = graph;
        this.topology = graph.topology();
    }

    List<WiringProblem> run() {
        if (graph.sources().isEmpty()) {
            problems.add(new WiringProblem("service '" + graph.service() + "'", "streams no event and handles no command",
                    "add stream(\"<event key>\", Type.class) or command(\"<command key>\", Type.class) before build()"));
        }
        checkNames();
        checkSources();
        checkSubscription();
        checkSinks();
        checkTypedBranches();
        checkDeadEnds();
        for (GraphNode split : graph.emptySplits()) {
            problems.add(new WiringProblem(split.where(), "split has no branches",
                    "add branch(predicate) calls, or remove split()"));
        }
        return List.copyOf(problems);
    }

    private void checkNames() {
        Map<String, GraphNode> byName = new HashMap<>();
        for (GraphNode node : graph.nodes()) {
            GraphNode first = byName.putIfAbsent(node.name, node);
            if (first != null) {
                problems.add(new WiringProblem(node.where(), "the name '" + node.name + "' is already used by the "
                        + first.operator + " at " + first.callSite, "give each operator its own Named.as(...)"));
            }
        }
    }

    private void checkSources() {
        Map<String, BloodbankBuilder.Source> seen = new HashMap<>();
        Map<String, BloodbankBuilder.Source> patternTaken = new HashMap<>();
        for (BloodbankBuilder.Source source : graph.sources()) {
            if (source.pattern()) {
                checkPattern(source, patternTaken);
                continue;
            }
            String call = source.kind() == MessageKind.EVENT ? "stream" : "command";
            Optional<MessageDefinition> definition = resolve(source.node(), call, source.kind(), source.key());
            BloodbankBuilder.Source first = seen.putIfAbsent(source.key(), source);
            if (first != null) {
                problems.add(new WiringProblem(source.node().where(), "'" + source.key() + "' is already taken by "
                        + first.node().where(), source.kind() == MessageKind.EVENT
                        ? "stream each event once and fan out with split(), peek() or several chains from the same stream"
                        : "handle each command once per service"));
            }
            if (source.kind() == MessageKind.COMMAND) {
                long handlers = source.node().children.size();
                if (handlers == 0) {
                    problems.add(new WiringProblem(source.node().where(), "command '" + source.key() + "' has no handler",
                            "call .handle((command, context) -> ...) on what command(...) returns"));
                } else if (handlers > 1) {
                    problems.add(new WiringProblem(source.node().children.get(1).where(), "command '" + source.key()
                            + "' already has a handler (" + source.node().children.get(0).where() + ")",
                            "a command is handled once; do all the work in one handler"));
                }
            }
            definition.ifPresent(d -> checkExamples(source.node(), d, source.type()));
        }
    }

    /** A pattern stream takes the events it matches that no stream takes by name; two patterns may not share one. */
    private void checkPattern(BloodbankBuilder.Source source, Map<String, BloodbankBuilder.Source> taken) {
        Optional<String> malformed = TopicPattern.problem(source.key());
        if (malformed.isPresent()) {
            problems.add(new WiringProblem(source.node().where(), "stream(\"" + source.key() + "\"): the pattern "
                    + malformed.get(), "write words separated by dots, '*' for one word and '#' for any number"));
            return;
        }
        List<String> keys = BloodbankBuilder.patternKeys(topology, graph.service(), graph.sources(), source);
        if (keys.isEmpty()) {
            List<String> matched = topology.events().keySet().stream().filter(k -> TopicPattern.matches(source.key(), k)).toList();
            Optional<Subscription> subscription = topology.subscription(graph.service());
            String call = "stream(\"" + source.key() + "\"): ";
            if (matched.isEmpty()) {
                problems.add(new WiringProblem(source.node().where(), call + "the pattern matches no event of the topology" + from(),
                        "check the pattern against the keys under events: in the topology"));
            } else if (subscription.isPresent() && matched.stream().noneMatch(subscription.get()::receives)) {
                problems.add(new WiringProblem(source.node().where(), call + "subscription '" + graph.service()
                        + "' receives none of the events it matches " + quoted(matched),
                        "add a pattern that covers them to subscriptions." + graph.service() + ".events in the topology"));
            } else {
                problems.add(new WiringProblem(source.node().where(), call + "every event it matches that the service receives is streamed by name",
                        "remove the pattern stream, or stream fewer keys by name"));
            }
            return;
        }
        for (String key : keys) {
            BloodbankBuilder.Source first = taken.putIfAbsent(key, source);
            if (first != null) {
                problems.add(new WiringProblem(source.node().where(), "stream(\"" + source.key() + "\") and "
                        + first.node().where() + " both match '" + key + "'",
                        "make the patterns disjoint, or stream '" + key + "' by name"));
                return;
            }
        }
    }

    private void checkSubscription() {
        List<BloodbankBuilder.Source> streamed = new ArrayList<>();
        for (BloodbankBuilder.Source s : graph.sources()) {
            if (s.kind() != MessageKind.EVENT) continue;
            if (!s.pattern()) {
                if (topology.events().containsKey(s.key())) streamed.add(s);
                continue;
            }
            if (TopicPattern.problem(s.key()).isPresent()) continue;
            for (String key : BloodbankBuilder.patternKeys(topology, graph.service(), graph.sources(), s))
                streamed.add(new BloodbankBuilder.Source(s.node(), s.kind(), key, s.type(), false));
        }
        if (streamed.isEmpty()) return;
        Optional<Subscription> subscription = topology.subscription(graph.service());
        if (subscription.isEmpty()) {
            List<String> keys = streamed.stream().map(BloodbankBuilder.Source::key).toList();
            String nearest = nearest(graph.service(), topology.subscriptions().keySet().stream()).orElse(null);
            problems.add(new WiringProblem(streamed.get(0).node().where(), "service '" + graph.service()
                    + "' streams " + quoted(keys) + " but the topology" + from() + " has no subscription '"
                    + graph.service() + "' to receive them",
                    (nearest == null ? "" : "did you mean the subscription '" + nearest + "'? Otherwise ")
                            + "declare it: subscriptions: { " + graph.service() + ": { events: " + quoted(keys) + " } }"));
            return;
        }
        Subscription sub = subscription.get();
        for (BloodbankBuilder.Source source : streamed) {
            if (sub.receives(source.key())) continue;
            problems.add(new WiringProblem(source.node().where(), "subscription '" + sub.service() + "' (queue "
                    + sub.queue().queue() + ") does not receive '" + source.key() + "': its patterns are "
                    + quoted(sub.patterns()),
                    "add \"" + source.key() + "\" (or a pattern such as \"" + wildcard(source.key())
                            + "\") to subscriptions." + sub.service() + ".events in the topology"));
        }
    }

    private void checkTypedBranches() {
        for (BloodbankBuilder.Sink branch : graph.typedBranches()) {
            resolve(branch.node(), "branch", MessageKind.EVENT, branch.key())
                    .ifPresent(d -> checkExamples(branch.node(), d, branch.type()));
        }
    }

    private void checkSinks() {
        for (BloodbankBuilder.Sink sink : graph.sinks()) {
            String call = sink.kind() == MessageKind.EVENT ? "to" : "send";
            resolve(sink.node(), call, sink.kind(), sink.key())
                    .ifPresent(d -> checkExamples(sink.node(), d, sink.type()));
        }
    }

    /** A chain with nothing at its end acknowledges every message and does nothing: surely a slip. */
    private void checkDeadEnds() {
        for (BloodbankBuilder.Source source : graph.sources()) {
            if (source.kind() != MessageKind.EVENT) continue;
            if (!reachesTerminal(source.node())) {
                problems.add(new WiringProblem(source.node().where(), "the stream of '" + source.key()
                        + "' never reaches to(), send(), foreach() or handle(): its events would be acknowledged and dropped",
                        "end the chain with an operation that does something, or remove the stream"));
            }
        }
    }

    private static boolean reachesTerminal(GraphNode root) {
        Deque<GraphNode> todo = new ArrayDeque<>(List.of(root));
        Set<GraphNode> seen = new HashSet<>();
        while (!todo.isEmpty()) {
            GraphNode node = todo.poll();
            if (!seen.add(node)) continue;
            if (node.isTerminal()) return true;
            todo.addAll(node.children);
        }
        return false;
    }

    /** The definition when the key exists and has the expected kind; otherwise records why not. */
    private Optional<MessageDefinition> resolve(GraphNode node, String call, MessageKind expected, String key) {
        Optional<MessageDefinition> found = topology.message(key);
        if (found.isEmpty()) {
            Stream<String> candidates = (expected == MessageKind.EVENT ? topology.events() : topology.commands()).keySet().stream();
            String nearest = nearest(key, candidates).orElse(null);
            problems.add(new WiringProblem(node.where(), call + "(\"" + key + "\"): the topology" + from()
                    + " declares no " + expected.label() + " '" + key + "'",
                    nearest != null ? "did you mean '" + nearest + "'?"
                            : "declare it under " + (expected == MessageKind.EVENT ? "events" : "commands") + ": in the topology"));
            return Optional.empty();
        }
        MessageDefinition definition = found.get();
        if (definition.kind() != expected) {
            problems.add(new WiringProblem(node.where(), call + "(\"" + key + "\"): '" + key + "' is "
                    + article(definition.kind()) + ", not " + article(expected), kindHint(call, key)));
            return Optional.empty();
        }
        return found;
    }

    private static String kindHint(String call, String key) {
        return switch (call) {
            case "stream" -> "take a command from its worker queue with command(\"" + key + "\", Type.class)";
            case "command" -> "receive an event through the service's subscription with stream(\"" + key + "\", Type.class)";
            case "to" -> "send a command with send(\"" + key + "\")";
            case "branch" -> "branch by the key of an event the stream receives";
            default -> "publish an event with to(\"" + key + "\")";
        };
    }

    /**
     * Binds each example of the message to the declared type, refusing unknown properties unless the
     * type says it ignores them: an example that does not bind means the type and the schema disagree,
     * which would otherwise show up only when the first real message arrives.
     */
    private void checkExamples(GraphNode node, MessageDefinition definition, Class<?> type) {
        if (type == null || type == Object.class || JsonNode.class.isAssignableFrom(type)) return;
        ObjectReader strict = graph.payloads().readerFor(type).with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        List<JsonNode> examples = definition.examples();
        for (int i = 0; i < examples.size(); i++) {
            try {
                strict.readValue(examples.get(i));
            } catch (IOException e) {
                // one problem per call: the next examples usually fail for the same reason
                problems.add(new WiringProblem(node.where(), "example " + (i + 1) + " of " + definition.kind().label()
                        + " '" + definition.key() + "' does not bind to " + type.getName() + pointer(e) + ": "
                        + Payloads.reason(e),
                        "make " + type.getSimpleName() + " match the schema of '" + definition.key()
                                + "' (wire names are snake_case by default: a component mediaFile reads media_file), "
                                + "or annotate it with @JsonIgnoreProperties(ignoreUnknown = true) if it reads only part of the payload"));
                return;
            }
        }
    }

    private static String pointer(IOException e) {
        if (!(e instanceof JsonMappingException mapping) || mapping.getPath().isEmpty()) return "";
        StringBuilder text = new StringBuilder(" at ");
        for (JsonMappingException.Reference ref : mapping.getPath()) {
            text.append('/').append(ref.getFieldName() != null ? ref.getFieldName() : String.valueOf(ref.getIndex()));
        }
        return text.toString();
    }

    private String from() {
        return topology.source() == null ? "" : " (" + topology.source() + ")";
    }

    private static String article(MessageKind kind) {
        return kind == MessageKind.EVENT ? "an event" : "a command";
    }

    private static String quoted(List<String> values) {
        return values.stream().map(v -> "\"" + v + "\"").toList().toString();
    }

    /** {@code fireflies.transcript.completed} → {@code fireflies.transcript.*}. */
    private static String wildcard(String key) {
        int dot = key.lastIndexOf('.');
        return dot < 0 ? "#" : key.substring(0, dot) + ".*";
    }

    /** The closest candidate, when it is close enough to be a typo. */
    static Optional<String> nearest(String wanted, Stream<String> candidates) {
        return Suggestions.nearest(wanted, candidates.toList());
    }
}
