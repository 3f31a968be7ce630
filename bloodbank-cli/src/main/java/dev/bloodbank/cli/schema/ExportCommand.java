package dev.bloodbank.cli.schema;

import dev.bloodbank.cli.BloodbankCommand;
import dev.bloodbank.cli.ExitCodes;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;

@Command(
        name = "export",
        header = "Describe the topology for other tools: JSON Schema files, an AsyncAPI document.",
        description = {
            "jsonschema writes the schema of every event and command as a draft-07 file, for code"
                    + " generators such as Pydantic's datamodel-codegen. asyncapi writes the whole bus as an"
                    + " AsyncAPI 3.0 document, for AsyncAPI Studio and its generators."
        },
        footerHeading = "%nExamples:%n",
        footer = {"  bloodbank export jsonschema --out build/schemas", "  bloodbank export asyncapi -o asyncapi.json"},
        subcommands = {ExportJsonSchemaCommand.class, ExportAsyncApiCommand.class, HelpCommand.class})
public final class ExportCommand extends BloodbankCommand {

    @Override
    public Integer call() {
        err().println("bloodbank export: a subcommand is required (jsonschema or asyncapi)");
        spec.commandLine().usage(err());
        return ExitCodes.USAGE;
    }
}
