package dev.bloodbank.cli.options;

import dev.bloodbank.topology.Problem;
import dev.bloodbank.topology.Topology;
import dev.bloodbank.topology.TopologySource;
import java.nio.file.Path;
import java.util.List;

/** The topology one invocation reads: a file on disk or the sample catalog inside the jar. */
public record TopologyFile(TopologySource source) {

    public static TopologyFile onDisk(Path file) {
        return new TopologyFile(TopologySource.file(file));
    }

    static TopologyFile embedded(String resource) {
        return new TopologyFile(TopologySource.classpath(resource, TopologyFile.class.getClassLoader()));
    }

    /**
     * The topology, when it has no errors.
     *
     * @throws dev.bloodbank.topology.TopologyException with every problem, when it has errors
     */
    public Topology load() {
        return Topology.load(source);
    }

    /** Every problem, warnings included, and the topology when there were no errors. */
    public Checked check() {
        var validation = Topology.validate(source);
        return new Checked(validation.problems(), validation.topology().orElse(null));
    }

    /** @param topology null when {@code problems} holds an error */
    public record Checked(List<Problem> problems, Topology topology) {}

    @Override
    public String toString() {
        return source.path().toString();
    }
}
