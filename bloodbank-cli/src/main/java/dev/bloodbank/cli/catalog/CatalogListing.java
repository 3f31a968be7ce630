package dev.bloodbank.cli.catalog;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bloodbank.cli.UserError;
import dev.bloodbank.cli.options.OutputOption;
import dev.bloodbank.cli.text.JsonOutput;
import dev.bloodbank.cli.text.Palette;
import dev.bloodbank.cli.text.TextLayout;
import dev.bloodbank.topology.MessageDefinition;
import dev.bloodbank.topology.MessageKind;
import dev.bloodbank.topology.Suggestions;
import dev.bloodbank.topology.Topology;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The catalog as list-events and list-commands print it: grouped by domain (alphabetically),
 * each domain's keys in declaration order, events before commands, and a total line.
 */
final class CatalogListing {

    private final List<MessageDefinition> messages;
    private final MessageKind onlyKind;

    private CatalogListing(List<MessageDefinition> messages, MessageKind onlyKind) {
        this.messages = List.copyOf(messages);
        this.onlyKind = onlyKind;
    }

    /**
     * The messages of one kind (null: both) in one domain (null: all).
     *
     * @throws UserError when the domain does not occur in the topology
     */
    static CatalogListing select(Topology topology, MessageKind onlyKind, String onlyDomain) {
        List<MessageDefinition> selected = topology.messages().stream()
                .filter(m -> onlyKind == null || m.kind() == onlyKind)
                .toList();
        if (onlyDomain != null) {
            TreeSet<String> domains = new TreeSet<>();
            topology.messages().forEach(m -> domains.add(m.domain()));
            if (!domains.contains(onlyDomain)) {
                List<String> near = Suggestions.nearest(onlyDomain, domains, 1);
                throw new UserError(
                        "no domain '" + onlyDomain + "' in the topology",
                        (near.isEmpty() ? "" : "did you mean " + near.get(0) + "? ")
                                + "the domains are " + String.join(", ", domains));
            }
            selected = selected.stream().filter(m -> m.domain().equals(onlyDomain)).toList();
        }
        return new CatalogListing(selected, onlyKind);
    }

    void print(OutputOption output, PrintWriter out, Palette palette) {
        if (output.json()) printJson(out);
        else printTable(out, palette);
    }

    private void printTable(PrintWriter out, Palette palette) {
        Map<String, List<MessageDefinition>> byDomain = byDomain();
        int keyWidth = messages.stream().mapToInt(m -> m.key().length()).max().orElse(0);
        for (Map.Entry<String, List<MessageDefinition>> domain : byDomain.entrySet()) {
            out.println(palette.bold(domain.getKey()));
            for (MessageDefinition message : domain.getValue()) {
                StringBuilder line = new StringBuilder("  ")
                        .append(palette.cyan(TextLayout.pad(message.key(), keyWidth)))
                        .append("  ");
                if (onlyKind == null) line.append(palette.faint(TextLayout.pad(message.kind().label(), 7))).append("  ");
                line.append(message.description());
                out.println(line.toString().stripTrailing());
            }
            out.println();
        }
        out.println(total(byDomain.size()));
    }

    private void printJson(PrintWriter out) {
        ObjectNode root = JsonOutput.object();
        ArrayNode list = root.putArray("messages");
        for (List<MessageDefinition> domain : byDomain().values()) {
            for (MessageDefinition message : domain) {
                list.addObject()
                        .put("key", message.key())
                        .put("kind", message.kind().label())
                        .put("domain", message.domain())
                        .put("description", message.description());
            }
        }
        root.putObject("totals")
                .put("events", count(MessageKind.EVENT))
                .put("commands", count(MessageKind.COMMAND))
                .put("domains", byDomain().size());
        out.println(JsonOutput.pretty(root));
    }

    /** "42 events, 9 commands in 9 domains", naming only the kinds listed. */
    private String total(int domains) {
        List<String> parts = new ArrayList<>();
        if (onlyKind != MessageKind.COMMAND) parts.add(TextLayout.count(count(MessageKind.EVENT), "event"));
        if (onlyKind != MessageKind.EVENT) parts.add(TextLayout.count(count(MessageKind.COMMAND), "command"));
        return String.join(", ", parts) + " in " + TextLayout.count(domains, "domain");
    }

    private Map<String, List<MessageDefinition>> byDomain() {
        Map<String, List<MessageDefinition>> groups = new TreeMap<>();
        for (MessageDefinition message : messages) {
            groups.computeIfAbsent(message.domain(), d -> new ArrayList<>()).add(message);
        }
        return groups;
    }

    private long count(MessageKind kind) {
        return messages.stream().filter(m -> m.kind() == kind).count();
    }
}
