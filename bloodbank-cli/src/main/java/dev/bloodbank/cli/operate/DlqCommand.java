package dev.bloodbank.cli.operate;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bloodbank.broker.runtime.BrokerUnavailableException;
import dev.bloodbank.broker.runtime.DeadLetterQueue;
import dev.bloodbank.broker.runtime.RuntimeSettings;
import dev.bloodbank.cli.BloodbankCommand;
import dev.bloodbank.cli.ExitCodes;
import dev.bloodbank.cli.UserError;
import dev.bloodbank.cli.catalog.CatalogLookup;
import dev.bloodbank.cli.catalog.ShowCommand;
import dev.bloodbank.cli.options.ConnectionOptions;
import dev.bloodbank.cli.options.OutputOption;
import dev.bloodbank.cli.options.TopologyOption;
import dev.bloodbank.cli.text.JsonOutput;
import dev.bloodbank.engine.DeadLetter;
import dev.bloodbank.envelope.EnvelopeCodec;
import dev.bloodbank.topology.Topology;
import dev.bloodbank.topology.routing.ConsumerQueue;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
        name = "dlq",
        header = "Look at dead-lettered messages and send them back to work.",
        description = {
            "Every subscription and command worker has a dead-letter queue (<work queue>.dlq) holding",
            "the messages that failed for good: a handler that kept failing, a body that is not JSON,",
            "a payload that breaks its schema. Their headers say why.",
            "",
            "list and show leave every message where it is; replay moves chosen ones back."
        },
        subcommands = {DlqCommand.ListCommand.class, DlqCommand.ShowCommand.class, DlqCommand.ReplayCommand.class,
            HelpCommand.class})
public final class DlqCommand extends BloodbankCommand {

    @Override
    public Integer call() {
        err().println("bloodbank dlq: a subcommand is required (list, show or replay)");
        spec.commandLine().usage(err());
        return ExitCodes.USAGE;
    }

    /** What the three subcommands share: the consumer named, the broker, how many messages. */
    abstract static class DlqSubcommand extends BloodbankCommand {

        @Parameters(paramLabel = "SUBSCRIPTION-OR-COMMAND",
                description = "A subscription (its service name) or a command key.")
        String name;

        @Mixin
        TopologyOption topology;

        @Mixin
        ConnectionOptions connection;

        final <T> T withQueue(java.util.function.BiFunction<DeadLetterQueue, ConsumerQueue, T> action) {
            Topology loaded = topology.choose(environment()).load();
            ConsumerQueue queue = CatalogLookup.consumerQueue(loaded, name);
            RuntimeSettings settings = RuntimeSettings.of(connection.amqpUrl(environment()), "bloodbank-dlq");
            try (DeadLetterQueue dlq = DeadLetterQueue.open(queue, settings)) {
                return action.apply(dlq, queue);
            } catch (BrokerUnavailableException e) {
                throw new UserError(e.getMessage(), "is RabbitMQ running and the topology applied? --amqp-url names the broker");
            }
        }

        static String id(DeadLetter d) {
            return d.messageId() == null ? "-" : d.messageId();
        }

        static String error(DeadLetter d) {
            if (d.errorClass() == null) return d.errorMessage() == null ? "" : d.errorMessage();
            String simple = d.errorClass().substring(d.errorClass().lastIndexOf('.') + 1);
            return simple + ": " + d.errorMessage();
        }
    }

    @Command(name = "list", header = "List the dead letters of a subscription or command, one line each.")
    static final class ListCommand extends DlqSubcommand {

        @Option(names = "--count", paramLabel = "N", defaultValue = "50", description = "List at most N (default ${DEFAULT-VALUE}).")
        int count;

        @Mixin
        OutputOption output;

        @Override
        public Integer call() {
            return withQueue((dlq, queue) -> {
                long total = dlq.count();
                List<DeadLetter> letters = dlq.browse(count);
                if (output.json()) {
                    ObjectNode json = JsonOutput.object().put("queue", dlq.name()).put("count", total);
                    ArrayNode messages = json.putArray("messages");
                    for (DeadLetter d : letters) messages.add(summary(d));
                    out().println(JsonOutput.pretty(json));
                    return ExitCodes.OK;
                }
                PrintWriter out = out();
                out.println(dlq.name() + ": " + total + " message" + (total == 1 ? "" : "s")
                        + (letters.size() < total ? " (showing " + letters.size() + ")" : ""));
                if (letters.isEmpty()) return ExitCodes.OK;
                List<String[]> rows = new ArrayList<>();
                rows.add(new String[] {"#", "EVENT ID", "TYPE", "REASON", "ATTEMPTS", "FAILED AT", "ERROR"});
                int i = 1;
                for (DeadLetter d : letters) {
                    rows.add(new String[] {String.valueOf(i++), id(d), d.type() == null ? "-" : d.type(), d.reason(),
                        String.valueOf(d.attempts()), d.failedAt() == null ? "-" : d.failedAt(), truncate(error(d), 60)});
                }
                printTable(out, rows);
                return ExitCodes.OK;
            });
        }

