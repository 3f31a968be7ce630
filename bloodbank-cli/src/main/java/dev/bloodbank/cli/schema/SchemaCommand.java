package dev.bloodbank.cli.schema;

import dev.bloodbank.cli.BloodbankCommand;
import dev.bloodbank.cli.ExitCodes;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;

@Command(
        name = "schema",
        header = "Judge how the schemas of events and commands change.",
        description = {
            "Each event and command has a compatibility mode (compatibility: in topology.yaml, BACKWARD"
                    + " unless set). check compares the schemas of this topology with those of an earlier one"
                    + " under each key's mode and names every change that would break producers or consumers.",
            "history, show and diff read the registry on the broker, where apply records every schema"
                    + " as a numbered version."
        },
        footerHeading = "%nExamples:%n",
        footer = {"  bloodbank schema check --against /tmp/main/topology.yaml", "  bloodbank schema history agent.task.assign",
            "  bloodbank schema diff agent.task.assign 1 2"},
        subcommands = {SchemaCheckCommand.class, SchemaHistoryCommand.class, SchemaShowCommand.class, SchemaDiffCommand.class,
            HelpCommand.class})
public final class SchemaCommand extends BloodbankCommand {

    @Override
    public Integer call() {
        err().println("bloodbank schema: a subcommand is required (check, history, show, diff)");
        spec.commandLine().usage(err());
        return ExitCodes.USAGE;
    }
}
