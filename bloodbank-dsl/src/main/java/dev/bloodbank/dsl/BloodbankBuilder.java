package dev.bloodbank.dsl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.bloodbank.engine.BindingHandler;
import dev.bloodbank.engine.ConsumerSpec;
import dev.bloodbank.engine.MessageContext;
import dev.bloodbank.engine.MessageHandler;
import dev.bloodbank.engine.NonRetryable;
import dev.bloodbank.envelope.Envelope;
import dev.bloodbank.topology.MessageKind;
import dev.bloodbank.topology.QueueSettings;
import dev.bloodbank.topology.Topology;
import dev.bloodbank.topology.TopicPattern;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * Wires one service's handlers over a topology, in the manner of Kafka Streams' {@code StreamsBuilder}:
 *
 * <pre>{@code
 * var app = new BloodbankBuilder(topology, "transcript-processor");
 * app.stream("fireflies.transcript.completed", TranscriptCompleted.class)
 *    .filter(e -> e.payload().durationSeconds() > 60)
 *    .mapValues(t -> new ProcessTranscript(t.transcriptId()))
 *    .send("fireflies.transcript.process");
 * app.command("fireflies.transcript.process", ProcessTranscript.class)
 *    .handle((cmd, ctx) -> ctx.publish("fireflies.transcript.summarized", summarize(cmd)));
 * BloodbankApp built = app.build();   // checks everything against the topology
 * }</pre>
 *
 * The service is the name of a subscription: the events it streams arrive on that subscription's
 * queue; the commands it handles arrive on their own worker queues. The builder is not
 * thread-safe; {@link #build()} may be called more than once and each result is independent.
 */
public final class BloodbankBuilder {

    private final Topology topology;
    private final String service;
    private final Payloads payloads;
    private final List<GraphNode> nodes = new ArrayList<>();
    private final List<Source> sources = new ArrayList<>();
    private final List<Sink> sinks = new ArrayList<>();
    /** Branches by key ({@link BranchedStream#branch(EventType, java.util.function.Consumer)}): checked like sources. */
    private final List<Sink> typedBranches = new ArrayList<>();
    private final List<BranchedStreamImpl<?>> splits = new ArrayList<>();
    private final Set<Class<? extends Throwable>> nonRetryable = new LinkedHashSet<>();
    private final Map<GraphNode, Set<Class<? extends Throwable>>> commandNonRetryable = new IdentityHashMap<>();

    /** A service with the ecosystem's payload conventions ({@link Payloads#defaults()}). */
    public BloodbankBuilder(Topology topology, String service) {
        this(topology, service, Payloads.defaults());
    }

    public BloodbankBuilder(Topology topology, String service, Payloads payloads) {
        this.topology = Objects.requireNonNull(topology, "topology");
        this.service = Objects.requireNonNull(service, "service");
        this.payloads = Objects.requireNonNull(payloads, "payloads");
        if (service.isBlank()) throw new IllegalArgumentException("the service name is empty; use the name of a subscription of the topology");
    }

    /** The events of {@code eventKey}, as the service's subscription receives them, bound to {@code type}. */
    public <T> EventStream<T> stream(String eventKey, Class<T> type) {
        return stream(eventKey, type, null);
    }

    public <T> EventStream<T> stream(String eventKey, Class<T> type, Named named) {
        Objects.requireNonNull(eventKey, "eventKey");
        Objects.requireNonNull(type, "type");
        GraphNode node = append(null, "source", named, GraphNode.Role.SOURCE,
                "event: " + eventKey + " as " + type.getSimpleName(), Processor::fanOut);
        sources.add(new Source(node, MessageKind.EVENT, eventKey, type, false));
        return new EventStreamImpl<>(this, node, type);
    }

    /** The events of one key, bound to the payload class the key carries (a generated {@code Events} constant). */
    public <T> EventStream<T> stream(EventType<T> type) {
        return stream(type, null);
    }

    public <T> EventStream<T> stream(EventType<T> type, Named named) {
        Objects.requireNonNull(type, "type");
        return stream(type.key(), type.payloadType(), named);
    }

    /**
     * The events of every key of the topology that {@code pattern} matches ({@code *} one word,
     * {@code #} any number, as the broker matches them), each payload as the envelope's JSON.
     * Keys this service streams by name, with {@link #stream(EventType)} or
     * {@link #stream(String, Class)}, go there instead: so a pattern stream is the fallback of a
     * dispatch by key. The keys are resolved against the topology at {@link #build()}.
     */
    public EventStream<JsonNode> stream(String pattern) {
        return stream(pattern, (Named) null);
    }

    public EventStream<JsonNode> stream(String pattern, Named named) {
        Objects.requireNonNull(pattern, "pattern");
        GraphNode node = append(null, "source", named, GraphNode.Role.SOURCE,
                "events: " + pattern + " as JsonNode", Processor::fanOut);
        sources.add(new Source(node, MessageKind.EVENT, pattern, JsonNode.class, true));
        return new EventStreamImpl<>(this, node, JsonNode.class);
    }

    /** The commands of one key, bound to the payload class the key carries (a generated {@code Commands} constant). */
    public <T> CommandStream<T> command(CommandType<T> type) {
        return command(type, null);
    }

    public <T> CommandStream<T> command(CommandType<T> type, Named named) {
        Objects.requireNonNull(type, "type");
        return command(type.key(), type.payloadType(), named);
    }

    /** The commands of {@code commandKey}, taken from their worker queue, bound to {@code type}. */
    public <T> CommandStream<T> command(String commandKey, Class<T> type) {
        return command(commandKey, type, null);
    }

    public <T> CommandStream<T> command(String commandKey, Class<T> type, Named named) {
        Objects.requireNonNull(commandKey, "commandKey");
        Objects.requireNonNull(type, "type");
        GraphNode node = append(null, "command", named, GraphNode.Role.SOURCE,
                "command: " + commandKey + " as " + type.getSimpleName(), Processor::fanOut);
        sources.add(new Source(node, MessageKind.COMMAND, commandKey, type, false));
        return new CommandStreamImpl<>(this, node);
    }

    /**
     * Exceptions of these types (and their subtypes) dead-letter the message at once instead of
     * being retried: retrying cannot fix them. {@link NonRetryable} always behaves so.
     */
    @SafeVarargs
    public final BloodbankBuilder nonRetryable(Class<? extends Throwable>... types) {
        for (Class<? extends Throwable> type : types) nonRetryable.add(Objects.requireNonNull(type, "type"));
        return this;
    }

    /**
     * Checks the wiring against the topology and makes the runnable application.
     *
     * @throws WiringException listing every problem found, each with where it was written and how to fix it
     */
    public BloodbankApp build() {
        Graph graph = new Graph(topology, service, payloads, List.copyOf(nodes), List.copyOf(sources), List.copyOf(sinks),
                List.copyOf(typedBranches), splits.stream().filter(s -> !s.hasBranches()).map(BranchedStreamImpl::node).toList());
        List<WiringProblem> problems = new WiringChecks(graph).run();
        if (!problems.isEmpty()) throw new WiringException(service, problems);
        return assemble();
    }

    // ---- graph building, called by the stream classes ------------------------------------------------------

    GraphNode append(GraphNode parent, String operator, Named named, GraphNode.Role role, String detail,
                     Function<Processor[], Processor> factory) {
        int index = nodes.size();
        String name = named == null ? operator + "-" + index : named.name();
        GraphNode node = new GraphNode(index, name, operator, role, detail, CallSite.here(), factory);
        nodes.add(node);
        if (parent != null) parent.addChild(node);
        return node;
    }

    GraphNode appendNamed(GraphNode parent, String operator, String name, Function<Processor[], Processor> factory) {
        return append(parent, operator, Named.as(name), GraphNode.Role.PROCESSOR, null, factory);
    }

    @SuppressWarnings("unchecked")
    void appendHandler(GraphNode parent, Handler<?> handler, Named named) {
        Objects.requireNonNull(handler, "handler");
        Handler<Object> run = (Handler<Object>) handler;
        append(parent, "handle", named, GraphNode.Role.PROCESSOR, null,
                children -> (event, context) -> run.handle(event.payload(), context));
    }

    /**
     * @param declared the payload class the sink's key carries when the call named it (a typed key),
     *     or null; the check at build() uses the class the chain knows, else this one
     */
    void appendSink(EventStreamImpl<?> stream, MessageKind kind, String key, Class<?> declared, Named named) {
        Objects.requireNonNull(key, kind == MessageKind.EVENT ? "eventKey" : "commandKey");
        String operator = kind == MessageKind.EVENT ? "to" : "send";
        GraphNode node = append(stream.node, operator, named, GraphNode.Role.SINK, kind.label() + ": " + key,
                children -> kind == MessageKind.EVENT
                        ? (event, context) -> context.publish(key, event.payload())
                        : (event, context) -> context.send(key, event.payload()));
        sinks.add(new Sink(node, kind, key, stream.type != null ? stream.type : declared));
    }

    /** A node that binds each payload (as JSON) to {@code type}, as a source binds it; for typed branches. */
    GraphNode appendBinding(GraphNode parent, Class<?> type) {
        return append(parent, "bind", null, GraphNode.Role.PROCESSOR, "as " + type.getSimpleName(), children -> {
            Processor next = Processor.fanOut(children);
            if (JsonNode.class.isAssignableFrom(type)) {
                return (event, context) -> next.process(event.withPayload(payloads.tree(event.payload())), context);
            }
            ObjectReader reader = payloads.readerFor(type);
            return (event, context) -> {
                JsonNode tree = payloads.tree(event.payload());
                next.process(event.withPayload(bind(reader, tree, event.envelope(), type)), context);
            };
        });
    }

    void registerTypedBranch(GraphNode node, String key, Class<?> type) {
        typedBranches.add(new Sink(node, MessageKind.EVENT, key, type));
    }

    void nonRetryable(GraphNode commandSource, Class<? extends Throwable> type) {
        commandNonRetryable.computeIfAbsent(commandSource, s -> new LinkedHashSet<>()).add(type);
    }

    void registerSplit(BranchedStreamImpl<?> split) {
        splits.add(split);
    }

    // ---- assembly ---------------------------------------------------------------------------------------------

    private BloodbankApp assemble() {
        Map<GraphNode, Processor> processors = new IdentityHashMap<>();
        Map<String, MessageHandler> subscriptionHandlers = new LinkedHashMap<>();
        List<GraphNode> subscriptionSources = new ArrayList<>();
        List<ConsumerSpec> consumers = new ArrayList<>();
        List<Describer.Queue> queues = new ArrayList<>();
        for (Source source : sources) {
            if (source.kind() != MessageKind.EVENT || source.pattern()) continue;
            subscriptionHandlers.put(source.key(), handler(source, processor(source.node(), processors)));
            subscriptionSources.add(source.node());
        }
        for (Source source : sources) {
            if (!source.pattern()) continue;
            MessageHandler handler = handler(source, processor(source.node(), processors));
            for (String key : patternKeys(topology, service, sources, source)) subscriptionHandlers.put(key, handler);
            subscriptionSources.add(source.node());
        }
        if (!subscriptionHandlers.isEmpty()) {
            QueueSettings queue = topology.subscription(service).orElseThrow().queue();
            consumers.add(new ConsumerSpec(service, queue, subscriptionHandlers, nonRetryable));
            queues.add(new Describer.Queue(queue.queue(), subscriptionSources));
        }
        for (Source source : sources) {
            if (source.kind() != MessageKind.COMMAND) continue;
            MessageHandler handler = handler(source, processor(source.node(), processors));
            QueueSettings queue = topology.command(source.key()).orElseThrow().worker();
            Set<Class<? extends Throwable>> refused = new LinkedHashSet<>(nonRetryable);
            refused.addAll(commandNonRetryable.getOrDefault(source.node(), Set.of()));
            consumers.add(new ConsumerSpec(service, queue, Map.of(source.key(), handler), refused));
            queues.add(new Describer.Queue(queue.queue(), List.of(source.node())));
        }
        return new BloodbankApp(topology, service, consumers, Describer.describe(service, queues), payloads);
    }

    /**
     * The events a pattern source takes: those of the topology it matches that the service's
     * subscription receives (all it matches when there is no subscription, which the checks
     * report) and that no source streams by name.
     */
    static List<String> patternKeys(Topology topology, String service, List<Source> sources, Source pattern) {
        Set<String> named = new HashSet<>();
        for (Source source : sources) if (source.kind() == MessageKind.EVENT && !source.pattern()) named.add(source.key());
        var subscription = topology.subscription(service);
        return topology.events().keySet().stream()
                .filter(key -> TopicPattern.matches(pattern.key(), key) && !named.contains(key))
                .filter(key -> subscription.isEmpty() || subscription.get().receives(key))
                .toList();
    }

    /** Children first, each node once: a merge node reached from two parents gets one processor. */
    private static Processor processor(GraphNode node, Map<GraphNode, Processor> made) {
        Processor existing = made.get(node);
        if (existing != null) return existing;
        Processor[] children = new Processor[node.children.size()];
        for (int i = 0; i < children.length; i++) children[i] = processor(node.children.get(i), made);
        Processor processor = node.factory.apply(children);
        made.put(node, processor);
        return processor;
    }

    /** The engine's handler for one key: bind the payload with the reader made here, once, then run the chain. */
    private MessageHandler handler(Source source, Processor entry) {
        Class<?> type = source.type();
        if (JsonNode.class.isAssignableFrom(type)) {
            return (envelope, context) -> entry.process(new Event<>(envelope, envelope.payload()),
                    new BoundContext(context, payloads, topology));
        }
        return new Typed(payloads.readerFor(type), type, entry, payloads, topology);
    }

    /**
     * The engine's handler for a key bound to a Java type: the engine binds and checks the payload in
     * one pass and hands the value over, or asks it to bind the payload's tree itself.
     */
    private record Typed(ObjectReader reader, Class<?> type, Processor entry, Payloads payloads, Topology topology)
            implements BindingHandler {

        @Override
        public void handle(Envelope envelope, Object payload, MessageContext context) throws Exception {
            entry.process(new Event<>(envelope, payload), new BoundContext(context, payloads, topology));
        }

        @Override
        public void handle(Envelope envelope, MessageContext context) throws Exception {
            handle(envelope, bind(reader, envelope.payload(), envelope, type), context);
        }
    }

    private static Object bind(ObjectReader reader, JsonNode payload, Envelope envelope, Class<?> type) {
        try {
            return reader.readValue(payload);
        } catch (IOException e) {
            // the payload passed its schema but not the Java type: the same happens on every attempt
            throw new NonRetryable("payload of " + envelope.eventType() + " " + envelope.eventId()
                    + " does not bind to " + type.getName() + ": " + Payloads.reason(e), e);
        }
    }

    /** A stream(...) or command(...) call; {@code pattern} when the key is a pattern over event keys. */
    record Source(GraphNode node, MessageKind kind, String key, Class<?> type, boolean pattern) {}

    /** A to(...) or send(...) call, with the payload class when the chain still knows it. */
    record Sink(GraphNode node, MessageKind kind, String key, Class<?> type) {}

    /** What the checks read: the graph as written. */
    record Graph(Topology topology, String service, Payloads payloads, List<GraphNode> nodes, List<Source> sources,
                 List<Sink> sinks, List<Sink> typedBranches, List<GraphNode> emptySplits) {}
}