        private static ObjectNode summary(DeadLetter d) {
            ObjectNode n = JsonOutput.plainObject();
            n.put("messageId", d.messageId()).put("type", d.type()).put("reason", d.reason()).put("attempts", d.attempts())
                    .put("failedAt", d.failedAt()).put("errorClass", d.errorClass()).put("errorMessage", d.errorMessage())
                    .put("originalQueue", d.originalQueue()).put("originalRoutingKey", d.originalRoutingKey());
            return n;
        }

        private static String truncate(String s, int max) {
            String line = s.replace('\n', ' ');
            return line.length() <= max ? line : line.substring(0, max - 1) + "…";
        }

        private static void printTable(PrintWriter out, List<String[]> rows) {
            int[] widths = new int[rows.get(0).length];
            for (String[] row : rows) for (int c = 0; c < row.length; c++) widths[c] = Math.max(widths[c], row[c].length());
            for (String[] row : rows) {
                StringBuilder line = new StringBuilder();
                for (int c = 0; c < row.length; c++) {
                    line.append(c == row.length - 1 ? row[c] : String.format("%-" + widths[c] + "s  ", row[c]));
                }
                out.println(line.toString().stripTrailing());
            }
        }
    }

    @Command(name = "show", header = "Show dead letters in full: failure headers, stack trace and body.")
    static final class ShowCommand extends DlqSubcommand {

        @Option(names = "--count", paramLabel = "N", defaultValue = "1", description = "Show the first N (default ${DEFAULT-VALUE}).")
        int count;

        @Option(names = "--event-id", paramLabel = "ID",
                description = "Show only the messages with these ids (searched among the first " + SEARCH_LIMIT + ").")
        Set<String> ids = Set.of();

        /** How many messages a search by id looks at: all of them are held unacknowledged meanwhile. */
        static final int SEARCH_LIMIT = 10_000;

        @Override
        public Integer call() {
            return withQueue((dlq, queue) -> {
                long total = dlq.count();
                List<DeadLetter> letters = dlq.browse(ids.isEmpty() ? count : (int) Math.min(SEARCH_LIMIT, total));
                if (!ids.isEmpty()) letters = letters.stream().filter(d -> ids.contains(d.messageId())).toList();
                if (letters.isEmpty()) {
                    out().println(dlq.name() + ": " + (ids.isEmpty() ? "empty" : "no message with id " + String.join(", ", ids)));
                    return ids.isEmpty() ? ExitCodes.OK : ExitCodes.USER_ERROR;
                }
                int i = 1;
                for (DeadLetter d : letters) {
                    if (i > 1) out().println();
                    print(d, i++, total, dlq.name());
                }
                return ExitCodes.OK;
            });
        }

        private void print(DeadLetter d, int position, long total, String queue) {
            PrintWriter out = out();
            out.println("message " + position + " of " + total + " in " + queue);
            out.println("  event id      " + id(d));
            out.println("  type          " + (d.type() == null ? "-" : d.type()));
            out.println("  reason        " + d.reason());
            out.println("  attempts      " + d.attempts());
            if (d.failedAt() != null) out.println("  failed at     " + d.failedAt());
            if (d.service() != null) out.println("  service       " + d.service());
            out.println("  came from     " + (d.originalExchange() == null ? "?" : d.originalExchange())
                    + " / " + (d.originalRoutingKey() == null ? "?" : d.originalRoutingKey())
                    + " → " + (d.originalQueue() == null ? "?" : d.originalQueue()));
            out.println("  error         " + error(d));
            if (d.stackTrace() != null) {
                out.println("  stack trace");
                for (String line : d.stackTrace().split("\n")) out.println("    " + line.replace("\t", "  ").stripTrailing());
            }
            out.println("  body");
            String body = d.envelope().map(e -> JsonOutput.pretty(EnvelopeCodec.standard().toTree(e))).orElse(d.bodyText());
            for (String line : body.split("\n")) out.println("    " + line);
        }
    }

    @Command(name = "replay", header = "Send dead letters back to their work queue for another try.",
            description = {
                "Each chosen message is published to its work queue through the default exchange with its",
                "failure headers removed and its attempt count reset, and removed from the dead-letter queue",
                "only once the broker confirmed the copy. Without --count or --event-id every message present",
                "when the command starts is replayed (one that fails again comes back, and stays)."
            })
    static final class ReplayCommand extends DlqSubcommand {

        @Option(names = "--count", paramLabel = "N", description = "Replay at most N, oldest first.")
        Integer count;

        @Option(names = "--event-id", paramLabel = "ID", description = "Replay only the messages with these ids.")
        Set<String> ids = Set.of();

        @Override
        public Integer call() {
            if (count != null && count < 1) throw new UserError("--count must be at least 1, was " + count);
            return withQueue((dlq, queue) -> {
                DeadLetterQueue.ReplayReport report = dlq.replay(count == null ? Integer.MAX_VALUE : count,
                        d -> ids.isEmpty() || ids.contains(d.messageId()));
                for (DeadLetter d : report.replayed())
                    out().println("replayed " + id(d) + "  " + (d.type() == null ? "-" : d.type()) + " → "
                            + (d.originalQueue() == null ? queue.queue() : d.originalQueue()));
                for (String failure : report.failures()) err().println("bloodbank: not replayed: " + failure);
                out().println(report.replayed().size() + " replayed, " + report.remaining() + " left in " + dlq.name());
                return report.failures().isEmpty() ? ExitCodes.OK : ExitCodes.USER_ERROR;
            });
        }
    }
}
