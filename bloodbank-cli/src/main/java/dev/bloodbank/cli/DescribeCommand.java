package dev.bloodbank.cli;

import dev.bloodbank.dsl.BloodbankApp;
import dev.bloodbank.dsl.BloodbankApplication;
import dev.bloodbank.dsl.BloodbankApplications;
import dev.bloodbank.dsl.WiringException;
import dev.bloodbank.dsl.WiringProblem;
import dev.bloodbank.topology.Suggestions;
import dev.bloodbank.topology.Topology;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(
        name = "describe",
        header = "Print an application's graph: source queues, named processors, sinks.",
        description = {
            "Finds the applications registered on bloodbank's class path and on --classpath, builds"
                    + " the one named against the topology (the checks it would meet at start-up), and"
                    + " prints its graph: one sub-topology per queue it consumes, each node with the"
                    + " nodes before and after it. Nothing runs and nothing is contacted.",
            "",
            "Without APP: lists the applications found, or describes the only one.",
            "",
            "An application is a public class implementing BloodbankApplication (bloodbank-dsl, package"
                    + " dev.bloodbank.dsl) with a public no-argument constructor, named in the file",
            "  " + BloodbankApplication.REGISTRATION
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:Success.",
            "1:Failure: no application or an unknown one, a registered class that cannot be loaded,"
                    + " wiring that does not fit the topology, an invalid topology.",
            "2:Usage error: an unknown option, a missing or malformed argument."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  bloodbank describe --classpath examples/target/classes",
            "  bloodbank describe --classpath app.jar:lib/client.jar transcript-processor",
            "  bloodbank describe --classpath app.jar -o json | jq '.subtopologies[].queue'"
        })
final class DescribeCommand extends BloodbankCommand {

    @Parameters(paramLabel = "APP", arity = "0..1",
            description = "The application's name, as the listing shows it. Default: the only application found.")
    String name;

    @Mixin
    ApplicationClassPath classPath;

    @Mixin
    TopologyOption topology;

    @Mixin
    OutputOption output;

    @Override
    public Integer call() {
        try (URLClassLoader loader = classPath.open(environment())) {
            return describe(BloodbankApplications.discover(loader));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private int describe(BloodbankApplications found) {
        if (!found.failures().isEmpty()) {
            found.failures().forEach(failure -> err().println("bloodbank: " + failure));
            err().println("  hint: check the class names in " + BloodbankApplication.REGISTRATION
                    + " and that --classpath holds every jar the application needs");
            return ExitCodes.USER_ERROR;
        }
        if (found.isEmpty()) throw nothingFound();
        if (name == null && found.names().size() > 1) {
            list(found);
            return ExitCodes.OK;
        }
        String wanted = name != null ? name : found.names().get(0);
        BloodbankApplication application = found.find(wanted).orElseThrow(() -> unknown(found));
        Topology loaded = topology.choose(environment()).load();
        BloodbankApp app = build(wanted, application, loaded);
        if (output.json()) out().println(Json.pretty(DescriptionJson.of(wanted, app.describe())));
        else out().print(app.describe().toString().replace(System.lineSeparator(), "\n"));
        return ExitCodes.OK;
    }

    private BloodbankApp build(String wanted, BloodbankApplication application, Topology loaded) {
        String label = "application '" + wanted + "' (" + application.getClass().getName() + ")";
        BloodbankApp app;
        try {
            app = application.build(loaded);
        } catch (WiringException e) {
            PrintWriter err = err();
            for (WiringProblem problem : e.problems()) err.println(problem.toString().replace(System.lineSeparator(), "\n"));
            throw new UserError(label + " does not fit the topology ("
                    + ProblemPrinter.plural(e.problems().size(), "problem") + "); fix the wiring above");
        } catch (LinkageError e) {
            throw new UserError(label + " needs a class that is not on the class path: " + e,
                    "add the jars the application depends on to --classpath");
        } catch (RuntimeException e) {
            boolean debug = environment().variable("BLOODBANK_DEBUG") != null;
            if (debug) e.printStackTrace(err());
            throw new UserError(label + " failed to build: " + e, debug ? null : "BLOODBANK_DEBUG=1 shows the stack trace");
        }
        if (app == null) throw new UserError(label + " returned no application from build()");
        return app;
    }

    private void list(BloodbankApplications found) {
        if (output.json()) {
            out().println(Json.pretty(DescriptionJson.listing(found)));
            return;
        }
        int width = found.names().stream().mapToInt(String::length).max().orElse(0) + 2;
        for (String application : found.names()) {
            String className = found.find(application).orElseThrow().getClass().getName();
            out().println(palette().bold(Texts.pad(application, width)) + className);
        }
        out().println(Texts.count(found.names().size(), "application") + "; `bloodbank describe NAME` prints one's graph");
    }

    private UserError nothingFound() {
        List<Path> searched = classPath.paths(environment());
        String where = searched.isEmpty() ? "on bloodbank's class path"
                : "on bloodbank's class path nor in " + searched.stream().map(Path::toString).collect(Collectors.joining(", "));
        return new UserError("no applications found " + where,
                "give the application's jar (or class directory) with --classpath; it registers its"
                        + " BloodbankApplication classes in " + BloodbankApplication.REGISTRATION);
    }

    private UserError unknown(BloodbankApplications found) {
        List<String> near = Suggestions.nearest(name, found.names(), 3);
        String hint = (near.isEmpty() ? "" : "did you mean " + String.join(", ", near) + "? ")
                + "available: " + String.join(", ", found.names());
        return new UserError("no application '" + name + "' found", hint);
    }
}
