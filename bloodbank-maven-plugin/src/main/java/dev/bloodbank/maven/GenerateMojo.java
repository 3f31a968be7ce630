package dev.bloodbank.maven;

import dev.bloodbank.codegen.Regeneration;
import dev.bloodbank.topology.TopologyException;
import java.io.File;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

/**
 * Writes a record for every event and command payload of a topology.yaml, and the typed keys
 * {@code Events} and {@code Commands}, and adds them to the sources to compile. Does nothing when
 * the topology and its schema files did not change since the last run.
 */
@Mojo(name = "generate", defaultPhase = LifecyclePhase.GENERATE_SOURCES, threadSafe = true)
public class GenerateMojo extends AbstractMojo {

    /** The topology file; its {@code schemaFile}s are read relative to it. */
    @Parameter(property = "bloodbank.topology", defaultValue = "${project.basedir}/topology.yaml", required = true)
    private File topology;

    /** Where the sources are written; added as a compile source root. */
    @Parameter(property = "bloodbank.outputDirectory",
            defaultValue = "${project.build.directory}/generated-sources/bloodbank", required = true)
    private File outputDirectory;

    /** The package of {@code Events} and {@code Commands}; each domain's records go to a sub-package. */
    @Parameter(property = "bloodbank.packageName", required = true)
    private String packageName;

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    private MavenProject project;

    @Override
    public void execute() throws MojoFailureException {
        try {
            Regeneration.Result result = Regeneration.run(topology.toPath(), outputDirectory.toPath(), packageName);
            getLog().info("bloodbank: " + topology + " -> " + outputDirectory + ": " + result);
        } catch (TopologyException e) {
            throw new MojoFailureException(e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new MojoFailureException("bloodbank: " + e.getMessage(), e);
        }
        project.addCompileSourceRoot(outputDirectory.getPath());
    }
}
