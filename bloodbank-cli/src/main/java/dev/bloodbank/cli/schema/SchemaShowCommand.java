package dev.bloodbank.cli.schema;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bloodbank.broker.registry.SchemaVersion;
import dev.bloodbank.cli.BloodbankCommand;
import dev.bloodbank.cli.ExitCodes;
import dev.bloodbank.cli.options.ConnectionOptions;
import dev.bloodbank.cli.options.OutputOption;
import dev.bloodbank.cli.text.JsonOutput;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
        name = "show",
        header = "Print one version of a key's schema from the registry.",
        description = {"Prints the schema as the topology wrote it when that version was applied; the latest unless --version."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:Success.", "1:Unknown key or version, unreachable broker.", "2:Usage error."},
        footerHeading = "%nExamples:%n",
        footer = {"  bloodbank schema show agent.task.assign", "  bloodbank schema show agent.task.assign --version 1 -o json"})
final class SchemaShowCommand extends BloodbankCommand {

    @Parameters(index = "0", paramLabel = "KEY", description = "The event or command key.")
    String key;

    @Option(names = "--version", paramLabel = "N", description = "The version to show (from 1). Default: the latest.")
    Integer version;

    @Mixin
    ConnectionOptions connection;

    @Mixin
    OutputOption output;

    @Override
    public Integer call() {
        List<SchemaVersion> versions = RegistryLookup.versions(RegistryLookup.read(connection.amqpUrl(environment())), key);
        SchemaVersion v = RegistryLookup.version(versions, version == null ? versions.size() : version);
        if (output.json()) {
            ObjectNode root = JsonOutput.object();
            root.put("key", key);
            root.setAll(RegistryLookup.json(v));
            root.put("latest", versions.size());
            root.set("schema", v.schema());
            out().println(JsonOutput.pretty(root));
            return ExitCodes.OK;
        }
        out().println(palette().bold(key) + " v" + v.version() + " of " + versions.size() + palette().faint("  (applied "
                + v.at() + " from " + v.topology().path() + ")"));
        out().println(JsonOutput.pretty(v.schema()));
        return ExitCodes.OK;
    }
}
