package dev.bloodbank.cli;

import dev.bloodbank.cli.text.Palette;
import java.nio.file.Path;
import java.util.Map;

/**
 * What a command may read from the world besides its arguments: environment variables, the
 * working directory, whether to colour, and the class loader that applications are discovered
 * through (before any --classpath). Passed in, so tests control them all.
 */
public record CliEnvironment(Map<String, String> variables, Path workingDirectory, Palette palette, ClassLoader applications) {

    public CliEnvironment {
        variables = Map.copyOf(variables);
    }

    /** Applications are discovered on bloodbank's own class path. */
    public CliEnvironment(Map<String, String> variables, Path workingDirectory, Palette palette) {
        this(variables, workingDirectory, palette, CliEnvironment.class.getClassLoader());
    }

    /** The real process environment; the working directory stays relative so paths print short. */
    public static CliEnvironment ofProcess(Palette palette) {
        return new CliEnvironment(System.getenv(), Path.of(""), palette);
    }

    public String variable(String name) {
        String value = variables.get(name);
        return value == null || value.isBlank() ? null : value;
    }
}
