package dev.bloodbank.codegen;

import dev.bloodbank.topology.Topology;
import java.nio.file.Path;

/**
 * Brings an output directory up to date with a topology file: nothing is loaded or written when
 * neither the topology, nor its schema files, nor the package changed since the last run; otherwise
 * the topology is loaded (and validated) and only the files whose content changed are written.
 */
public final class Regeneration {

    private Regeneration() {}

    /** What one run did. */
    public record Result(boolean upToDate, int written, int unchanged, int deleted) {

        @Override
        public String toString() {
            return upToDate ? "up to date"
                    : written + " written, " + unchanged + " unchanged, " + deleted + " deleted";
        }
    }

    /**
     * @throws dev.bloodbank.topology.TopologyException when the topology has errors
     * @throws IllegalArgumentException when the package name is not one
     */
    public static Result run(Path topologyFile, Path outputDirectory, String packageName) {
        CodeGenerator generator = CodeGenerator.forPackage(packageName);
        SourceDirectory output = new SourceDirectory(outputDirectory);
        String fingerprint = Inputs.fingerprint(topologyFile, packageName);
        if (output.isUpToDate(fingerprint)) return new Result(true, 0, 0, 0);
        GeneratedSources sources = generator.generate(Topology.load(topologyFile));
        return output.sync(sources, fingerprint);
    }
}
