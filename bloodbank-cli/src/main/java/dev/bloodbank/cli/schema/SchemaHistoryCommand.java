package dev.bloodbank.cli.schema;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bloodbank.broker.registry.SchemaVersion;
import dev.bloodbank.cli.BloodbankCommand;
import dev.bloodbank.cli.ExitCodes;
import dev.bloodbank.cli.options.ConnectionOptions;
import dev.bloodbank.cli.options.OutputOption;
import dev.bloodbank.cli.text.JsonOutput;
import dev.bloodbank.cli.text.TextLayout;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(
        name = "history",
        header = "List the versions of a key's schema in the registry.",
        description = {
            "Reads the schema registry on the broker (the stream bloodbank apply writes) and lists every"
                    + " version of the key's schema, oldest first: when it was applied and from which topology"
                    + " (its path and the SHA-256 of its text)."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:Success.", "1:Unknown key (the nearest is suggested), unreachable broker.", "2:Usage error."},
        footerHeading = "%nExamples:%n",
        footer = {"  bloodbank schema history agent.task.assign", "  bloodbank schema history agent.task.assign -o json"})
final class SchemaHistoryCommand extends BloodbankCommand {

    @Parameters(index = "0", paramLabel = "KEY", description = "The event or command key.")
    String key;

    @Mixin
    ConnectionOptions connection;

    @Mixin
    OutputOption output;

    @Override
    public Integer call() {
        List<SchemaVersion> versions = RegistryLookup.versions(RegistryLookup.read(connection.amqpUrl(environment())), key);
        if (output.json()) {
            ObjectNode root = JsonOutput.object();
            root.put("key", key);
            ArrayNode list = root.putArray("versions");
            versions.forEach(v -> list.add(RegistryLookup.json(v)));
            out().println(JsonOutput.pretty(root));
            return ExitCodes.OK;
        }
        PrintWriter out = out();
        out.println(palette().bold(key) + " (" + versions.get(0).kind().label() + "): " + TextLayout.count(versions.size(), "version"));
        out.println("  " + TextLayout.pad("VERSION", 9) + TextLayout.pad("APPLIED AT", 26) + TextLayout.pad("SHA-256", 14) + "TOPOLOGY");
        for (SchemaVersion v : versions)
            out.println("  " + TextLayout.pad("v" + v.version(), 9) + TextLayout.pad(v.at().toString(), 26)
                    + TextLayout.pad(v.topology().sha256().substring(0, Math.min(12, v.topology().sha256().length())), 14)
                    + v.topology().path());
        return ExitCodes.OK;
    }
}
