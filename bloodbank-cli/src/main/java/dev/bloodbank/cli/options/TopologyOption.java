package dev.bloodbank.cli.options;

import dev.bloodbank.cli.CliEnvironment;
import dev.bloodbank.cli.UserError;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The {@code -f/--topology} option and where the topology comes from without it:
 * $BLOODBANK_TOPOLOGY, else ./topology.yaml, else the sample catalog built into the jar.
 */
public final class TopologyOption {

    static final String ENVIRONMENT_VARIABLE = "BLOODBANK_TOPOLOGY";
    static final String DEFAULT_FILE = "topology.yaml";
    /** Where the build copies the repository's topology.yaml and schemas/ (see bloodbank-cli/pom.xml). */
    public static final String EMBEDDED_RESOURCE = "bloodbank/default/topology.yaml";

    @Option(
            names = {"-f", "--topology"},
            paramLabel = "FILE",
            description = "The topology file. Default: the file named by $BLOODBANK_TOPOLOGY, else"
                    + " topology.yaml in the working directory, else the sample catalog built into bloodbank.")
    Path file;

    /** The topology this invocation reads; an explicit or configured file that is missing is an error, not a fallback. */
    public TopologyFile choose(CliEnvironment environment) {
        if (file != null) return existing(environment.workingDirectory().resolve(file), "");
        String configured = environment.variable(ENVIRONMENT_VARIABLE);
        if (configured != null)
            return existing(environment.workingDirectory().resolve(configured), " (from $" + ENVIRONMENT_VARIABLE + ")");
        Path local = environment.workingDirectory().resolve(DEFAULT_FILE);
        if (Files.isRegularFile(local)) return TopologyFile.onDisk(local);
        return TopologyFile.embedded(EMBEDDED_RESOURCE);
    }

    private static TopologyFile existing(Path path, String origin) {
        if (!Files.exists(path)) throw new UserError("topology file " + path + origin + " does not exist");
        if (Files.isDirectory(path)) throw new UserError("topology file " + path + origin + " is a directory, not a file");
        return TopologyFile.onDisk(path);
    }
}
