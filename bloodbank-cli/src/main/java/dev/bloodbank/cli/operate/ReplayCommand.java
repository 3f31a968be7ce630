package dev.bloodbank.cli.operate;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bloodbank.broker.history.History;
import dev.bloodbank.broker.history.HistoryException;
import dev.bloodbank.broker.history.ReplayListener;
import dev.bloodbank.broker.history.ReplayPlan;
import dev.bloodbank.broker.history.ReplayRequest;
import dev.bloodbank.broker.history.ReplayResult;
import dev.bloodbank.broker.history.TimeWindow;
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
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

@Command(
        name = "replay",
        header = "Send archived events again, to one subscription's (or command worker's) queue.",
        description = {
            "Reads the archive stream for the events whose envelope timestamp is in [--since, --until)",
            "(since included, until excluded) and whose key matches --events and is received by the",
            "target, and publishes them, in archive order, straight to the target's queue through the",
            "default exchange: no other subscriber sees them. They keep their event_id and carry the",
            "headers x-bloodbank-replay-name and x-bloodbank-replay-id; the runtime's dedup lets each",
            "through once per replay, even when the consumer handled it before.",
            "",
            "Without --yes it only shows what it would send (count per key, first and last event,",
            "target queue); --dry-run prints the same as JSON. With --yes it sends, with confirms,",
            "and records its progress on the broker under --name after each confirmed batch: run",
            "the same command again after an interruption and it resumes where it stopped, with the",
            "window and replay id of the first run.",
            "",
            "Exit 0 when done (or shown), 1 on a bad target, pattern, window or a missing archive,",
            "2 on a usage error."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  bloodbank replay --since 2h --to reviewer                       # show the plan",
            "  bloodbank replay --since 2h --events 'github.#' --to reviewer --name fix-42 --yes",
            "  bloodbank replay --since 2026-12-01T08:00:00Z --until 1h --to agent.task.assign --rate 200/s --yes",
            "  bloodbank replay --since 1d --to reviewer --dry-run | jq .total"
        })
public final class ReplayCommand extends BloodbankCommand {

    private static final DateTimeFormatter NAME_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    @Option(names = "--since", required = true, paramLabel = "TIME",
            description = "Start of the window (included): a timestamp or a duration back from now (2h, 7d).")
    String since;

    @Option(names = "--until", paramLabel = "TIME", description = "End of the window (excluded); default: now.")
    String until;

    @Option(names = "--events", paramLabel = "PATTERN", defaultValue = "#",
            description = "Topic pattern of the keys to replay (default: all the target receives).")
    String events;

    @Option(names = "--to", required = true, paramLabel = "TARGET",
            description = "A subscription (service name) or a command worker (command key).")
    String target;

    @Option(names = "--rate", paramLabel = "N/s", description = "At most N messages a second (default: as fast as confirmed).")
    String rate;

    @Option(names = "--name", paramLabel = "NAME",
            description = "The replay's name; give it again to resume (default: replay-TARGET-TIME).")
    String name;

    @Option(names = "--dry-run", description = "Print the plan as JSON and send nothing.")
    boolean dryRun;

    @Option(names = "--yes", description = "Send.")
    boolean yes;

    @Mixin
    TopologyOption topology;

    @Mixin
    ConnectionOptions connection;

    @Mixin
    OutputOption output;

    @Override
    public Integer call() {
        if (dryRun && yes) throw new ParameterException(spec.commandLine(), "--dry-run and --yes exclude each other");
        Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        Instant from = TimeArgument.parse("--since", since, now);
        Instant to = until == null ? now : TimeArgument.parse("--until", until, now);
        if (!to.isAfter(from))
            throw new UserError("--until " + to + " is not after --since " + from + ": the window is empty",
                    "--since is the older end; a duration counts back from now (--since 2h --until 1h)");
        double perSecond = rate == null ? 0 : rate(rate);
        Topology loaded = topology.choose(environment()).load();
        try (History history = History.connect(loaded, connection.amqpUrl(environment()))) {
            ReplayRequest request = new ReplayRequest(name != null ? name : "replay-" + target + "-" + NAME_TIME.format(now),
                    new TimeWindow(from, to), events, target, perSecond);
            ReplayPlan plan = history.plan(request);
            if (dryRun) {
                out().println(JsonOutput.pretty(json(plan)));
                return ExitCodes.OK;
            }
            if (!yes || plan.done()) {
                print(plan, out());
                return ExitCodes.OK;
            }
            ReplayResult result = history.replay(request, new Progress(err(), palette().enabled(), plan.alreadySent()));
            if (output.json()) {
                out().println(JsonOutput.pretty(JsonOutput.object().put("name", result.name()).put("replayId", result.replayId().toString())
                        .put("queue", result.queue()).put("sent", result.sent()).put("sentNow", result.sentNow())
                        .put("seconds", result.took().toMillis() / 1000.0)));
            } else {
                out().println("replayed " + result.sentNow() + " event(s) to " + result.queue() + " in "
                        + String.format(Locale.ROOT, "%.1f", result.took().toMillis() / 1000.0) + " s (replay " + result.name()
                        + ", id " + result.replayId() + (result.sent() > result.sentNow() ? ", " + result.sent() + " in all runs" : "") + ")");
            }
            return ExitCodes.OK;
        } catch (HistoryException e) {
            throw new UserError(e.getMessage());
        }
    }

