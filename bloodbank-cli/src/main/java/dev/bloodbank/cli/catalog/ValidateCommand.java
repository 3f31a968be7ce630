package dev.bloodbank.cli.catalog;

import dev.bloodbank.cli.BloodbankCommand;
import dev.bloodbank.cli.ExitCodes;
import dev.bloodbank.cli.options.TopologyFile;
import dev.bloodbank.cli.options.TopologyOption;
import dev.bloodbank.cli.text.ProblemPrinter;
import dev.bloodbank.cli.text.TextLayout;
import dev.bloodbank.topology.Problem;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(
        name = "validate",
        header = "Check a topology file and report every problem in it.",
        description = {
            "Reads the topology and checks everything in one pass: the YAML itself, unknown or misspelt"
                    + " fields, duplicate keys, the naming rules (events <domain>.<entity>.<past-tense-action>,"
                    + " commands <domain>.<entity>.<imperative>), the JSON Schemas, the examples against their"
                    + " schemas, schemaFile references, and subscription patterns that match no event.",
            "",
            "Each problem is printed on stderr as FILE:LINE:COLUMN: error|warning: message, followed by a"
                    + " hint on how to fix it: the form editors and CI annotators jump to. A summary line"
                    + " follows. Warnings are printed but do not fail validation."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  bloodbank validate",
            "  bloodbank validate -f services/topology.yaml",
            "  BLOODBANK_TOPOLOGY=/etc/33god/topology.yaml bloodbank validate"
        })
public final class ValidateCommand extends BloodbankCommand {

    @Mixin
    TopologyOption topology;

    @Override
    public Integer call() {
        TopologyFile file = topology.choose(environment());
        TopologyFile.Checked checked = file.check();
        new ProblemPrinter(palette()).print(checked.problems(), err());
        if (checked.problems().stream().anyMatch(Problem::isError)) {
            err().println(file + ": " + palette().red("invalid") + ", " + ProblemPrinter.count(checked.problems()));
            return ExitCodes.USER_ERROR;
        }
        out().println(file + ": " + palette().green("valid") + ", "
                + TextLayout.count(checked.topology().events().size(), "event") + ", "
                + TextLayout.count(checked.topology().commands().size(), "command") + ", "
                + TextLayout.count(checked.topology().subscriptions().size(), "subscription") + " ("
                + TextLayout.count(checked.problems().size(), "warning") + ")");
        return ExitCodes.OK;
    }
}
