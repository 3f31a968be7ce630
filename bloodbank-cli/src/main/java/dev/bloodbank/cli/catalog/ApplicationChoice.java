package dev.bloodbank.cli.catalog;

import dev.bloodbank.cli.CliEnvironment;
import dev.bloodbank.cli.UserError;
import dev.bloodbank.cli.text.ProblemPrinter;
import dev.bloodbank.dsl.BloodbankApp;
import dev.bloodbank.dsl.BloodbankApplication;
import dev.bloodbank.dsl.DiscoveredApplications;
import dev.bloodbank.dsl.WiringException;
import dev.bloodbank.dsl.WiringProblem;
import dev.bloodbank.topology.Suggestions;
import dev.bloodbank.topology.Topology;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The applications found on a class path, and the one a command was asked for, built against the
 * topology: what {@code describe} and {@code run} share. Every way this goes wrong is one line
 * (and the wiring problems, when the application does not fit the topology).
 */
final class ApplicationChoice {

    private final DiscoveredApplications found;
    private final List<Path> searched;
    private final CliEnvironment environment;

    ApplicationChoice(DiscoveredApplications found, List<Path> searched, CliEnvironment environment) {
        this.found = found;
        this.searched = searched;
        this.environment = environment;
    }

    DiscoveredApplications found() {
        return found;
    }

    /**
     * False, after printing each, when some registration cannot be used: the user fixes those
     * first. Finding no application at all is an error that says where was searched.
     */
    boolean usable(PrintWriter err) {
        if (!found.failures().isEmpty()) {
            found.failures().forEach(failure -> err.println("bloodbank: " + failure));
            err.println("  hint: check the class names in " + BloodbankApplication.REGISTRATION
                    + " and that --classpath holds every jar the application needs");
            return false;
        }
        if (found.isEmpty()) throw nothingFound();
        return true;
    }

    BloodbankApplication named(String name) {
        return found.find(name).orElseThrow(() -> unknown(name));
    }

    BloodbankApp build(String name, Topology topology, PrintWriter err) {
        BloodbankApplication application = named(name);
        String label = "application '" + name + "' (" + application.getClass().getName() + ")";
        BloodbankApp app;
        try {
            app = application.build(topology);
        } catch (WiringException e) {
            for (WiringProblem problem : e.problems()) err.println(problem.toString().replace(System.lineSeparator(), "\n"));
            throw new UserError(label + " does not fit the topology ("
                    + ProblemPrinter.plural(e.problems().size(), "problem") + "); fix the wiring above");
        } catch (LinkageError e) {
            throw new UserError(label + " needs a class that is not on the class path: " + e,
                    "add the jars the application depends on to --classpath");
        } catch (RuntimeException e) {
            boolean debug = environment.variable("BLOODBANK_DEBUG") != null;
            if (debug) e.printStackTrace(err);
            throw new UserError(label + " failed to build: " + e, debug ? null : "BLOODBANK_DEBUG=1 shows the stack trace");
        }
        if (app == null) throw new UserError(label + " returned no application from build()");
        return app;
    }

    private UserError nothingFound() {
        String where = searched.isEmpty() ? "on bloodbank's class path"
                : "on bloodbank's class path nor in " + searched.stream().map(Path::toString).collect(Collectors.joining(", "));
        return new UserError("no applications found " + where,
                "give the application's jar (or class directory) with --classpath; it registers its"
                        + " BloodbankApplication classes in " + BloodbankApplication.REGISTRATION);
    }

    private UserError unknown(String name) {
        List<String> near = Suggestions.nearest(name, found.names(), 3);
        String hint = (near.isEmpty() ? "" : "did you mean " + String.join(", ", near) + "? ")
                + "available: " + String.join(", ", found.names());
        return new UserError("no application '" + name + "' found", hint);
    }
}
