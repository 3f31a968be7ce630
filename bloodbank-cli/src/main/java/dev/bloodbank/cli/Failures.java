package dev.bloodbank.cli;

import dev.bloodbank.cli.text.ProblemPrinter;
import dev.bloodbank.topology.TopologyException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IExitCodeExceptionMapper;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;
import picocli.CommandLine;

/**
 * Turns every way a command can fail into a short message on stderr and a documented exit code.
 * A user never sees a stack trace; BLOODBANK_DEBUG=1 shows one for an unexpected failure.
 */
final class Failures implements IExecutionExceptionHandler, IExitCodeExceptionMapper, IParameterExceptionHandler {

    private final CliEnvironment environment;

    Failures(CliEnvironment environment) {
        this.environment = environment;
    }

    @Override
    public int getExitCode(Throwable failure) {
        return failure instanceof ParameterException || failure instanceof UsageError ? ExitCodes.USAGE : ExitCodes.USER_ERROR;
    }

    @Override
    public int handleExecutionException(Exception failure, CommandLine command, ParseResult parseResult) {
        PrintWriter err = command.getErr();
        if (failure instanceof UserError error) {
            err.println("bloodbank: " + error.getMessage());
            if (error.hint() != null) err.println("  hint: " + error.hint());
        } else if (failure instanceof UsageError usage) {
            err.println("bloodbank: " + usage.getMessage());
            err.println("Try '" + command.getCommandSpec().qualifiedName() + " --help' for more information.");
        } else if (failure instanceof UncheckedIOException io) {
            err.println("bloodbank: cannot read or write: " + io.getCause().getMessage());
        } else if (failure instanceof TopologyException invalid) {
            new ProblemPrinter(environment.palette()).print(invalid.problems(), err);
            err.println("bloodbank: the topology is invalid (" + ProblemPrinter.count(invalid.problems())
                    + "); fix the errors above, `bloodbank validate` checks again");
        } else {
            boolean debug = environment.variable("BLOODBANK_DEBUG") != null;
            err.println("bloodbank: internal error: " + failure + (debug ? "" : " (BLOODBANK_DEBUG=1 shows the stack trace)"));
            if (debug) failure.printStackTrace(err);
        }
        err.flush();
        return getExitCode(failure);
    }

    @Override
    public int handleParseException(ParameterException failure, String[] args) {
        CommandLine command = failure.getCommandLine();
        PrintWriter err = command.getErr();
        err.println("bloodbank: " + failure.getMessage());
        UnmatchedArgumentException.printSuggestions(failure, err);
        err.println("Try '" + command.getCommandSpec().qualifiedName() + " --help' for more information.");
        err.flush();
        return getExitCode(failure);
    }
}
