package dev.bloodbank.cli;

import dev.bloodbank.cli.text.Palette;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * What every subcommand shares: its output streams and the environment of the invocation. The
 * help options, version and exit-code section are inherited from {@link Main}'s annotation.
 */
public abstract class BloodbankCommand implements Callable<Integer> {

    @Spec
    protected CommandSpec spec;

    protected final CliEnvironment environment() {
        return ((Main) spec.root().userObject()).environment();
    }

    protected final Palette palette() {
        return environment().palette();
    }

    protected final PrintWriter out() {
        return spec.commandLine().getOut();
    }

    protected final PrintWriter err() {
        return spec.commandLine().getErr();
    }
}
