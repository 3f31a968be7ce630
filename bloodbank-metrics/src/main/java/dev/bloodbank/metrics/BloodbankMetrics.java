package dev.bloodbank.metrics;

import dev.bloodbank.flow.FlowListener;
import dev.bloodbank.topology.Topology;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * Bloodbank's meters as a Micrometer {@link MeterBinder}: bind them to the registry the service
 * already has, hand {@link #listener()} to the runtime, and close to remove every meter again.
 *
 * <pre>{@code
 * try (var metrics = BloodbankMetrics.of(topology, "transcript-processor")) {
 *     metrics.bindTo(registry);
 *     var settings = RuntimeSettings.builder(amqpUrl, "transcript-processor").listener(metrics.listener()).build();
 *     ...
 * }
 * }</pre>
 *
 * Or, with a Prometheus registry and scrape endpoint of its own, in one call:
 * {@link #prometheus(Topology, String, int)}. The topology tells events from commands: every
 * meter carries a {@code kind} tag.
 */
public final class BloodbankMetrics implements MeterBinder, AutoCloseable {

    private final String service;
    private final TimerShape shape;
    private final UnaryOperator<String> kindOf;
    private final ForwardingListener listener = new ForwardingListener();
    private MeterRegistry registry;
    private MicrometerFlowListener meters;
    private PrometheusEndpoint endpoint;
    private boolean closed;

    private BloodbankMetrics(Topology topology, String service, TimerShape shape) {
        this.service = service;
        this.shape = shape;
        this.kindOf = key -> topology.message(key).map(m -> m.kind().label()).orElse(MeterNames.KIND_UNKNOWN);
    }

    /** Meters with the default timers (client-side p50, p95, p99; no histogram), not yet bound. */
    public static BloodbankMetrics of(Topology topology, String service) {
        return builder(topology, service).build();
    }

    /**
     * @param topology what tells events from commands
     * @param service  the publishing application's name, the {@code service} tag of publish meters
     */
    public static Builder builder(Topology topology, String service) {
        return new Builder(topology, service);
    }

    /** Default meters in a new Prometheus registry, scraped at {@code http://0.0.0.0:PORT/metrics}; port 0 picks one. */
    public static BloodbankMetrics prometheus(Topology topology, String service, int port) {
        return builder(topology, service).servePrometheus(port);
    }

    /** Registers the gauge at once and every other meter when its key is first seen; one registry per instance. */
    @Override
    public synchronized void bindTo(MeterRegistry registry) {
        Objects.requireNonNull(registry, "registry");
        if (closed) throw new IllegalStateException("these metrics are closed; make new ones to bind again");
        if (this.registry != null)
            throw new IllegalStateException("these metrics are bound to a registry already; to report to several, bind to a CompositeMeterRegistry");
        this.registry = registry;
        meters = new MicrometerFlowListener(registry, service, shape, kindOf);
        listener.forwardTo(meters);
    }

    /** The flow listener to hand to the runtime; it records nothing until {@link #bindTo} and after {@link #close}. */
    public FlowListener listener() {
        return listener;
    }

    /** The registry bound to, or null before {@link #bindTo}. */
    public synchronized MeterRegistry registry() {
        return registry;
    }

    /** The scrape URL, or null unless made by {@link #prometheus} or {@link Builder#servePrometheus}. */
    public synchronized URI scrapeUri() {
        return endpoint == null ? null : endpoint.uri();
    }

    /** Removes every meter registered, as Micrometer's own closeable binders do; stops an own endpoint. */
    @Override
    public synchronized void close() {
        if (closed) return;
        closed = true;
        listener.forwardTo(FlowListener.NO_OP);
        if (meters != null) meters.close();
        if (endpoint != null) {
            endpoint.close();
            registry.close();
        }
    }

    private synchronized BloodbankMetrics serving(PrometheusMeterRegistry own, PrometheusEndpoint endpoint) {
        bindTo(own);
        this.endpoint = endpoint;
        return this;
    }

    /** Options for the timers; every one has a default. */
    public static final class Builder {
        private final Topology topology;
        private final String service;
        private double[] percentiles = TimerShape.DEFAULT.percentiles();
        private boolean percentileHistogram = TimerShape.DEFAULT.percentileHistogram();

        private Builder(Topology topology, String service) {
            this.topology = Objects.requireNonNull(topology, "topology");
            if (service == null || service.isBlank()) throw new IllegalArgumentException("service is empty: name the publishing application");
            this.service = service;
        }

        /** Percentiles computed in the process, per instance (default 0.5, 0.95, 0.99); none turns them off. */
        public Builder percentiles(double... percentiles) {
            this.percentiles = Objects.requireNonNull(percentiles, "percentiles").clone();
            return this;
        }

        /**
         * Also publish histogram buckets (off by default). A backend such as Prometheus adds the
         * buckets of every instance up before computing a quantile
         * ({@code histogram_quantile(0.99, sum by (le) (rate(bloodbank_messages_latency_seconds_bucket[5m])))}),
         * which per-instance percentiles cannot give; it costs one more series per bucket and timer.
         */
        public Builder percentileHistogram(boolean on) {
            this.percentileHistogram = on;
            return this;
        }

        /** The meters, not yet bound. */
        public BloodbankMetrics build() {
            return new BloodbankMetrics(topology, service, new TimerShape(percentiles, percentileHistogram));
        }

        /** The meters bound to a new Prometheus registry, served at {@code http://0.0.0.0:PORT/metrics}; port 0 picks one. */
        public BloodbankMetrics servePrometheus(int port) {
            if (port < 0 || port > 65535) throw new IllegalArgumentException("port must be 0..65535, was " + port);
            BloodbankMetrics metrics = build();
            PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            try {
                return metrics.serving(registry, PrometheusEndpoint.start(registry, new InetSocketAddress(port)));
            } catch (IOException e) {
                registry.close();
                throw new UncheckedIOException("cannot serve Prometheus metrics on port " + port + ": " + e.getMessage(), e);
            }
        }
    }
}
