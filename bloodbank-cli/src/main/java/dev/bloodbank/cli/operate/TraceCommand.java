package dev.bloodbank.cli.operate;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bloodbank.broker.history.History;
import dev.bloodbank.broker.history.HistoryException;
import dev.bloodbank.broker.history.TraceNode;
import dev.bloodbank.cli.BloodbankCommand;
import dev.bloodbank.cli.ExitCodes;
import dev.bloodbank.cli.UserError;
import dev.bloodbank.cli.options.ConnectionOptions;
import dev.bloodbank.cli.options.OutputOption;
import dev.bloodbank.cli.options.TimeArgument;
import dev.bloodbank.cli.options.TopologyOption;
import dev.bloodbank.cli.text.JsonOutput;
import dev.bloodbank.envelope.EnvelopeCodec;
import dev.bloodbank.topology.Topology;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.UUID;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
        name = "trace",
        header = "Show what one event caused, recursively, from the archive.",
        description = {
            "Reads the archive from --since on, finds the event, and every event whose correlation_ids",
            "lead back to it, and prints the tree: key, time, source app, archive offset, event id.",
            "-o json prints the same tree for tools.",
            "",
            "Exit 0 when found, 1 when the event is not in the archive since --since (the message",
            "says how far back it looked) or on a bad id or a missing archive."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  bloodbank trace 7c1e0d1a-5d2c-4b7e-9a53-2f1c1c0b9a11",
            "  bloodbank trace 7c1e0d1a-5d2c-4b7e-9a53-2f1c1c0b9a11 --since 7d -o json | jq '.caused | length'"
        })
public final class TraceCommand extends BloodbankCommand {

    @Parameters(paramLabel = "EVENT_ID", description = "The event_id of the event to start from.")
    String eventId;

    @Option(names = "--since", paramLabel = "TIME", defaultValue = "1d",
            description = "How far back to look: a timestamp or a duration back from now (default: 1d).")
    String since;

    @Mixin
    TopologyOption topology;

    @Mixin
    ConnectionOptions connection;

    @Mixin
    OutputOption output;

    @Override
    public Integer call() {
        UUID id;
        try {
            id = UUID.fromString(eventId);
        } catch (IllegalArgumentException e) {
            throw new UserError("'" + eventId + "' is not an event id", "an event_id is a UUID, e.g. 7c1e0d1a-5d2c-4b7e-9a53-2f1c1c0b9a11");
        }
        Instant from = TimeArgument.parse("--since", since, Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
        Topology loaded = topology.choose(environment()).load();
        try (History history = History.connect(loaded, connection.amqpUrl(environment()))) {
            History.TraceResult result = history.trace(id, from);
            if (result.root().isEmpty())
                throw new UserError("event " + id + " is not in the archive since " + EnvelopeCodec.formatTimestamp(from)
                        + " (" + result.scanned() + " events read)", "look further back with --since, e.g. --since 7d");
            if (output.json()) {
                out().println(JsonOutput.pretty(json(result.root().get(), JsonOutput.object())));
            } else {
                print(result.root().get(), "", "", out());
            }
            return ExitCodes.OK;
        } catch (HistoryException e) {
            throw new UserError(e.getMessage());
        }
    }

    private static void print(TraceNode node, String lead, String indent, PrintWriter out) {
        out.println(lead + node.key() + "  " + EnvelopeCodec.formatTimestamp(node.timestamp()) + "  " + node.sourceApp()
                + "  offset " + node.offset() + "  " + node.eventId());
        for (int i = 0; i < node.caused().size(); i++) {
            boolean last = i == node.caused().size() - 1;
            print(node.caused().get(i), indent + (last ? "└─ " : "├─ "), indent + (last ? "   " : "│  "), out);
        }
    }

    private static ObjectNode json(TraceNode node, ObjectNode into) {
        into.put("eventId", node.eventId().toString()).put("key", node.key())
                .put("timestamp", EnvelopeCodec.formatTimestamp(node.timestamp())).put("sourceApp", node.sourceApp())
                .put("offset", node.offset());
        var caused = into.putArray("caused");
        node.caused().forEach(child -> json(child, caused.addObject()));
        return into;
    }
}
