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
import dev.bloodbank.schema.compat.Change;
import dev.bloodbank.schema.compat.Direction;
import dev.bloodbank.schema.compat.SchemaDiff;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(
        name = "diff",
        header = "Show what changed between two versions of a key's schema.",
        description = {
            "Lists every difference that matters between version N and version M (annotations such as"
                    + " description never do), each with its JSON pointer, its rule, and whom it breaks:"
                    + " BACKWARD (consumers on M reading messages written with N) and/or FORWARD (the reverse)."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:Success.", "1:Unknown key or version, unreachable broker.", "2:Usage error."},
        footerHeading = "%nExamples:%n",
        footer = {"  bloodbank schema diff agent.task.assign 1 2", "  bloodbank schema diff agent.task.assign 1 3 -o json"})
final class SchemaDiffCommand extends BloodbankCommand {

    @Parameters(index = "0", paramLabel = "KEY", description = "The event or command key.")
    String key;

    @Parameters(index = "1", paramLabel = "N", description = "The earlier version.")
    int from;

    @Parameters(index = "2", paramLabel = "M", description = "The later version.")
    int to;

    @Mixin
    ConnectionOptions connection;

    @Mixin
    OutputOption output;

    @Override
    public Integer call() {
        List<SchemaVersion> versions = RegistryLookup.versions(RegistryLookup.read(connection.amqpUrl(environment())), key);
        SchemaVersion old = RegistryLookup.version(versions, from);
        SchemaVersion now = RegistryLookup.version(versions, to);
        List<Change> changes = SchemaDiff.between(old.schema(), now.schema());
        if (output.json()) {
            ObjectNode root = JsonOutput.object();
            root.put("key", key);
            root.put("from", from);
            root.put("to", to);
            ArrayNode list = root.putArray("changes");
            for (Change c : changes) {
                ObjectNode n = list.addObject();
                n.put("pointer", c.pointer());
                n.put("rule", c.rule().name());
                n.put("description", c.description());
                ArrayNode breaks = n.putArray("breaks");
                breaks(c).forEach(d -> breaks.add(d.name()));
            }
            out().println(JsonOutput.pretty(root));
            return ExitCodes.OK;
        }
        PrintWriter out = out();
        out.println(palette().bold(key) + " v" + from + " -> v" + to + ": " + TextLayout.count(changes.size(), "change"));
        for (Change c : changes) {
            List<Direction> breaks = breaks(c);
            out.println("  " + (c.pointer().isEmpty() ? "(the schema itself)" : c.pointer()) + ": " + c.rule() + "  "
                    + (breaks.isEmpty() ? palette().green("compatible") : palette().red("breaks " + breaks.stream()
                            .map(Direction::name).reduce((a, b) -> a + " and " + b).orElseThrow())));
            out.println("      " + c.description());
        }
        return ExitCodes.OK;
    }

    private static List<Direction> breaks(Change change) {
        return Arrays.stream(Direction.values()).filter(change::breaks).toList();
    }
}
