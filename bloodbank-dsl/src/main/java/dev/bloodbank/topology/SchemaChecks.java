package dev.bloodbank.topology;

/**
 * When a topology's schemas are compiled and its examples checked against them. Compiling is
 * nearly all the time it takes to load a large topology, and most commands never validate a payload.
 */
public enum SchemaChecks {

    /**
     * While loading: a schema that does not compile and an example that breaks its schema are
     * problems of the load, each reported where it is written. What {@code bloodbank validate}, a
     * service's runtime and the code generator use.
     */
    AT_LOAD,

    /**
     * On each schema's first validation, once; examples are not checked. The rest of the topology
     * (structure, names, schema keywords and references, queues, patterns) is checked as at load.
     * A schema that turns out not to compile throws a {@link TopologyException} with the problem
     * {@link #AT_LOAD} would have reported, at the same place. For commands that read a topology
     * without validating payloads, or that validate only a few of its messages.
     */
    ON_FIRST_USE
}
