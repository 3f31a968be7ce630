package dev.bloodbank.dsl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.bloodbank.engine.ConsumerSpec;
import dev.bloodbank.engine.MessageHandler;
import dev.bloodbank.engine.NonRetryable;
import dev.bloodbank.envelope.Envelope;
import dev.bloodbank.topology.MessageKind;
import dev.bloodbank.topology.QueueSettings;
import dev.bloodbank.topology.Topology;
import java.io.IOException;
import java.util.ArrayList;
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
        sources.add(new Source(node, MessageKind.EVENT, eventKey, type));
        return new EventStreamImpl<>(this, node, type);
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
        sources.add(new Source(node, MessageKind.COMMAND, commandKey, type));
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
                splits.stream().filter(s -> !s.hasBranches()).map(BranchedStreamImpl::node).toList());
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

    void appendSink(EventStreamImpl<?> stream, MessageKind kind, String key, Named named) {
        Objects.requireNonNull(key, kind == MessageKind.EVENT ? "eventKey" : "commandKey");
        String operator = kind == MessageKind.EVENT ? "to" : "send";
        GraphNode node = append(stream.node, operator, named, GraphNode.Role.SINK, kind.label() + ": " + key,
                children -> kind == MessageKind.EVENT
                        ? (event, context) -> context.publish(key, event.payload())
                        : (event, context) -> context.send(key, event.payload()));
        sinks.add(new Sink(node, kind, key, stream.type));
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
            if (source.kind() != MessageKind.EVENT) continue;
            subscriptionHandlers.put(source.key(), handler(source, processor(source.node(), processors)));
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
        ObjectReader reader = payloads.readerFor(type);
        return (envelope, context) -> entry.process(new Event<>(envelope, bind(reader, envelope, type)),
                new BoundContext(context, payloads, topology));
    }

    private static Object bind(ObjectReader reader, Envelope envelope, Class<?> type) {
        try {
            return reader.readValue(envelope.payload());
        } catch (IOException e) {
            // the payload passed its schema but not the Java type: the same happens on every attempt
            throw new NonRetryable("payload of " + envelope.eventType() + " " + envelope.eventId()
                    + " does not bind to " + type.getName() + ": " + Payloads.reason(e), e);
        }
    }

    /** A stream(...) or command(...) call. */
    record Source(GraphNode node, MessageKind kind, String key, Class<?> type) {}

    /** A to(...) or send(...) call, with the payload class when the chain still knows it. */
    record Sink(GraphNode node, MessageKind kind, String key, Class<?> type) {}

    /** What the checks read: the graph as written. */
    record Graph(Topology topology, String service, Payloads payloads, List<GraphNode> nodes, List<Source> sources,
                 List<Sink> sinks, List<GraphNode> emptySplits) {}
}
