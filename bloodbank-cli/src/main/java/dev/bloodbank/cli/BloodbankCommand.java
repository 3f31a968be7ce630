package dev.bloodbank.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * What every subcommand shares: its output streams and the environment of the invocation. The
 * help options, version and exit-code section are inherited from {@link Main}'s annotation.
 */
abstract class BloodbankCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    final CliEnvironment environment() {
        return ((Main) spec.root().userObject()).environment();
    }

    final Palette palette() {
        return environment().palette();
    }

    final PrintWriter out() {
        return spec.commandLine().getOut();
    }

    final PrintWriter err() {
        return spec.commandLine().getErr();
    }
}
