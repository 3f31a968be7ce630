package dev.bloodbank.cli.dashboard;

import dev.bloodbank.broker.management.ManagementClient;
import dev.bloodbank.broker.stats.FlowSnapshot;
import dev.bloodbank.topology.Topology;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Reads the broker on a fixed beat on one thread of its own, whether or not anyone looks, so that
 * every page and script sees the same figures and the broker gets two requests per beat, not two
 * per open page. A failed reading never stops the beat: it turns into the banner's text.
 */
final class FlowSampler implements AutoCloseable {

    private final ManagementClient client;
    private final Topology topology;
    private final Clock clock;
    private final Duration interval;
    private final QueueTrends trends = new QueueTrends();
    private final ScheduledExecutorService beat = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "bloodbank-dashboard-sampler");
        t.setDaemon(true);
        return t;
    });
    private volatile FlowView latest = FlowView.waiting();

    FlowSampler(ManagementClient client, Topology topology, Clock clock, Duration interval) {
        this.client = client;
        this.topology = topology;
        this.clock = clock;
        this.interval = interval;
    }

    void start() {
        beat.scheduleWithFixedDelay(this::sample, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The latest figures; never null. */
    FlowView current() {
        return latest;
    }

    private void sample() {
        try {
            FlowSnapshot snapshot = FlowSnapshot.read(client, topology, clock);
            latest = FlowView.of(snapshot, client.consumers(), trends);
        } catch (RuntimeException e) {
            // Whatever the broker or the network did, the next beat tries again.
            latest = latest.unavailable(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        }
    }

    @Override
    public void close() {
        beat.shutdownNow();
    }
}
