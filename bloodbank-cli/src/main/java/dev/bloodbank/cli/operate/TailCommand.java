package dev.bloodbank.cli.operate;

import dev.bloodbank.broker.runtime.BrokerUnavailableException;
import dev.bloodbank.broker.runtime.RuntimeSettings;
import dev.bloodbank.broker.runtime.Tail;
import dev.bloodbank.cli.BloodbankCommand;
import dev.bloodbank.cli.ExitCodes;
import dev.bloodbank.cli.UserError;
import dev.bloodbank.cli.options.ConnectionOptions;
import dev.bloodbank.cli.options.DurationConverter;
import dev.bloodbank.cli.options.OutputOption;
import dev.bloodbank.cli.options.TimeArgument;
import dev.bloodbank.cli.options.TopologyOption;
import dev.bloodbank.cli.text.JsonOutput;
import dev.bloodbank.envelope.Envelope;
import dev.bloodbank.envelope.EnvelopeCodec;
import dev.bloodbank.topology.Topology;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
        name = "tail",
        header = "Print events (and commands) as they are published.",
        description = {
            "Binds a private, temporary queue (exclusive, deleted on exit) to the events exchange with",
            "the given topic patterns (# when none), and to the commands exchange too with --commands,",
            "then prints every envelope as it arrives. It takes nothing from the services' queues.",
            "",
            "Text output: one line per message (time, key, event id, source app@host, payload).",
            "JSON output (-o json): one envelope per line, as it travelled, for jq.",
            "",
            "With --since it reads the archive instead: the messages archived from that time on",
            "(envelope timestamp at or after it), then keeps following new ones as they are archived.",
            "",
            "Runs until interrupted, or until --count messages arrived, or until --timeout passed.",
            "Exit 1 when --count was given and the timeout came first."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  bloodbank tail 'fireflies.#'",
            "  bloodbank tail --commands 'agent.#' -o json | jq .payload",
            "  bloodbank tail fireflies.transcript.ready --count 1 --timeout 30s",
            "  bloodbank tail --since 10m 'github.#'"
        })
public final class TailCommand extends BloodbankCommand {

    @Parameters(paramLabel = "PATTERN", arity = "0..*",
            description = "Topic patterns: * matches one word, # any number; # when none is given.")
    List<String> patterns = new ArrayList<>();

    @Option(names = "--commands", description = "Also print commands matching the patterns.")
    boolean commands;

    @Option(names = "--count", paramLabel = "N", description = "Exit after N messages.")
    Integer count;

    @Option(names = "--timeout", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Exit after this long (500ms, 10s, 2m, PT1M).")
    Duration timeout;

    @Option(names = "--since", paramLabel = "TIME",
            description = "Start from the archive at this time (a timestamp or a duration back, e.g. 10m), then follow.")
    String since;

    @Mixin
    TopologyOption topology;

    @Mixin
    ConnectionOptions connection;

    @Mixin
    OutputOption output;

    private Topology loaded;

    @Override
    public Integer call() throws InterruptedException {
        if (count != null && count < 1) throw new UserError("--count must be at least 1, was " + count);
        loaded = topology.choose(environment()).load();
        RuntimeSettings settings = RuntimeSettings.of(connection.amqpUrl(environment()), "bloodbank-tail");
        List<String> bound = patterns.isEmpty() ? List.of("#") : patterns;
        if (since != null) return fromArchive(bound, TimeArgument.parse("--since", since, java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS)));
        try (Tail tail = Tail.open(loaded, bound, commands, settings)) {
            err().println("tailing " + String.join(" ", bound) + " on " + loaded.exchanges().events()
                    + (commands ? " and " + loaded.exchanges().commands() : "") + " (Ctrl-C to stop)");
            err().flush();
            long deadline = timeout == null ? Long.MAX_VALUE : System.nanoTime() + timeout.toNanos();
            int printed = 0;
            while (count == null || printed < count) {
                long left = deadline - System.nanoTime();
                if (left <= 0) break;
                Tail.Seen seen = tail.next(Duration.ofNanos(Math.min(left, Duration.ofMillis(250).toNanos())));
                if (seen == null) continue;
                print(seen, out());
                out().flush();
                printed++;
            }
            if (count != null && printed < count) {
                err().println("bloodbank: timed out after " + timeout + " with " + printed + " of " + count + " messages");
                return ExitCodes.USER_ERROR;
            }
            return ExitCodes.OK;
        } catch (BrokerUnavailableException e) {
            throw new UserError(e.getMessage(), "is RabbitMQ running and the topology applied? --amqp-url names the broker");
        }
    }

    /** History from the archive, then live: one stream consumer that keeps reading past the end. */
    private int fromArchive(List<String> bound, java.time.Instant from) {
        for (String p : bound) {
            dev.bloodbank.topology.TopicPattern.problem(p).ifPresent(problem -> {
                throw new UserError("pattern '" + p + "' " + problem, "'*' is one word, '#' any number, e.g. 'github.#'");
            });
        }
        long deadline = timeout == null ? Long.MAX_VALUE : System.nanoTime() + timeout.toNanos();
        int[] printed = {0};
        try (dev.bloodbank.broker.history.History history = dev.bloodbank.broker.history.History.connect(loaded,
                connection.amqpUrl(environment()))) {
            err().println("tailing " + String.join(" ", bound) + " from the archive since "
                    + EnvelopeCodec.formatTimestamp(from) + ", then live (Ctrl-C to stop)");
            err().flush();
            history.tail(from, m -> (commands || !m.exchange().equals(loaded.exchanges().commands()))
                    && bound.stream().anyMatch(p -> dev.bloodbank.topology.TopicPattern.matches(p, m.routingKey())), deadline, m -> {
                        Envelope e = m.envelope().orElse(null);
                        print(new Tail.Seen(m.exchange(), m.routingKey(), e, e == null ? "not an envelope" : null, m.body(), 0), out());
                        out().flush();
                        return count == null || ++printed[0] < count;
                    });
        } catch (dev.bloodbank.broker.history.HistoryException e) {
            throw new UserError(e.getMessage());
        }
        if (count != null && printed[0] < count) {
            err().println("bloodbank: timed out after " + timeout + " with " + printed[0] + " of " + count + " messages");
            return ExitCodes.USER_ERROR;
        }
        return ExitCodes.OK;
    }

    private void print(Tail.Seen seen, PrintWriter out) {
        Envelope e = seen.envelope();
        if (output.json()) {
            out.println(e != null ? EnvelopeCodec.standard().toJson(e) : JsonOutput.plainObject()
                    .put("routing_key", seen.routingKey()).put("problem", seen.problem()).put("body", seen.bodyText()).toString());
            return;
        }
        if (e == null) {
            out.println("?  " + seen.routingKey() + "  (" + seen.problem() + ")  " + seen.bodyText());
            return;
        }
        String kind = seen.exchange().equals(loaded.exchanges().commands()) ? "command " : "";
        String correlation = e.correlationIds().isEmpty() ? ""
                : "  ← " + e.correlationIds().stream().map(Object::toString).collect(Collectors.joining(","));
        out.println(EnvelopeCodec.formatTimestamp(e.timestamp()) + "  " + kind + e.eventType() + "  " + e.eventId() + "  "
                + e.source().app() + "@" + e.source().host() + correlation + "  " + e.payload());
    }
}
