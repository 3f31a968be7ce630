package dev.bloodbank.topology;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Writes topology files for tests and reads back their problems without the file prefix. */
final class TopologyFiles {

    private TopologyFiles() {}

    static Path write(Path directory, String relative, String content) {
        try {
            Path file = directory.resolve(relative);
            Files.createDirectories(file.getParent());
            Files.writeString(file, content);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Validates {@code topology.yaml} with this content in the directory. */
    static ValidationReport validate(Path directory, String yaml) {
        return Topology.validate(write(directory, "topology.yaml", yaml));
    }

    /** Each problem as {@code LINE:COLUMN: severity: message}, in reported order. */
    static List<String> headlines(ValidationReport report) {
        return report.problems().stream().map(TopologyFiles::headline).toList();
    }

    /** The problem as {@code LINE:COLUMN: severity: message}, or {@code FILE:LINE:...} outside topology.yaml. */
    static String headline(Problem problem) {
        Location at = problem.location();
        String file = at.file().getFileName().toString().equals("topology.yaml") ? "" : at.file().getFileName() + ":";
        return file + at.line() + ":" + at.column() + ": " + problem.severity().label() + ": " + problem.message();
    }

    static Problem only(ValidationReport report) {
        if (report.problems().size() != 1)
            throw new AssertionError("expected one problem, got " + report.problems().size() + ":\n" + report.problems());
        return report.problems().get(0);
    }

    /** A minimal valid event, to complete topologies that test something else. */
    static final String ONE_EVENT = """
            events:
              a.b.created: {description: Something was created., schema: {type: object}}
            """;
}
