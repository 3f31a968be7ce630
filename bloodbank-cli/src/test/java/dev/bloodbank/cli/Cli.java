package dev.bloodbank.cli;

import dev.bloodbank.cli.text.Palette;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;

/** Runs the CLI in-process the way a user's shell would, capturing both streams and the exit code. */
public final class Cli {

    public record Result(int exitCode, String out, String err) {

        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    private Cli() {}

    /** With the process environment and working directory (the module directory under Maven). */
    public static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(out), new PrintWriter(err), args);
        return new Result(code, out.toString(), err.toString());
    }

    /** With a controlled environment: these variables, this working directory. */
    public static Result runIn(Path workingDirectory, Map<String, String> variables, Palette palette, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CliEnvironment environment = new CliEnvironment(variables, workingDirectory, palette);
        int code = Main.run(environment, new PrintWriter(out), new PrintWriter(err), args);
        return new Result(code, out.toString(), err.toString());
    }

    /** With the process environment, discovering applications through {@code applications} instead of this module's class path. */
    public static Result runWith(ClassLoader applications, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CliEnvironment environment = new CliEnvironment(System.getenv(), Path.of(""), Palette.PLAIN, applications);
        int code = Main.run(environment, new PrintWriter(out), new PrintWriter(err), args);
        return new Result(code, out.toString(), err.toString());
    }

    public static Result runIn(Path workingDirectory, String... args) {
        return runIn(workingDirectory, Map.of(), Palette.PLAIN, args);
    }

    /** The sample catalog at the repository root (tests run in bloodbank-cli/). */
    public static Path sampleTopology() {
        return Path.of("..", "topology.yaml").toAbsolutePath().normalize();
    }
}
