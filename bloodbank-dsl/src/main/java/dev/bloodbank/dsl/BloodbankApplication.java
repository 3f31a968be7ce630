package dev.bloodbank.dsl;

import dev.bloodbank.topology.Topology;

/**
 * An application that tools can find on a class path and build without running it, so that
 * {@code bloodbank describe} prints its graph from nothing but its jar.
 *
 * <p>Register an implementation in {@value #REGISTRATION} (one class name per line), as
 * {@link java.util.ServiceLoader} expects; it needs a public no-argument constructor.
 * {@link #build} only wires: it may be called by a tool that never runs the result, so it opens
 * no connection, starts no thread and writes no file. Collaborators that would (a client of an
 * outside service) should do so on first use, not when constructed.
 *
 * <pre>{@code
 * public final class TranscriptProcessorApplication implements BloodbankApplication {
 *     public String name() { return "transcript-processor"; }
 *     public BloodbankApp build(Topology topology) { return TranscriptPipeline.build(topology, ...); }
 * }
 * }</pre>
 */
public interface BloodbankApplication {

    /** The resource that lists the implementations of this interface in a jar or class directory. */
    String REGISTRATION = "META-INF/services/dev.bloodbank.dsl.BloodbankApplication";

    /** The name tools list and select this application by; usually the service it runs as. */
    String name();

    /**
     * Wires the application over {@code topology}.
     *
     * @throws WiringException when the wiring does not fit the topology
     */
    BloodbankApp build(Topology topology);
}
