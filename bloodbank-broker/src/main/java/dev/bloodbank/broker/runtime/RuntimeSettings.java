package dev.bloodbank.broker.runtime;

import dev.bloodbank.engine.DedupStore;
import dev.bloodbank.engine.InMemoryDedupStore;
import dev.bloodbank.envelope.Source;
import dev.bloodbank.flow.FlowListener;
import java.time.Duration;
import java.util.Objects;

/**
 * How a publisher or a running application connects and behaves. {@link #of} gives the defaults;
 * {@link #builder} changes what you need, {@link #toBuilder} derives from existing settings.
 * Every value but the URL and the application name has a sensible default.
 *
 * @param amqpUrl          {@code amqp://user:pass@host:5672/vhost}
 * @param sourceApp        written into {@code source.app} of every envelope this process publishes
 * @param sourceHost       written into {@code source.host}; this machine's name by default
 * @param dedupStore       where handled event ids are remembered (in-memory by default)
 * @param listener         told about every publish and delivery (no-op by default)
 * @param publishWindow    most publishes awaiting a confirm at once (default 1000)
 * @param windowTimeout    how long a publish waits for room in a full window, or for the broker to
 *                         unblock publishing, before its future fails with
 *                         {@link PublishException.Reason#WINDOW_FULL} or
 *                         {@link PublishException.Reason#BLOCKED} (default 10s)
 * @param confirmTimeout   how long a publish waits for the broker's confirm before its future fails
 *                         with {@link PublishException.Reason#CONFIRM_TIMEOUT} (default 30s); also
 *                         how long one write may stay stuck in a connection that the broker stopped
 *                         reading before that connection is cut and recovered
 * @param shutdownTimeout  how long closing waits for in-flight handlers (default 30s)
 * @param concurrency      handler threads (one channel each) per consumer (default 1)
 * @param recoveryInterval wait between reconnection attempts after a connection loss (default 2s)
 * @param sendDelay        how long a connection gathers what it writes before sending it, so that a
 *                         stream of publishes goes out a few dozen at a time (default 300µs; zero
 *                         sends each command at once, as amqp-client does; TLS connections always do)
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
        Duration recoveryInterval,
        Duration sendDelay) {

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
        if (sendDelay == null || sendDelay.isNegative() || sendDelay.compareTo(MAX_SEND_DELAY) > 0)
            throw new IllegalArgumentException("sendDelay must be between 0 and " + MAX_SEND_DELAY.toMillis()
                    + " ms, was " + sendDelay + ": it is added to a lone message's confirm time");
    }

    /** The longest {@link #sendDelay}: more would hold messages longer than a broker takes to confirm them. */
    static final Duration MAX_SEND_DELAY = Duration.ofMillis(10);

    private static void positive(Duration d, String name) {
        if (d == null || d.isNegative() || d.isZero()) throw new IllegalArgumentException(name + " must be positive, was " + d);
    }

    /** Defaults for everything but where to connect and who is publishing. */
    public static RuntimeSettings of(String amqpUrl, String sourceApp) {
        return builder(amqpUrl, sourceApp).build();
    }

    /** Starts from the defaults of {@link #of}; set only what differs, then {@link Builder#build}. */
    public static Builder builder(String amqpUrl, String sourceApp) {
        return new Builder(amqpUrl, sourceApp);
    }

    /** A builder holding these settings, to derive settings that differ in a few values. */
    public Builder toBuilder() {
        return new Builder(amqpUrl, sourceApp)
                .sourceHost(sourceHost)
                .dedupStore(dedupStore)
                .listener(listener)
                .publishWindow(publishWindow)
                .windowTimeout(windowTimeout)
                .confirmTimeout(confirmTimeout)
                .shutdownTimeout(shutdownTimeout)
                .concurrency(concurrency)
                .recoveryInterval(recoveryInterval)
                .sendDelay(sendDelay);
    }

    /**
     * Collects settings; {@link #build} checks them all at once, so a bad value is reported by the
     * record's constructor with its name, whichever order the values were set in.
     */
    public static final class Builder {
        private final String amqpUrl;
        private final String sourceApp;
        private String sourceHost = Source.localHost();
        private DedupStore dedupStore;
        private FlowListener listener = FlowListener.NO_OP;
        private int publishWindow = 1000;
        private Duration windowTimeout = Duration.ofSeconds(10);
        private Duration confirmTimeout = Duration.ofSeconds(30);
        private Duration shutdownTimeout = Duration.ofSeconds(30);
        private int concurrency = 1;
        private Duration recoveryInterval = Duration.ofSeconds(2);
        private Duration sendDelay = Duration.ofNanos(300_000);

        private Builder(String amqpUrl, String sourceApp) {
            this.amqpUrl = amqpUrl;
            this.sourceApp = sourceApp;
        }

        public Builder sourceHost(String v) { sourceHost = v; return this; }

        public Builder dedupStore(DedupStore v) { dedupStore = Objects.requireNonNull(v, "dedupStore"); return this; }

        public Builder listener(FlowListener v) { listener = v; return this; }

        public Builder publishWindow(int v) { publishWindow = v; return this; }

        public Builder windowTimeout(Duration v) { windowTimeout = v; return this; }

        public Builder confirmTimeout(Duration v) { confirmTimeout = v; return this; }

        public Builder shutdownTimeout(Duration v) { shutdownTimeout = v; return this; }

        public Builder concurrency(int v) { concurrency = v; return this; }

        public Builder recoveryInterval(Duration v) { recoveryInterval = v; return this; }

        public Builder sendDelay(Duration v) { sendDelay = v; return this; }

        public RuntimeSettings build() {
            // A fresh store per build unless one was given: two applications built from one
            // builder must not share what each has already handled.
            DedupStore store = dedupStore != null ? dedupStore : InMemoryDedupStore.withDefaults();
            return new RuntimeSettings(amqpUrl, sourceApp, sourceHost, store, listener, publishWindow, windowTimeout,
                    confirmTimeout, shutdownTimeout, concurrency, recoveryInterval, sendDelay);
        }
    }

    /** The source written into envelopes this process publishes. */
    public Source source() {
        return new Source(sourceHost, "service", sourceApp, null);
    }
}
