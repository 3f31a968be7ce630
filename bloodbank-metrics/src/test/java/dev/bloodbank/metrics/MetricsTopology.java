package dev.bloodbank.metrics;

import dev.bloodbank.topology.Topology;
import dev.bloodbank.topology.TopologySource;

/** The tests' topology: one event, one command. */
final class MetricsTopology {

    static final String EVENT = "fireflies.transcript.uploaded";
    static final String COMMAND = "agent.task.assign";
    static final Topology TOPOLOGY =
            Topology.load(TopologySource.classpath("metrics/topology.yaml", MetricsTopology.class.getClassLoader()));

    private MetricsTopology() {}
}
