package dev.bloodbank.metrics;

import dev.bloodbank.flow.FlowListener;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;

/**
 * Metrics for one service in one call:
 *
 * <pre>{@code
 * try (var metrics = BloodbankMetrics.prometheus("transcript-processor", 9464)) {
 *     settings = settings.withFlowListener(metrics.listener());
 *     ...
 * }
 * }</pre>
 *
 * Or, with a registry the service already has: {@link #bind(MeterRegistry, String)}.
 */
public final class BloodbankMetrics implements AutoCloseable {

    private final MeterRegistry registry;
    private final MicrometerFlowListener listener;
    private final PrometheusEndpoint endpoint;

    private BloodbankMetrics(MeterRegistry registry, MicrometerFlowListener listener, PrometheusEndpoint endpoint) {
        this.registry = registry;
        this.listener = listener;
        this.endpoint = endpoint;
    }

    /** Meters in a new Prometheus registry, scraped at {@code http://0.0.0.0:PORT/metrics}; port 0 picks one. */
    public static BloodbankMetrics prometheus(String service, int port) {
        if (port < 0 || port > 65535) throw new IllegalArgumentException("port must be 0..65535, was " + port);
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        try {
            PrometheusEndpoint endpoint = PrometheusEndpoint.start(registry, new InetSocketAddress(port));
            return new BloodbankMetrics(registry, new MicrometerFlowListener(registry, service), endpoint);
        } catch (IOException e) {
            registry.close();
            throw new UncheckedIOException("cannot serve Prometheus metrics on port " + port + ": " + e.getMessage(), e);
        }
    }

    /** Meters in a registry the service already has; no endpoint. */
    public static BloodbankMetrics bind(MeterRegistry registry, String service) {
        return new BloodbankMetrics(registry, new MicrometerFlowListener(registry, service), null);
    }

    /** The flow listener to hand to the runtime. */
    public FlowListener listener() {
        return listener;
    }

    public MeterRegistry registry() {
        return registry;
    }

    /** The scrape URL, or null when bound to an existing registry. */
    public URI scrapeUri() {
        return endpoint == null ? null : endpoint.uri();
    }

    @Override
    public void close() {
        listener.close();
        if (endpoint != null) {
            endpoint.close();
            registry.close();
        }
    }
}
