package dev.bloodbank.dsl;

/**
 * The commands of one key, taken from its worker queue by competing consumers. A command has
 * exactly one handler per application.
 */
public interface CommandStream<T> {

    void handle(Handler<? super T> handler);

    void handle(Handler<? super T> handler, Named named);
}
