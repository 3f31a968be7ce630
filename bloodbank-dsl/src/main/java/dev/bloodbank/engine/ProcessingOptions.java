package dev.bloodbank.engine;

import dev.bloodbank.envelope.Source;
import dev.bloodbank.flow.FlowListener;
import dev.bloodbank.schema.SchemaVersions;
import java.time.Clock;
import java.util.Objects;

/**
 * What a {@link QueueProcessor} needs besides its consumer: where handled ids are remembered,
 * who is told about each step, the host written into the source of messages handlers publish,
 * the clock that stamps them (the system's, or the test driver's virtual one), and the schema
 * versions deliveries are validated against ({@link SchemaVersions#NONE}: the current schema).
 */
public record ProcessingOptions(DedupStore dedupStore, FlowListener listener, String sourceHost, Clock clock,
        SchemaVersions schemaVersions) {

    public ProcessingOptions {
        Objects.requireNonNull(dedupStore, "dedupStore");
        Objects.requireNonNull(listener, "listener");
        Objects.requireNonNull(sourceHost, "sourceHost");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(schemaVersions, "schemaVersions");
    }

    /** Options on the system clock, validating against the current schemas. */
    public ProcessingOptions(DedupStore dedupStore, FlowListener listener, String sourceHost) {
        this(dedupStore, listener, sourceHost, Clock.systemUTC(), SchemaVersions.NONE);
    }

    /** A fresh in-memory dedup store with its default window, no listener, this machine's host name. */
    public static ProcessingOptions defaults() {
        return new ProcessingOptions(InMemoryDedupStore.withDefaults(), FlowListener.NO_OP, Source.localHost());
    }

    public ProcessingOptions withDedupStore(DedupStore dedupStore) {
        return new ProcessingOptions(dedupStore, listener, sourceHost, clock, schemaVersions);
    }

    public ProcessingOptions withListener(FlowListener listener) {
        return new ProcessingOptions(dedupStore, listener, sourceHost, clock, schemaVersions);
    }

    public ProcessingOptions withSourceHost(String sourceHost) {
        return new ProcessingOptions(dedupStore, listener, sourceHost, clock, schemaVersions);
    }

    /** Options whose published envelopes and consume latencies read {@code clock}. */
    public ProcessingOptions withClock(Clock clock) {
        return new ProcessingOptions(dedupStore, listener, sourceHost, clock, schemaVersions);
    }

    public ProcessingOptions withSchemaVersions(SchemaVersions schemaVersions) {
        return new ProcessingOptions(dedupStore, listener, sourceHost, clock, schemaVersions);
    }
}
