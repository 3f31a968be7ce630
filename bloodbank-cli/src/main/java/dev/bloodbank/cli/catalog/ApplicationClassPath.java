package dev.bloodbank.cli.catalog;

import dev.bloodbank.cli.CliEnvironment;
import dev.bloodbank.cli.UserError;
import java.io.File;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;
import java.util.regex.Pattern;
import picocli.CommandLine.Option;

/** The {@code --classpath} option: jars and class directories searched for applications, after bloodbank's own. */
final class ApplicationClassPath {

    @Option(
            names = "--classpath",
            paramLabel = "PATH",
            description = "Jars and class directories to search for applications, separated by the"
                    + " platform's path separator (: or ;), as for java -cp; the option may be repeated."
                    + " Bloodbank's own class path is searched first.")
    List<String> entries = new ArrayList<>();

    /** The entries as given, each resolved against the working directory. */
    List<Path> paths(CliEnvironment environment) {
        List<Path> paths = new ArrayList<>();
        for (String option : entries) {
            for (String entry : option.split(Pattern.quote(File.pathSeparator))) {
                if (!entry.isBlank()) paths.add(environment.workingDirectory().resolve(entry.strip()));
            }
        }
        return paths;
    }

    /**
     * A loader over the entries whose parent is the environment's loader, so that the applications
     * share bloodbank's own DSL classes. The caller closes it.
     */
    URLClassLoader open(CliEnvironment environment) {
        List<URL> urls = new ArrayList<>();
        for (Path path : paths(environment)) urls.add(url(path));
        return new URLClassLoader("bloodbank-applications", urls.toArray(URL[]::new), environment.applications());
    }

    private static URL url(Path path) {
        if (!Files.exists(path))
            throw new UserError("class path entry " + path + " does not exist",
                    "give a jar or a directory of classes, e.g. examples/target/classes");
        if (Files.isRegularFile(path)) {
            // URLClassLoader silently ignores a file that is not a jar; the user would only see "no applications".
            try (JarFile ignored = new JarFile(path.toFile())) {
                // readable as a jar
            } catch (IOException e) {
                throw new UserError("class path entry " + path + " is not a jar: " + e.getMessage(),
                        "give a jar or a directory of classes");
            }
        }
        try {
            return path.toUri().toURL();
        } catch (MalformedURLException e) {
            throw new UserError("class path entry " + path + " cannot be read: " + e.getMessage());
        }
    }
}
