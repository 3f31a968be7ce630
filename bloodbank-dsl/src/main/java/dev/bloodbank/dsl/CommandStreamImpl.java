package dev.bloodbank.dsl;

import java.util.Objects;

/** The source node of one command; {@code handle} appends its only handler. */
final class CommandStreamImpl<T> implements CommandStream<T> {

    private final BloodbankBuilder builder;
    final GraphNode source;

    CommandStreamImpl(BloodbankBuilder builder, GraphNode source) {
        this.builder = builder;
        this.source = source;
    }

    @Override
    @SafeVarargs
    public final CommandStream<T> nonRetryable(Class<? extends Throwable>... types) {
        for (Class<? extends Throwable> type : types) builder.nonRetryable(source, Objects.requireNonNull(type, "type"));
        return this;
    }

    @Override
    public void handle(Handler<? super T> handler) {
        handle(handler, null);
    }

    @Override
    public void handle(Handler<? super T> handler, Named named) {
        Objects.requireNonNull(handler, "handler");
        builder.appendHandler(source, handler, named);
    }
}
