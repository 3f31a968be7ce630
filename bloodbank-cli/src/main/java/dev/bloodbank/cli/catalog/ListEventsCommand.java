package dev.bloodbank.cli.catalog;

import dev.bloodbank.cli.BloodbankCommand;
import dev.bloodbank.cli.ExitCodes;
import dev.bloodbank.cli.options.OutputOption;
import dev.bloodbank.cli.options.TopologyOption;
import dev.bloodbank.topology.MessageKind;
import dev.bloodbank.topology.Topology;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

@Command(
        name = "list-events",
        header = "List the events and commands of the catalog.",
        description = {
            "Lists every event and command the topology declares, grouped by domain (the first segment"
                    + " of the key), each with its description, and ends with a total line.",
            "",
            "Use --type and --domain to narrow the list, -o json to feed it to a script."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  bloodbank list-events",
            "  bloodbank list-events --domain fireflies",
            "  bloodbank list-events --type command -o json | jq -r '.messages[].key'",
            "  bloodbank list-events -f ../other/topology.yaml"
        })
public final class ListEventsCommand extends BloodbankCommand {

    @Mixin
    TopologyOption topology;

    @Mixin
    OutputOption output;

    @Option(
            names = "--type",
            paramLabel = "KIND",
            converter = KindConverter.class,
            description = "Only events or only commands: event or command. Default: both.")
    MessageKind kind;

    @Option(names = "--domain", paramLabel = "DOMAIN", description = "Only the keys of this domain, e.g. fireflies.")
    String domain;

    @Override
    public Integer call() {
        Topology loaded = topology.choose(environment()).load();
        CatalogListing.select(loaded, kind, domain).print(output, out(), palette());
        return ExitCodes.OK;
    }

    static final class KindConverter implements ITypeConverter<MessageKind> {
        @Override
        public MessageKind convert(String value) {
            return switch (value.toLowerCase(Locale.ROOT)) {
                case "event", "events" -> MessageKind.EVENT;
                case "command", "commands" -> MessageKind.COMMAND;
                default -> throw new TypeConversionException("'" + value + "' is not a kind; use event or command");
            };
        }
    }
}