    private static double rate(String text) {
        String n = text.endsWith("/s") ? text.substring(0, text.length() - 2) : text;
        try {
            double v = Double.parseDouble(n);
            if (v > 0 && Double.isFinite(v)) return v;
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new UserError("--rate '" + text + "' is not a positive rate", "write e.g. 200/s");
    }

    private static void print(ReplayPlan plan, PrintWriter out) {
        out.println((plan.done() ? "Replay '" + plan.name() + "' is complete (" + plan.alreadySent() + " sent); nothing left to send."
                : (plan.resuming() ? "Replay '" + plan.name() + "' resumes (" + plan.alreadySent() + " already sent) and would send:"
                        : "Replay '" + plan.name() + "' would send:")));
        out.println("  to      " + plan.target() + " (queue " + plan.queue() + ")");
        out.println("  window  " + EnvelopeCodec.formatTimestamp(plan.window().since()) + " (included) to "
                + EnvelopeCodec.formatTimestamp(plan.window().until()) + " (excluded)");
        int width = plan.keys().stream().mapToInt(String::length).max().orElse(10);
        for (Map.Entry<String, Long> e : plan.countsByKey().entrySet())
            out.println(String.format(Locale.ROOT, "  %-" + width + "s  %d", e.getKey(), e.getValue()));
        out.println("  total   " + plan.total());
        plan.first().ifPresent(f -> out.println("  first   " + EnvelopeCodec.formatTimestamp(f.timestamp()) + "  " + f.key() + "  "
                + f.eventId() + "  (offset " + f.offset() + ")"));
        plan.last().ifPresent(l -> out.println("  last    " + EnvelopeCodec.formatTimestamp(l.timestamp()) + "  " + l.key() + "  "
                + l.eventId() + "  (offset " + l.offset() + ")"));
        if (!plan.done()) out.println("Nothing was sent: add --yes to replay (--dry-run prints this as JSON).");
    }

    static ObjectNode json(ReplayPlan plan) {
        ObjectNode root = JsonOutput.object();
        root.put("name", plan.name()).put("target", plan.target()).put("queue", plan.queue());
        root.putObject("window").put("since", EnvelopeCodec.formatTimestamp(plan.window().since()))
                .put("until", EnvelopeCodec.formatTimestamp(plan.window().until()));
        ObjectNode counts = root.putObject("counts");
        plan.countsByKey().forEach(counts::put);
        root.put("total", plan.total()).put("resuming", plan.resuming()).put("alreadySent", plan.alreadySent()).put("done", plan.done());
        plan.first().ifPresent(f -> endpoint(root.putObject("first"), f));
        plan.last().ifPresent(l -> endpoint(root.putObject("last"), l));
        return root;
    }

    private static void endpoint(ObjectNode node, ReplayPlan.Endpoint e) {
        node.put("offset", e.offset()).put("key", e.key()).put("timestamp", EnvelopeCodec.formatTimestamp(e.timestamp()))
                .put("eventId", e.eventId().toString());
    }

    /** Count, rate and ETA: rewritten in place on a terminal, one line a second otherwise. */
    private static final class Progress implements ReplayListener {
        private final PrintWriter err;
        private final boolean terminal;
        private final long before;
        private final long started = System.nanoTime();
        private long lastLine;

        Progress(PrintWriter err, boolean terminal, long before) {
            this.err = err;
            this.terminal = terminal;
            this.before = before;
        }

        @Override
        public void confirmed(long sent, long total) {
            long now = System.nanoTime();
            boolean last = sent >= total;
            if (!last && now - lastLine < (terminal ? 100_000_000L : 1_000_000_000L)) return;
            lastLine = now;
            double seconds = Math.max(1e-3, (now - started) / 1e9);
            double perSecond = (sent - before) / seconds;
            long eta = perSecond > 0 ? Math.round((total - sent) / perSecond) : 0;
            String line = String.format(Locale.ROOT, "%d/%d sent, %.0f/s, ETA %ds", sent, total, perSecond, eta);
            if (terminal) {
                err.print("\r" + line + (last ? "\n" : ""));
            } else {
                err.println(line);
            }
            err.flush();
        }
    }
}
