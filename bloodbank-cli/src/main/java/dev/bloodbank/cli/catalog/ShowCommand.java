package dev.bloodbank.cli.catalog;

import dev.bloodbank.cli.BloodbankCommand;
import dev.bloodbank.cli.ExitCodes;
import dev.bloodbank.cli.UserError;
import dev.bloodbank.cli.options.OutputOption;
import dev.bloodbank.cli.options.TopologyOption;
import dev.bloodbank.topology.MessageDefinition;
import dev.bloodbank.topology.Suggestions;
import dev.bloodbank.topology.Topology;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(
        name = "show",
        header = "Show one event or command: schema, examples and route.",
        description = {
            "Prints what the topology declares about one event or command: its description and kind,"
                    + " where it travels, its JSON Schema and its examples.",
            "",
            "Where it travels: the exchange it is published to, its routing key, and the queues that"
                    + " receive it. An event reaches every subscription with a matching pattern; a command"
                    + " goes to its worker queue. Each of these queues is shown with the retry queues (one"
                    + " per back-off delay) and the dead-letter queue behind it.",
            "",
            "An unknown key is an error that names the nearest known keys."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  bloodbank show fireflies.transcript.uploaded",
            "  bloodbank show agent.task.assign -o json | jq .route.queues"
        })
public final class ShowCommand extends BloodbankCommand {

    @Parameters(paramLabel = "KEY", description = "The event or command key, e.g. agent.task.assign.")
    String key;

    @Mixin
    TopologyOption topology;

    @Mixin
    OutputOption output;

    @Override
    public Integer call() {
        Topology loaded = topology.choose(environment()).load();
        MessageDefinition message = loaded.message(key).orElseThrow(() -> unknown(loaded));
        MessageReport report = new MessageReport(loaded, message);
        if (output.json()) report.printJson(out());
        else report.printText(out(), palette());
        return ExitCodes.OK;
    }

    private UserError unknown(Topology loaded) {
        List<String> keys = new ArrayList<>(loaded.events().keySet());
        keys.addAll(loaded.commands().keySet());
        List<String> near = Suggestions.nearest(key, keys, 3);
        String hint = near.isEmpty()
                ? "`bloodbank list-events` lists every key"
                : "did you mean " + String.join(", ", near) + "?";
        return new UserError("no event or command '" + key + "' in the topology", hint);
    }
}
