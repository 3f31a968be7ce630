package dev.bloodbank.topology;

import java.util.List;
import java.util.Optional;

/**
 * The outcome of validating a topology: every problem found, warnings included, in reading order,
 * and the topology itself when none of the problems is an error.
 */
public record ValidationReport(Optional<Topology> topology, List<Problem> problems) {

    public ValidationReport {
        problems = List.copyOf(problems);
        if (topology.isPresent() && problems.stream().anyMatch(Problem::isError))
            throw new IllegalArgumentException("a topology with errors is not usable");
    }

    public boolean isValid() {
        return topology.isPresent();
    }

    public List<Problem> errors() {
        return problems.stream().filter(Problem::isError).toList();
    }

    public List<Problem> warnings() {
        return problems.stream().filter(p -> !p.isError()).toList();
    }

    /**
     * The topology.
     *
     * @throws TopologyException with the errors (and warnings) when it has errors
     */
    public Topology orThrow() {
        return topology.orElseThrow(() -> new TopologyException(problems));
    }
}
