package dev.bloodbank.cli.dashboard;

import com.sun.net.httpserver.HttpServer;
import dev.bloodbank.broker.management.ManagementClient;
import dev.bloodbank.broker.runtime.RuntimeSettings;
import dev.bloodbank.topology.Topology;
import dev.bloodbank.topology.routing.Routing;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A running dashboard: the sampler reading the broker and the HTTP server answering the page and
 * the API. {@link #start} binds the port before it returns; {@link #close} stops both.
 */
public final class Dashboard implements AutoCloseable {

    /** How often the broker is read; its statistics move every 5 s by default, so faster shows nothing new. */
    public static final Duration SAMPLE_INTERVAL = Duration.ofSeconds(2);
    private static final int HANDLER_THREADS = 4;

    private final HttpServer server;
    private final ExecutorService handlers;
    private final FlowSampler sampler;
    private final String token;
    private final Optional<ArchiveFollower> archive;

    private Dashboard(HttpServer server, ExecutorService handlers, FlowSampler sampler, String token,
                      Optional<ArchiveFollower> archive) {
        this.archive = archive;
        this.server = server;
        this.handlers = handlers;
        this.sampler = sampler;
        this.token = token;
    }

    /**
     * Serves {@code topology} as it flows on the broker behind {@code management} and {@code runtime}.
     *
     * @param port 0 for any free port
     */
    public static Dashboard start(Topology topology, ManagementClient management, RuntimeSettings runtime,
                                  InetAddress bind, int port, Duration sampleInterval) {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(bind, port), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on " + bind.getHostAddress() + ":" + port + ": " + e.getMessage(), e);
        }
        int bound = server.getAddress().getPort();
        WriteGuard guard = WriteGuard.of(bind, bound, WriteGuard.newToken());
        FlowSampler sampler = new FlowSampler(management, topology, Clock.systemUTC(), sampleInterval);
        DeadLetters deadLetters = new DeadLetters(Routing.of(topology), runtime);
        Optional<ArchiveFollower> archive = topology.archive().enabled()
                ? Optional.of(new ArchiveFollower(topology, runtime.amqpUrl(), Clock.systemUTC()))
                : Optional.empty();
        HttpApi api = new HttpApi(GraphView.of(topology, management.vhost()), sampler, deadLetters, guard, Assets.load(),
                new ArchiveRoutes(archive.map(ArchiveSource.class::cast), Clock.systemUTC()));
        ExecutorService handlers = Executors.newFixedThreadPool(HANDLER_THREADS, r -> {
            Thread t = new Thread(r, "bloodbank-dashboard-http");
            t.setDaemon(true);
            return t;
        });
        server.createContext("/", api);
        server.setExecutor(handlers);
        sampler.start();
        archive.ifPresent(ArchiveFollower::start);
        server.start();
        return new Dashboard(server, handlers, sampler, guard.token(), archive);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** The token that write requests carry in the {@code X-Bloodbank-Token} header. */
    public String token() {
        return token;
    }

    /** The page's address, with the token in the fragment: the browser keeps it, the server never sees it in a log. */
    public String pageUrl(String host) {
        return "http://" + host + ":" + port() + "/#token=" + token;
    }

    @Override
    public void close() {
        server.stop(0);
        handlers.shutdownNow();
        sampler.close();
        archive.ifPresent(ArchiveFollower::close);
    }
}
