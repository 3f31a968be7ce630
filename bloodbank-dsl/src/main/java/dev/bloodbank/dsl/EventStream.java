package dev.bloodbank.dsl;

import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A stream of consumed events with payloads of type {@code T}. Every operator appends one node to
 * the application's graph and returns a new stream; nothing runs until the built application is
 * started (on RabbitMQ, or in the test driver). Each operator has a form that takes a
 * {@link Named} to replace its generated name.
 */
public interface EventStream<T> {

    /** Keeps the events that match. */
    EventStream<T> filter(Predicate<? super Event<T>> predicate);

    EventStream<T> filter(Predicate<? super Event<T>> predicate, Named named);

    /** Keeps the events that do not match. */
    EventStream<T> filterNot(Predicate<? super Event<T>> predicate);

    EventStream<T> filterNot(Predicate<? super Event<T>> predicate, Named named);

    /** Replaces each payload; the envelope of the consumed event stays. */
    <R> EventStream<R> mapValues(Function<? super T, ? extends R> mapper);

    <R> EventStream<R> mapValues(Function<? super T, ? extends R> mapper, Named named);

    /**
     * Replaces each payload with a value of {@code type}. Naming the class keeps the chain's type
     * known, so {@code to("key")} and {@code send("key")} further down check it against the key's
     * examples at {@link BloodbankBuilder#build()}.
     */
    <R> EventStream<R> mapValues(Function<? super T, ? extends R> mapper, Class<R> type);

    <R> EventStream<R> mapValues(Function<? super T, ? extends R> mapper, Class<R> type, Named named);

    /**
     * The escape hatch, like Kafka Streams' {@code processValues}: the processor sees each payload
     * with the per-message context (publish, send, headers, attempt) and returns zero or more
     * payloads, which go on down the chain in iteration order. Throwing fails the message as a
     * handler does.
     */
    <R> EventStream<R> processValues(ValueProcessor<? super T, ? extends R> processor);

    <R> EventStream<R> processValues(ValueProcessor<? super T, ? extends R> processor, Named named);

    /** Replaces each payload with zero or more payloads, forwarded in iteration order. */
    <R> EventStream<R> flatMapValues(Function<? super T, ? extends Iterable<? extends R>> mapper);

    <R> EventStream<R> flatMapValues(Function<? super T, ? extends Iterable<? extends R>> mapper, Named named);

    /** Runs an action on each event and forwards it unchanged (logging, counting). */
    EventStream<T> peek(Consumer<? super Event<T>> action);

    EventStream<T> peek(Consumer<? super Event<T>> action, Named named);

    /** Runs an action on each event; ends the chain. */
    void foreach(Consumer<? super Event<T>> action);

    void foreach(Consumer<? super Event<T>> action, Named named);

    /** Handles each payload with the per-message context (publish, send, headers); ends the chain. */
    void handle(Handler<? super T> handler);

    void handle(Handler<? super T> handler, Named named);

    /**
     * Routes each event to the first branch whose predicate matches, or to the default branch.
     * Branch names are the split's name followed by the branch's name or position.
     */
    BranchedStream<T> split();

    BranchedStream<T> split(Named named);

    /** The events of both streams, in the order they are consumed. Both must come from the same builder. */
    EventStream<T> merge(EventStream<T> other);

    EventStream<T> merge(EventStream<T> other, Named named);

    /** Publishes each payload as the event {@code eventKey}; ends the chain. */
    void to(String eventKey);

    void to(String eventKey, Named named);

    /** Publishes each payload as the event of this typed key: a payload of another type does not compile. */
    void to(EventType<? super T> eventType);

    void to(EventType<? super T> eventType, Named named);

    /** Sends each payload as the command of this typed key: a payload of another type does not compile. */
    void send(CommandType<? super T> commandType);

    void send(CommandType<? super T> commandType, Named named);

    /** Sends each payload as the command {@code commandKey} to its worker queue; ends the chain. */
    void send(String commandKey);

    void send(String commandKey, Named named);
}
