package dev.bloodbank.cli.catalog;

import dev.bloodbank.cli.BloodbankCommand;
import dev.bloodbank.cli.ExitCodes;
import dev.bloodbank.cli.options.OutputOption;
import dev.bloodbank.cli.options.TopologyOption;
import dev.bloodbank.cli.text.JsonOutput;
import dev.bloodbank.cli.text.TextLayout;
import dev.bloodbank.dsl.BloodbankApp;
import dev.bloodbank.dsl.BloodbankApplication;
import dev.bloodbank.dsl.DiscoveredApplications;
import dev.bloodbank.topology.Topology;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLClassLoader;
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
public final class DescribeCommand extends BloodbankCommand {

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
            return describe(new ApplicationChoice(DiscoveredApplications.discover(loader), classPath.paths(environment()), environment()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private int describe(ApplicationChoice choice) {
        if (!choice.usable(err())) return ExitCodes.USER_ERROR;
        DiscoveredApplications found = choice.found();
        if (name == null && found.names().size() > 1) {
            list(found);
            return ExitCodes.OK;
        }
        String wanted = name != null ? name : found.names().get(0);
        choice.named(wanted);
        Topology loaded = topology.choose(environment()).load();
        BloodbankApp app = choice.build(wanted, loaded, err());
        if (output.json()) out().println(JsonOutput.pretty(DescriptionJson.of(wanted, app.describe())));
        else out().print(app.describe().toString().replace(System.lineSeparator(), "\n"));
        return ExitCodes.OK;
    }

    private void list(DiscoveredApplications found) {
        if (output.json()) {
            out().println(JsonOutput.pretty(DescriptionJson.listing(found)));
            return;
        }
        int width = found.names().stream().mapToInt(String::length).max().orElse(0) + 2;
        for (String application : found.names()) {
            String className = found.find(application).orElseThrow().getClass().getName();
            out().println(palette().bold(TextLayout.pad(application, width)) + className);
        }
        out().println(TextLayout.count(found.names().size(), "application") + "; `bloodbank describe NAME` prints one's graph");
    }
}
