package dev.bloodbank.dsl;

import java.util.Map;
import java.util.function.Predicate;

/**
 * The branches of a {@link EventStream#split()}. Predicates are tried in the order the branches
 * were added; an event goes to the first match only. Ending with {@link #defaultBranch()} catches
 * the rest; {@link #noDefaultBranch()} lets events that match no branch go (they are acknowledged).
 */
public interface BranchedStream<T> {

    /** A branch named by its position (1, 2, …) after the split's name. */
    BranchedStream<T> branch(Predicate<? super Event<T>> predicate);

    BranchedStream<T> branch(Predicate<? super Event<T>> predicate, Branched<T> branched);

    /**
     * A branch for the events of one key, bound to the key's payload class and handed to
     * {@code chain}; named after the split and the key. With a pattern stream this dispatches by
     * key to typed chains: {@code stream("github.pull-request.*").split().branch(Events.PR_OPENED, s -> ...)}.
     */
    <R> BranchedStream<T> branch(EventType<R> eventType, java.util.function.Consumer<? super EventStream<R>> chain);

    /** Ends the split with a branch (position 0) for events that match no other branch. */
    Map<String, EventStream<T>> defaultBranch();

    Map<String, EventStream<T>> defaultBranch(Branched<T> branched);

    /** Ends the split; events that match no branch are dropped. */
    Map<String, EventStream<T>> noDefaultBranch();
}
