package dev.bloodbank.broker.runtime;

import dev.bloodbank.engine.DedupStore;
import dev.bloodbank.engine.InMemoryDedupStore;
import dev.bloodbank.envelope.Source;
import dev.bloodbank.flow.FlowListener;
import java.time.Duration;
import java.util.Objects;

/**
 * How a publisher or a running application connects and behaves. Start from {@link #of} and
 * change what you need with the {@code withX} methods; every value has a sensible default.
 *
 * @param amqpUrl          {@code amqp://user:pass@host:5672/vhost}
 * @param sourceApp        written into {@code source.app} of every envelope this process publishes
 * @param sourceHost       written into {@code source.host}; this machine's name by default
 * @param dedupStore       where handled event ids are remembered (in-memory by default)
 * @param listener         told about every publish and delivery (no-op by default)
 * @param publishWindow    most publishes awaiting a confirm at once (default 1000)
 * @param windowTimeout    how long a publish waits for room in a full window before its future
 *                         fails with {@link PublishException.Reason#WINDOW_FULL} (default 10s)
 * @param confirmTimeout   how long a publish waits for the broker's confirm before its future fails
 *                         with {@link PublishException.Reason#CONFIRM_TIMEOUT} (default 30s)
 * @param shutdownTimeout  how long closing waits for in-flight handlers (default 30s)
 * @param concurrency      handler threads (one channel each) per consumer (default 1)
 * @param recoveryInterval wait between reconnection attempts after a connection loss (default 2s)
 */
public record RuntimeSettings(
        String amqpUrl,
        String sourceApp,
        String sourceHost,
        DedupStore dedupStore,
        FlowListener listener,
        int publishWindow,
        Duration windowTimeout,
        Duration confirmTimeout,
        Duration shutdownTimeout,
        int concurrency,
        Duration recoveryInterval) {

    public RuntimeSettings {
        Objects.requireNonNull(amqpUrl, "amqpUrl");
        if (sourceApp == null || sourceApp.isBlank()) throw new IllegalArgumentException("sourceApp is empty: name the publishing application");
        Objects.requireNonNull(sourceHost, "sourceHost");
        Objects.requireNonNull(dedupStore, "dedupStore");
        Objects.requireNonNull(listener, "listener");
        if (publishWindow < 1) throw new IllegalArgumentException("publishWindow must be at least 1, was " + publishWindow);
        if (concurrency < 1) throw new IllegalArgumentException("concurrency must be at least 1, was " + concurrency);
        positive(windowTimeout, "windowTimeout");
        positive(confirmTimeout, "confirmTimeout");
        positive(shutdownTimeout, "shutdownTimeout");
        positive(recoveryInterval, "recoveryInterval");
    }

    private static void positive(Duration d, String name) {
        if (d == null || d.isNegative() || d.isZero()) throw new IllegalArgumentException(name + " must be positive, was " + d);
    }

    /** Defaults for everything but where to connect and who is publishing. */
    public static RuntimeSettings of(String amqpUrl, String sourceApp) {
        return new RuntimeSettings(amqpUrl, sourceApp, Source.localHost(), InMemoryDedupStore.withDefaults(),
                FlowListener.NO_OP, 1000, Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(30), 1,
                Duration.ofSeconds(2));
    }

    public RuntimeSettings withSourceHost(String v) {
        return new RuntimeSettings(amqpUrl, sourceApp, v, dedupStore, listener, publishWindow, windowTimeout, confirmTimeout, shutdownTimeout, concurrency, recoveryInterval);
    }

    public RuntimeSettings withDedupStore(DedupStore v) {
        return new RuntimeSettings(amqpUrl, sourceApp, sourceHost, v, listener, publishWindow, windowTimeout, confirmTimeout, shutdownTimeout, concurrency, recoveryInterval);
    }

    public RuntimeSettings withListener(FlowListener v) {
        return new RuntimeSettings(amqpUrl, sourceApp, sourceHost, dedupStore, v, publishWindow, windowTimeout, confirmTimeout, shutdownTimeout, concurrency, recoveryInterval);
    }

    public RuntimeSettings withPublishWindow(int v) {
        return new RuntimeSettings(amqpUrl, sourceApp, sourceHost, dedupStore, listener, v, windowTimeout, confirmTimeout, shutdownTimeout, concurrency, recoveryInterval);
    }

    public RuntimeSettings withWindowTimeout(Duration v) {
        return new RuntimeSettings(amqpUrl, sourceApp, sourceHost, dedupStore, listener, publishWindow, v, confirmTimeout, shutdownTimeout, concurrency, recoveryInterval);
    }

    public RuntimeSettings withConfirmTimeout(Duration v) {
        return new RuntimeSettings(amqpUrl, sourceApp, sourceHost, dedupStore, listener, publishWindow, windowTimeout, v, shutdownTimeout, concurrency, recoveryInterval);
    }

    public RuntimeSettings withShutdownTimeout(Duration v) {
        return new RuntimeSettings(amqpUrl, sourceApp, sourceHost, dedupStore, listener, publishWindow, windowTimeout, confirmTimeout, v, concurrency, recoveryInterval);
    }

    public RuntimeSettings withConcurrency(int v) {
        return new RuntimeSettings(amqpUrl, sourceApp, sourceHost, dedupStore, listener, publishWindow, windowTimeout, confirmTimeout, shutdownTimeout, v, recoveryInterval);
    }

    public RuntimeSettings withRecoveryInterval(Duration v) {
        return new RuntimeSettings(amqpUrl, sourceApp, sourceHost, dedupStore, listener, publishWindow, windowTimeout, confirmTimeout, shutdownTimeout, concurrency, v);
    }

    /** The source written into envelopes this process publishes. */
    public Source source() {
        return new Source(sourceHost, "service", sourceApp, null);
    }
}
