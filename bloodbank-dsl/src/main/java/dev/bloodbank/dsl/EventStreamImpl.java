package dev.bloodbank.dsl;

import dev.bloodbank.topology.MessageKind;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A position in the graph: the node whose output this stream is. Operators append a node below it
 * and return a stream over the new node; {@code type} is the payload class while it is known (an
 * untyped {@code mapValues} loses it, {@code mapValues(fn, Type.class)} names it), so that
 * {@code to()} can check it against the target's examples.
 */
final class EventStreamImpl<T> implements EventStream<T> {

    final BloodbankBuilder builder;
    final GraphNode node;
    final Class<?> type;

    EventStreamImpl(BloodbankBuilder builder, GraphNode node, Class<?> type) {
        this.builder = builder;
        this.node = node;
        this.type = type;
    }

    @Override
    public EventStream<T> filter(Predicate<? super Event<T>> predicate) {
        return filter(predicate, null);
    }

    @Override
    public EventStream<T> filter(Predicate<? super Event<T>> predicate, Named named) {
        return filtering("filter", predicate, named, false);
    }

    @Override
    public EventStream<T> filterNot(Predicate<? super Event<T>> predicate) {
        return filterNot(predicate, null);
    }

    @Override
    public EventStream<T> filterNot(Predicate<? super Event<T>> predicate, Named named) {
        return filtering("filter-not", predicate, named, true);
    }

    @SuppressWarnings("unchecked")
    private EventStream<T> filtering(String operator, Predicate<? super Event<T>> predicate, Named named, boolean negate) {
        Objects.requireNonNull(predicate, "predicate");
        Predicate<Event<Object>> test = (Predicate<Event<Object>>) (Predicate<?>) predicate;
        GraphNode child = builder.append(node, operator, named, GraphNode.Role.PROCESSOR, null, children -> {
            Processor next = Processor.fanOut(children);
            return negate
                    ? (event, context) -> { if (!test.test(event)) next.process(event, context); }
                    : (event, context) -> { if (test.test(event)) next.process(event, context); };
        });
        return new EventStreamImpl<>(builder, child, type);
    }

