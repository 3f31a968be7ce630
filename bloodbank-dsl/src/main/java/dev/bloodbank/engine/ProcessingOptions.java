package dev.bloodbank.engine;

import dev.bloodbank.envelope.Source;
import dev.bloodbank.flow.FlowListener;
import java.util.Objects;

/**
 * What a {@link QueueProcessor} needs besides its consumer: where handled ids are remembered,
 * who is told about each step, and the host written into the source of messages handlers publish.
 */
public record ProcessingOptions(DedupStore dedupStore, FlowListener listener, String sourceHost) {

    public ProcessingOptions {
        Objects.requireNonNull(dedupStore, "dedupStore");
        Objects.requireNonNull(listener, "listener");
        Objects.requireNonNull(sourceHost, "sourceHost");
    }

    /** A fresh in-memory dedup store with its default window, no listener, this machine's host name. */
    public static ProcessingOptions defaults() {
        return new ProcessingOptions(InMemoryDedupStore.withDefaults(), FlowListener.NO_OP, Source.localHost());
    }

    public ProcessingOptions withDedupStore(DedupStore dedupStore) {
        return new ProcessingOptions(dedupStore, listener, sourceHost);
    }

    public ProcessingOptions withListener(FlowListener listener) {
        return new ProcessingOptions(dedupStore, listener, sourceHost);
    }

    public ProcessingOptions withSourceHost(String sourceHost) {
        return new ProcessingOptions(dedupStore, listener, sourceHost);
    }
}
