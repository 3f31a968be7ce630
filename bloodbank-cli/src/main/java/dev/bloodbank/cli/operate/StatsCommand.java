package dev.bloodbank.cli.operate;

import dev.bloodbank.broker.management.ManagementClient;
import dev.bloodbank.broker.management.ManagementException;
import dev.bloodbank.broker.stats.FlowSnapshot;
import dev.bloodbank.cli.BloodbankCommand;
import dev.bloodbank.cli.ExitCodes;
import dev.bloodbank.cli.UserError;
import dev.bloodbank.cli.options.ConnectionOptions;
import dev.bloodbank.cli.options.DurationConverter;
import dev.bloodbank.cli.options.OutputOption;
import dev.bloodbank.cli.options.TopologyOption;
import dev.bloodbank.cli.text.JsonOutput;
import dev.bloodbank.topology.Topology;
import java.time.Clock;
import java.time.Duration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
        name = "stats",
        header = "Show what flows through the topology's queues right now.",
        description = {
            "Reads the vhost through the RabbitMQ management API and shows, per command worker queue"
                    + " and per subscription queue: messages ready and unacknowledged, consumers, publish"
                    + " and deliver rates (msg/s over the broker's last sample), messages waiting in the"
                    + " retry queues, and the depth of the dead-letter queue; then the queue that keeps"
                    + " unrouted events.",
            "",
            "Queues the broker lacks show as missing (run bloodbank apply). The broker's statistics lag"
                    + " the queues by a few seconds. Changes nothing on the broker."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:Success (also when queues are missing: they are shown).",
            "1:Error: invalid topology, unreachable broker, refused credentials.",
            "2:Usage error."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  bloodbank stats",
            "  bloodbank stats --watch 5s",
            "  bloodbank stats -o json --amqp-url amqp://ops:secret@rabbit:5672/events"
        })
public final class StatsCommand extends BloodbankCommand {

    private static final String CLEAR_SCREEN = "\u001b[H\u001b[2J";
    private static final Duration SHORTEST_INTERVAL = Duration.ofMillis(100);

    @Mixin
    TopologyOption topology;

    @Mixin
    ConnectionOptions connection;

    @Mixin
    OutputOption output;

    @Option(
            names = "--watch",
            arity = "0..1",
            paramLabel = "INTERVAL",
            fallbackValue = "2s",
            converter = DurationConverter.class,
            description = "Redraw every INTERVAL (default 2s; e.g. 500ms, 5s, 1m) until interrupted."
                    + " With -o json, one JSON object per line.")
    Duration watch;

    /** Stops watching after this many draws; for tests and scripts that sample a few times. */
    @Option(names = "--iterations", hidden = true, paramLabel = "N")
    int iterations;

    @Override
    public Integer call() throws InterruptedException {
        if (iterations < 0) throw new UserError("--iterations must not be negative, was " + iterations);
        if (watch != null && watch.compareTo(SHORTEST_INTERVAL) < 0)
            throw new UserError("--watch " + watch.toMillis() + "ms is too short: the broker's statistics change every few"
                    + " seconds; use at least 100ms");
        Topology loaded = topology.choose(environment()).load();
        ManagementClient client = new ManagementClient(connection.address(environment()));
        StatsView view = new StatsView(palette());
        if (watch == null) {
            draw(read(client, loaded), view, false);
            return ExitCodes.OK;
        }
        for (int drawn = 0; iterations == 0 || drawn < iterations; drawn++) {
            if (drawn > 0) Thread.sleep(watch.toMillis());
            try {
                draw(read(client, loaded), view, true);
            } catch (UserError e) {
                // A broker restart or a network blip must not end the watch an operator is looking at.
                err().println("bloodbank stats: " + e.getMessage() + " (trying again in " + watch.toMillis() + " ms)");
                err().flush();
            }
        }
        return ExitCodes.OK;
    }

    private FlowSnapshot read(ManagementClient client, Topology loaded) {
        try {
            return FlowSnapshot.read(client, loaded, Clock.systemUTC());
        } catch (ManagementException e) {
            throw ConnectionOptions.failure(e);
        }
    }

    private void draw(FlowSnapshot snapshot, StatsView view, boolean watching) {
        if (output.json()) {
            out().println(watching ? JsonOutput.compact(StatsJson.of(snapshot)) : JsonOutput.pretty(StatsJson.of(snapshot)));
        } else {
            if (watching && palette().enabled()) out().print(CLEAR_SCREEN);
            else if (watching) out().println();
            view.print(snapshot, out());
        }
        out().flush();
    }
}
