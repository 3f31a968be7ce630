package dev.bloodbank.dsl;

import java.util.Objects;
import java.util.function.Consumer;

/**
 * How one branch of a split is named and wired. A branch wired with a consumer is built in place
 * and left out of the map the split returns; any other branch is in the map under its full name.
 */
public final class Branched<T> {

    private final String name;
    private final Consumer<? super EventStream<T>> chain;

    private Branched(String name, Consumer<? super EventStream<T>> chain) {
        this.name = name;
        this.chain = chain;
    }

    /** A branch with this name (appended to the split's name). */
    public static <T> Branched<T> as(String name) {
        Named.as(name);
        return new Branched<>(name, null);
    }

    /** A branch wired in place by {@code chain}, named by its position. */
    public static <T> Branched<T> withConsumer(Consumer<? super EventStream<T>> chain) {
        return new Branched<>(null, Objects.requireNonNull(chain, "chain"));
    }

    /** A named branch wired in place by {@code chain}. */
    public static <T> Branched<T> withConsumer(Consumer<? super EventStream<T>> chain, String name) {
        Named.as(name);
        return new Branched<>(name, Objects.requireNonNull(chain, "chain"));
    }

    String name() {
        return name;
    }

    Consumer<? super EventStream<T>> chain() {
        return chain;
    }
}
