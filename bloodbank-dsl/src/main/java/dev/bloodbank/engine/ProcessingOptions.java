package dev.bloodbank.engine;

import dev.bloodbank.envelope.Source;
import dev.bloodbank.flow.FlowListener;
import java.time.Clock;
import java.util.Objects;

/**
 * What a {@link QueueProcessor} needs besides its consumer: where handled ids are remembered,
 * who is told about each step, the host written into the source of messages handlers publish,
 * and the clock that stamps them (the system's, or the test driver's virtual one).
 */
public record ProcessingOptions(DedupStore dedupStore, FlowListener listener, String sourceHost, Clock clock) {

    public ProcessingOptions {
        Objects.requireNonNull(dedupStore, "dedupStore");
        Objects.requireNonNull(listener, "listener");
        Objects.requireNonNull(sourceHost, "sourceHost");
        Objects.requireNonNull(clock, "clock");
    }

    /** Options on the system clock. */
    public ProcessingOptions(DedupStore dedupStore, FlowListener listener, String sourceHost) {
        this(dedupStore, listener, sourceHost, Clock.systemUTC());
    }

    /** A fresh in-memory dedup store with its default window, no listener, this machine's host name. */
    public static ProcessingOptions defaults() {
        return new ProcessingOptions(InMemoryDedupStore.withDefaults(), FlowListener.NO_OP, Source.localHost());
    }

    public ProcessingOptions withDedupStore(DedupStore dedupStore) {
        return new ProcessingOptions(dedupStore, listener, sourceHost, clock);
    }

    public ProcessingOptions withListener(FlowListener listener) {
        return new ProcessingOptions(dedupStore, listener, sourceHost, clock);
    }

    public ProcessingOptions withSourceHost(String sourceHost) {
        return new ProcessingOptions(dedupStore, listener, sourceHost, clock);
    }

    /** Options whose published envelopes and consume latencies read {@code clock}. */
    public ProcessingOptions withClock(Clock clock) {
        return new ProcessingOptions(dedupStore, listener, sourceHost, clock);
    }
}