    @Override
    public <R> EventStream<R> mapValues(Function<? super T, ? extends R> mapper) {
        return mapValues(mapper, (Named) null);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <R> EventStream<R> mapValues(Function<? super T, ? extends R> mapper, Named named) {
        Objects.requireNonNull(mapper, "mapper");
        Function<Object, Object> map = (Function<Object, Object>) mapper;
        GraphNode child = builder.append(node, "map-values", named, GraphNode.Role.PROCESSOR, null, children -> {
            Processor next = Processor.fanOut(children);
            return (event, context) -> next.process(event.withPayload(map.apply(event.payload())), context);
        });
        return new EventStreamImpl<>(builder, child, null);
    }

    @Override
    public <R> EventStream<R> mapValues(Function<? super T, ? extends R> mapper, Class<R> type) {
        return mapValues(mapper, type, null);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <R> EventStream<R> mapValues(Function<? super T, ? extends R> mapper, Class<R> type, Named named) {
        Objects.requireNonNull(type, "type");
        EventStreamImpl<R> mapped = (EventStreamImpl<R>) mapValues(mapper, named);
        return new EventStreamImpl<>(builder, mapped.node, type);
    }

    @Override
    public <R> EventStream<R> processValues(ValueProcessor<? super T, ? extends R> processor) {
        return processValues(processor, null);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <R> EventStream<R> processValues(ValueProcessor<? super T, ? extends R> processor, Named named) {
        Objects.requireNonNull(processor, "processor");
        ValueProcessor<Object, Object> run = (ValueProcessor<Object, Object>) processor;
        GraphNode child = builder.append(node, "process-values", named, GraphNode.Role.PROCESSOR, null, children -> {
            Processor next = Processor.fanOut(children);
            return (event, context) -> {
                Iterable<?> values = run.process(event.payload(), context);
                if (values == null) return;
                for (Object value : values) next.process(event.withPayload(value), context);
            };
        });
        return new EventStreamImpl<>(builder, child, null);
    }

    @Override
    public <R> EventStream<R> flatMapValues(Function<? super T, ? extends Iterable<? extends R>> mapper) {
        return flatMapValues(mapper, null);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <R> EventStream<R> flatMapValues(Function<? super T, ? extends Iterable<? extends R>> mapper, Named named) {
        Objects.requireNonNull(mapper, "mapper");
        Function<Object, Iterable<?>> map = (Function<Object, Iterable<?>>) (Function<?, ?>) mapper;
        GraphNode child = builder.append(node, "flat-map-values", named, GraphNode.Role.PROCESSOR, null, children -> {
            Processor next = Processor.fanOut(children);
            return (event, context) -> {
                Iterable<?> values = map.apply(event.payload());
                if (values == null) return;
                for (Object value : values) next.process(event.withPayload(value), context);
            };
        });
        return new EventStreamImpl<>(builder, child, null);
    }

    @Override
    public EventStream<T> peek(Consumer<? super Event<T>> action) {
        return peek(action, null);
    }

    @Override
    @SuppressWarnings("unchecked")
    public EventStream<T> peek(Consumer<? super Event<T>> action, Named named) {
        Objects.requireNonNull(action, "action");
        Consumer<Event<Object>> run = (Consumer<Event<Object>>) (Consumer<?>) action;
        GraphNode child = builder.append(node, "peek", named, GraphNode.Role.PROCESSOR, null, children -> {
            Processor next = Processor.fanOut(children);
            return (event, context) -> {
                run.accept(event);
                next.process(event, context);
            };
        });
        return new EventStreamImpl<>(builder, child, type);
    }

    @Override
    public void foreach(Consumer<? super Event<T>> action) {
        foreach(action, null);
    }

    @Override
    @SuppressWarnings("unchecked")
    public void foreach(Consumer<? super Event<T>> action, Named named) {
        Objects.requireNonNull(action, "action");
        Consumer<Event<Object>> run = (Consumer<Event<Object>>) (Consumer<?>) action;
        builder.append(node, "foreach", named, GraphNode.Role.PROCESSOR, null,
                children -> (event, context) -> run.accept(event));
    }

    @Override
    public void handle(Handler<? super T> handler) {
        handle(handler, null);
    }

    @Override
    public void handle(Handler<? super T> handler, Named named) {
        builder.appendHandler(node, handler, named);
    }

    @Override
    public BranchedStream<T> split() {
        return split(null);
    }

    @Override
    public BranchedStream<T> split(Named named) {
        return new BranchedStreamImpl<>(this, named);
    }

    @Override
    public EventStream<T> merge(EventStream<T> other) {
        return merge(other, null);
    }

    @Override
    public EventStream<T> merge(EventStream<T> other, Named named) {
        Objects.requireNonNull(other, "other");
        if (!(other instanceof EventStreamImpl<T> that) || that.builder != builder)
            throw new IllegalArgumentException("merge: the other stream comes from another BloodbankBuilder; "
                    + "streams can only be merged within one application");
        GraphNode merged = builder.append(node, "merge", named, GraphNode.Role.PROCESSOR, null, Processor::fanOut);
        that.node.addChild(merged);
        Class<?> mergedType = Objects.equals(type, that.type) ? type : null;
        return new EventStreamImpl<>(builder, merged, mergedType);
    }

    @Override
    public void to(String eventKey) {
        to(eventKey, null);
    }

    @Override
    public void to(String eventKey, Named named) {
        builder.appendSink(this, MessageKind.EVENT, eventKey, null, named);
    }

    @Override
    public void send(String commandKey) {
        send(commandKey, null);
    }

    @Override
    public void send(String commandKey, Named named) {
        builder.appendSink(this, MessageKind.COMMAND, commandKey, null, named);
    }

    @Override
    public void to(EventType<? super T> eventType) {
        to(eventType, null);
    }

    @Override
    public void to(EventType<? super T> eventType, Named named) {
        Objects.requireNonNull(eventType, "eventType");
        builder.appendSink(this, MessageKind.EVENT, eventType.key(), eventType.payloadType(), named);
    }

    @Override
    public void send(CommandType<? super T> commandType) {
        send(commandType, null);
    }

    @Override
    public void send(CommandType<? super T> commandType, Named named) {
        Objects.requireNonNull(commandType, "commandType");
        builder.appendSink(this, MessageKind.COMMAND, commandType.key(), commandType.payloadType(), named);
    }
}
