package dev.bloodbank.cli.options;

import dev.bloodbank.topology.Problem;
import dev.bloodbank.topology.SchemaChecks;
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
     * The topology, when it has no errors, with each schema compiled when a payload is first
     * validated against it: listing, showing, planning and applying compile none, publishing
     * compiles the one it sends. A schema that does not compile is reported then, where it is
     * written; `bloodbank validate` checks every schema and example.
     *
     * @throws dev.bloodbank.topology.TopologyException with every problem, when it has errors
     */
    public Topology load() {
        return Topology.load(source, SchemaChecks.ON_FIRST_USE);
    }

    /**
     * The topology with every schema compiled and every example checked now, for a service that
     * must not start consuming with a schema it cannot use.
     *
     * @throws dev.bloodbank.topology.TopologyException with every problem, when it has errors
     */
    public Topology loadChecked() {
        return Topology.load(source, SchemaChecks.AT_LOAD);
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
