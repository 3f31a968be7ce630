package dev.bloodbank.cli.catalog;

import dev.bloodbank.cli.BloodbankCommand;
import dev.bloodbank.cli.ExitCodes;
import dev.bloodbank.cli.options.OutputOption;
import dev.bloodbank.cli.options.TopologyOption;
import dev.bloodbank.topology.MessageKind;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
        name = "list-commands",
        header = "List the commands of the catalog.",
        description = {
            "Lists every command the topology declares, grouped by domain, each with its description,"
                    + " and a total line. The same as `bloodbank list-events --type command`."
        },
        footerHeading = "%nExamples:%n",
        footer = {"  bloodbank list-commands", "  bloodbank list-commands --domain agent -o json"})
public final class ListCommandsCommand extends BloodbankCommand {

    @Mixin
    TopologyOption topology;

    @Mixin
    OutputOption output;

    @Option(names = "--domain", paramLabel = "DOMAIN", description = "Only the commands of this domain, e.g. agent.")
    String domain;

    @Override
    public Integer call() {
        CatalogListing.select(topology.choose(environment()).load(), MessageKind.COMMAND, domain)
                .print(output, out(), palette());
        return ExitCodes.OK;
    }
}
