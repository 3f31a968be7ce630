package dev.bloodbank.cli.dashboard;

import dev.bloodbank.broker.management.ManagementClient;
import dev.bloodbank.broker.runtime.RuntimeSettings;
import dev.bloodbank.cli.BloodbankCommand;
import dev.bloodbank.cli.ExitCodes;
import dev.bloodbank.cli.UserError;
import dev.bloodbank.cli.options.ConnectionOptions;
import dev.bloodbank.cli.options.TopologyOption;
import dev.bloodbank.topology.Topology;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
        name = "dashboard",
        header = "Serve a web page of what flows where on the bus.",
        description = {
            "Serves a page with the graph of the topology (each key, its exchange, the subscriptions and"
                    + " command workers it reaches, their consumers connected now), the figures of every"
                    + " queue, refreshed every 2 s, and the dead letters of each queue with a replay action."
                    + " Queues with ready messages and no consumer, consumers falling behind and growing"
                    + " dead-letter queues stand out. Every view is a JSON API too (docs/dashboard.md).",
            "",
            "Replay needs the token printed at start-up (the printed address carries it). Binds to"
                    + " 127.0.0.1 unless --bind says otherwise. Runs until interrupted."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  bloodbank dashboard",
            "  bloodbank dashboard --port 9000 --amqp-url amqp://ops:secret@rabbit:5672/events"
        })
public final class DashboardCommand extends BloodbankCommand {

    @Mixin
    TopologyOption topology;

    @Mixin
    ConnectionOptions connection;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "8088",
            description = "The port to listen on (default ${DEFAULT-VALUE}; 0 for any free port).")
    int port;

    @Option(names = "--bind", paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
            description = "The address to listen on (default ${DEFAULT-VALUE}: this machine only).")
    String bind;

    @Override
    public Integer call() throws InterruptedException {
        if (port < 0 || port > 65_535) throw new UserError("--port must be from 0 to 65535, was " + port);
        InetAddress address;
        try {
            address = InetAddress.getByName(bind);
        } catch (UnknownHostException e) {
            throw new UserError("--bind " + bind + " is not an address of this machine");
        }
        Topology loaded = topology.choose(environment()).load();
        ManagementClient management = new ManagementClient(connection.address(environment()));
        RuntimeSettings runtime = RuntimeSettings.of(connection.amqpUrl(environment()), "bloodbank-dashboard");
        Dashboard dashboard;
        try {
            dashboard = Dashboard.start(loaded, management, runtime, address, port, Dashboard.SAMPLE_INTERVAL);
        } catch (UncheckedIOException e) {
            throw new UserError(e.getMessage(), "choose another --port, or stop what listens there");
        }
        String host = address.isLoopbackAddress() ? "127.0.0.1" : address.isAnyLocalAddress() ? "localhost" : bind;
        out().println("bloodbank dashboard: vhost '" + management.vhost() + "' on " + management.address().managementDisplay());
        out().println("  open   " + dashboard.pageUrl(host));
        out().println("  token  " + dashboard.token() + "   (the " + "X-Bloodbank-Token header of write requests)");
        out().println("Stop with Ctrl-C.");
        out().flush();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            dashboard.close();
            stopped.countDown();
        }, "bloodbank-dashboard-stop"));
        stopped.await();
        return ExitCodes.OK;
    }
}
