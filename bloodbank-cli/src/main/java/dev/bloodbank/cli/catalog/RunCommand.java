package dev.bloodbank.cli.catalog;

import dev.bloodbank.broker.management.BrokerAddress;
import dev.bloodbank.broker.runtime.Bloodbank;
import dev.bloodbank.broker.runtime.BloodbankRuntime;
import dev.bloodbank.broker.runtime.BrokerUnavailableException;
import dev.bloodbank.broker.runtime.RuntimeSettings;
import dev.bloodbank.cli.BloodbankCommand;
import dev.bloodbank.cli.ExitCodes;
import dev.bloodbank.cli.UsageError;
import dev.bloodbank.cli.UserError;
import dev.bloodbank.cli.options.ConnectionOptions;
import dev.bloodbank.cli.options.TopologyOption;
import dev.bloodbank.dsl.BloodbankApp;
import dev.bloodbank.dsl.BloodbankApplication;
import dev.bloodbank.dsl.DiscoveredApplications;
import dev.bloodbank.metrics.BloodbankMetrics;
import dev.bloodbank.topology.Topology;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLClassLoader;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
        name = "run",
        header = "Run an application on RabbitMQ until Ctrl-C, with its metrics served.",
        description = {
            "Finds the applications registered on bloodbank's class path and on --classpath (as"
                    + " describe does), builds the one named by --service against the topology, starts a"
                    + " consumer for each of its queues and serves its meters for Prometheus. Prints one"
                    + " line once it consumes, and one when it stopped.",
            "",
            "Ctrl-C or SIGTERM stops it gracefully: consuming stops, handlers already running finish"
                    + " and are acknowledged, messages prefetched but not started go back to their queues.",
            "",
            "The queues must exist: `bloodbank apply` first.",
            "",
            "An application is a public class implementing BloodbankApplication (bloodbank-dsl, package"
                    + " dev.bloodbank.dsl) with a public no-argument constructor, named in the file",
            "  " + BloodbankApplication.REGISTRATION
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:Stopped gracefully.",
            "1:Failure: no application or an unknown one, wiring that does not fit the topology, an"
                    + " invalid topology, a broker that cannot be reached or a queue that does not exist,"
                    + " a metrics port in use.",
            "2:Usage error: an unknown option, a missing or malformed argument."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  bloodbank run --classpath examples/target/classes",
            "  bloodbank run --classpath app.jar:lib/client.jar --service transcript-processor --metrics-port 9465"
        })
public final class RunCommand extends BloodbankCommand {

    public static final String METRICS_PORT_VARIABLE = "BLOODBANK_METRICS_PORT";
    static final int DEFAULT_METRICS_PORT = 9464;

    @Option(names = "--service", paramLabel = "NAME",
            description = "The application to run, by the name `bloodbank describe` lists. Default: the only application found.")
    String service;

    @Option(names = "--metrics-port", paramLabel = "PORT",
            description = "Serve Prometheus metrics at http://localhost:PORT/metrics; 0 picks a free port."
                    + " Default: $" + METRICS_PORT_VARIABLE + ", else " + DEFAULT_METRICS_PORT + ".")
    String metricsPort;

    @Mixin
    ApplicationClassPath classPath;

    @Mixin
    TopologyOption topology;

    @Mixin
    ConnectionOptions connection;

    @Override
    public Integer call() {
        int port = metricsPort();
        BrokerAddress address = connection.address(environment());
        String amqpUrl = connection.amqpUrl(environment());
        try (URLClassLoader loader = classPath.open(environment())) {
            ApplicationChoice choice = new ApplicationChoice(DiscoveredApplications.discover(loader), classPath.paths(environment()), environment());
            if (!choice.usable(err())) return ExitCodes.USER_ERROR;
            String name = chosen(choice.found());
            choice.named(name);
            Topology loaded = topology.choose(environment()).loadChecked(); // a service checks every schema before it consumes
            BloodbankApp app = choice.build(name, loaded, err());
            return run(name, app, address, amqpUrl, port);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private int run(String name, BloodbankApp app, BrokerAddress address, String amqpUrl, int port) {
        BloodbankMetrics metrics;
        try {
            metrics = BloodbankMetrics.prometheus(app.topology(), app.service(), port);
        } catch (UncheckedIOException e) {
            throw new UserError(e.getMessage(), "--metrics-port names another port; 0 picks a free one");
        }
        RuntimeSettings settings = RuntimeSettings.builder(amqpUrl, app.service()).listener(metrics.listener()).build();
        BloodbankRuntime.Running running;
        try {
            running = Bloodbank.run(app, settings);
        } catch (BrokerUnavailableException e) {
            metrics.close();
            throw new UserError(e.getMessage(), "is RabbitMQ running and the topology applied? --amqp-url names the broker");
        }
        RunningService service = new RunningService(name, running, settings.shutdownTimeout(), metrics, out());
        Thread hook = new Thread(service::stop, "bloodbank-run-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        out().println(name + " is running as " + app.service() + " on vhost '" + address.vhost() + "': consuming "
                + app.consumers().stream().map(consumer -> consumer.queue().queue()).collect(Collectors.joining(", "))
                + "; metrics at " + metrics.scrapeUri() + "; Ctrl-C stops it once in-flight handlers finish");
        out().flush();
        boolean interrupted = false;
        try {
            service.awaitStopped();
        } catch (InterruptedException e) {
            // Interrupted in-process (an embedding caller, a test): stop here, as the hook does on a signal.
            interrupted = true;
        }
        if (service.stop()) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the JVM is exiting: nothing left for the hook to do
            }
        }
        if (interrupted) Thread.currentThread().interrupt();
        return ExitCodes.OK;
    }

    private String chosen(DiscoveredApplications found) {
        if (service != null) return service;
        if (found.names().size() == 1) return found.names().get(0);
        throw new UserError(found.names().size() + " applications found: " + String.join(", ", found.names()),
                "choose one with --service NAME");
    }

    private int metricsPort() {
        String given = metricsPort != null ? metricsPort : environment().variable(METRICS_PORT_VARIABLE);
        if (given == null) return DEFAULT_METRICS_PORT;
        String origin = metricsPort != null ? "--metrics-port" : "$" + METRICS_PORT_VARIABLE;
        try {
            int port = Integer.parseInt(given.strip());
            if (port >= 0 && port <= 65535) return port;
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageError("the metrics port '" + given + "' (from " + origin + ") is not a port; expected a number from 0 to 65535 (0 picks a free port)");
    }
}
