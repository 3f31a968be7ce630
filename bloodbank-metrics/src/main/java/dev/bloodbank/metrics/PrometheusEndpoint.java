package dev.bloodbank.metrics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;

/**
 * Serves {@code GET /metrics} in the Prometheus text format from the JDK's built-in HTTP server,
 * so turning metrics on adds no web framework to a service.
 */
public final class PrometheusEndpoint implements AutoCloseable {

    private static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final HttpServer server;
    private final PrometheusMeterRegistry registry;

    private PrometheusEndpoint(HttpServer server, PrometheusMeterRegistry registry) {
        this.server = server;
        this.registry = registry;
    }

    /** Starts serving on {@code address}; port 0 picks a free port (see {@link #uri()}). */
    public static PrometheusEndpoint start(PrometheusMeterRegistry registry, InetSocketAddress address) throws IOException {
        HttpServer server = HttpServer.create(address, 0);
        PrometheusEndpoint endpoint = new PrometheusEndpoint(server, registry);
        server.createContext("/metrics", endpoint::serve);
        server.setExecutor(Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "bloodbank-prometheus");
            t.setDaemon(true);
            return t;
        }));
        server.start();
        return endpoint;
    }

    /** The scrape URL, e.g. {@code http://0.0.0.0:9464/metrics}. */
    public URI uri() {
        InetSocketAddress address = server.getAddress();
        // A wildcard bind answers on every interface; name the loopback one so the URI is usable.
        String host = address.getAddress().isAnyLocalAddress() ? "localhost" : address.getHostString();
        if (host.indexOf(':') >= 0) host = "[" + host + "]";
        return URI.create("http://" + host + ":" + address.getPort() + "/metrics");
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"GET".equals(exchange.getRequestMethod()) && !"HEAD".equals(exchange.getRequestMethod())) {
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            byte[] body = registry.scrape().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", CONTENT_TYPE);
            if ("HEAD".equals(exchange.getRequestMethod())) {
                exchange.sendResponseHeaders(200, -1);
                return;
            }
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
