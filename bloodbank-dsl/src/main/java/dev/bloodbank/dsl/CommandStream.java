package dev.bloodbank.dsl;

/**
 * The commands of one key, taken from its worker queue by competing consumers. A command has
 * exactly one handler per application.
 */
public interface CommandStream<T> {

    /**
     * Exceptions of these types dead-letter this command at once, in addition to the builder's
     * {@link BloodbankBuilder#nonRetryable}: each command has its own worker queue, so the rule
     * can be its own.
     */
    @SuppressWarnings("unchecked")
    CommandStream<T> nonRetryable(Class<? extends Throwable>... types);

    void handle(Handler<? super T> handler);

    void handle(Handler<? super T> handler, Named named);
}
