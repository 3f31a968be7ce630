package dev.bloodbank.cli;

import java.nio.file.Path;
import java.util.Map;

/**
 * What a command may read from the world besides its arguments: environment variables, the
 * working directory and whether to colour. Passed in, so tests control all three.
 */
record CliEnvironment(Map<String, String> variables, Path workingDirectory, Palette palette) {

    CliEnvironment {
        variables = Map.copyOf(variables);
    }

    /** The real process environment; the working directory stays relative so paths print short. */
    static CliEnvironment ofProcess(Palette palette) {
        return new CliEnvironment(System.getenv(), Path.of(""), palette);
    }

    String variable(String name) {
        String value = variables.get(name);
        return value == null || value.isBlank() ? null : value;
    }
}
