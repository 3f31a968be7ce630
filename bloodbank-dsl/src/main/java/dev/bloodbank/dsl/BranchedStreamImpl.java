package dev.bloodbank.dsl;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The split node and its branch nodes. Branch predicates are collected as branches are added; the
 * split's processor reads them when the application is built, so the order written is the order tried.
 */
final class BranchedStreamImpl<T> implements BranchedStream<T> {

    private final EventStreamImpl<T> parent;
    private final GraphNode split;
    private final String prefix;
    private final List<Predicate<Event<Object>>> predicates = new ArrayList<>();
    private final Map<String, EventStream<T>> outputs = new LinkedHashMap<>();
    private boolean withDefault;
    private boolean ended;

    BranchedStreamImpl(EventStreamImpl<T> parent, Named named) {
        this.parent = parent;
        this.split = parent.builder.append(parent.node, "split", named, GraphNode.Role.PROCESSOR, null, this::processor);
        this.prefix = named == null ? split.name + "-" : named.name();
        parent.builder.registerSplit(this);
    }

    @Override
    public BranchedStream<T> branch(Predicate<? super Event<T>> predicate) {
        return branch(predicate, null);
    }

    @Override
    @SuppressWarnings("unchecked")
    public BranchedStream<T> branch(Predicate<? super Event<T>> predicate, Branched<T> branched) {
        Objects.requireNonNull(predicate, "predicate");
        requireOpen("branch");
        predicates.add((Predicate<Event<Object>>) (Predicate<?>) predicate);
        addBranch(branched, String.valueOf(predicates.size()));
        return this;
    }

    @Override
    public <R> BranchedStream<T> branch(EventType<R> eventType, Consumer<? super EventStream<R>> chain) {
        Objects.requireNonNull(eventType, "eventType");
        Objects.requireNonNull(chain, "chain");
        requireOpen("branch");
        String key = eventType.key();
        predicates.add(event -> key.equals(event.key()));
        BloodbankBuilder builder = parent.builder;
        GraphNode branch = builder.appendNamed(split, "branch", prefix + key, Processor::fanOut);
        GraphNode bound = builder.appendBinding(branch, eventType.payloadType());
        builder.registerTypedBranch(bound, key, eventType.payloadType());
        chain.accept(new EventStreamImpl<>(builder, bound, eventType.payloadType()));
        return this;
    }

    @Override
    public Map<String, EventStream<T>> defaultBranch() {
        return defaultBranch(null);
    }

    @Override
    public Map<String, EventStream<T>> defaultBranch(Branched<T> branched) {
        requireOpen("defaultBranch");
        withDefault = true;
        addBranch(branched, "0");
        return end();
    }

    @Override
    public Map<String, EventStream<T>> noDefaultBranch() {
        requireOpen("noDefaultBranch");
        return end();
    }

    GraphNode node() {
        return split;
    }

    boolean hasBranches() {
        return !split.children.isEmpty();
    }

    private void addBranch(Branched<T> branched, String position) {
        String name = prefix + (branched == null || branched.name() == null ? position : branched.name());
        GraphNode node = parent.builder.appendNamed(split, "branch", name, Processor::fanOut);
        EventStreamImpl<T> stream = new EventStreamImpl<>(parent.builder, node, parent.type);
        if (branched != null && branched.chain() != null) branched.chain().accept(stream);
        else outputs.put(name, stream);
    }

    private Map<String, EventStream<T>> end() {
        ended = true;
        return Collections.unmodifiableMap(new LinkedHashMap<>(outputs));
    }

    private void requireOpen(String call) {
        if (ended) throw new IllegalStateException(call + "() on split '" + split.name
                + "' after defaultBranch() or noDefaultBranch() ended it; add every branch before ending the split");
    }

    private Processor processor(Processor[] children) {
        List<Predicate<Event<Object>>> tests = List.copyOf(predicates);
        int branches = tests.size();
        Processor fallback = withDefault ? children[branches] : null;
        return (event, context) -> {
            for (int i = 0; i < branches; i++) {
                if (tests.get(i).test(event)) {
                    children[i].process(event, context);
                    return;
                }
            }
            if (fallback != null) fallback.process(event, context);
        };
    }
}
