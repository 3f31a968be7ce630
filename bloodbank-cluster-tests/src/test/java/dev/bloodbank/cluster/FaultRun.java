package dev.bloodbank.cluster;

import dev.bloodbank.broker.runtime.BloodbankRuntime;
import dev.bloodbank.broker.runtime.Publisher;
import dev.bloodbank.broker.runtime.RuntimeSettings;
import dev.bloodbank.dsl.BloodbankBuilder;
import dev.bloodbank.flow.FlowListener;
import dev.bloodbank.topology.Topology;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One run of the fault suite: a DSL service consuming {@value #KEY} from its quorum queue, a
 * publisher publishing {@code events} of them, and a fault injected once a quarter is confirmed.
 * Counts what was sent, confirmed, failed, handled (per event id) and suppressed as duplicate,
 * and the longest pause between two confirms: how long the fault stopped the flow.
 */
final class FaultRun {

    static final String KEY = "shop.order.placed";
    static final String SERVICE = "billing";
    static final String QUEUE = "bloodbank.sub." + SERVICE;
    static final String TOPOLOGY = """
            apiVersion: bloodbank/v1
            defaults: {replicas: 3}
            events:
              shop.order.placed:
                description: An order was placed.
                schema: { type: object, required: [n], properties: { n: { type: integer } } }
                examples: [ { n: 1 } ]
            subscriptions:
              billing: { events: [ "shop.order.placed" ], prefetch: 200 }
            """;

    record Placed(int n) {}

    /** What a run saw. */
    record Result(int sent, Set<UUID> confirmed, int failed, Map<UUID, AtomicInteger> handled, long duplicates,
            long resent, Duration longestConfirmGap, Duration elapsed) {

        long handledTwice() {
            return handled.values().stream().filter(c -> c.get() > 1).count();
        }

        @Override
        public String toString() {
            return "sent " + sent + ", confirmed " + confirmed.size() + ", failed " + failed + ", handled " + handled.size()
                    + ", handled twice " + handledTwice() + ", duplicates suppressed " + duplicates + ", resent " + resent
                    + ", longest pause between confirms " + longestConfirmGap.toMillis() + " ms, run " + elapsed.toMillis() + " ms";
        }
    }

    static Topology topology(Path dir) throws Exception {
        Path file = dir.resolve("topology.yaml");
        Files.writeString(file, TOPOLOGY);
        return Topology.load(file);
    }

    static RuntimeSettings settings(Cluster cluster, String app, FlowListener listener) {
        return RuntimeSettings.builder(cluster.amqpUrl, app)
                .listener(listener)
                .recoveryInterval(Duration.ofSeconds(1))
                .confirmTimeout(Duration.ofSeconds(10))
                .shutdownTimeout(Duration.ofSeconds(10))
                .build();
    }

    /**
     * Publishes {@code events}, calls {@code fault} once a quarter is confirmed, waits until every
     * confirmed event was handled, and returns the counts.
     */
    static Result run(Cluster cluster, Topology topology, int events, Runnable fault) throws Exception {
        Map<UUID, AtomicInteger> handled = new ConcurrentHashMap<>();
        AtomicLong duplicates = new AtomicLong();
        FlowListener consumerListener = new FlowListener() {
            @Override
            public void duplicate(String service, String key) {
                duplicates.incrementAndGet();
            }
        };
        BloodbankBuilder builder = new BloodbankBuilder(topology, SERVICE);
        builder.stream(KEY, Placed.class).foreach(e -> handled.computeIfAbsent(e.id(), id -> new AtomicInteger()).incrementAndGet());

        Set<UUID> confirmed = ConcurrentHashMap.newKeySet();
        AtomicInteger failed = new AtomicInteger();
        AtomicLong lastConfirm = new AtomicLong(System.nanoTime());
        AtomicLong longestGap = new AtomicLong();
        CountDownLatch quarter = new CountDownLatch(events / 4);
        long start = System.nanoTime();
        try (var app = dev.bloodbank.broker.runtime.Bloodbank.run(builder.build(), settings(cluster, SERVICE, consumerListener));
                Publisher publisher = Publisher.connect(topology, settings(cluster, "fault-publisher", new FlowListener() {}))) {
            Thread faults = new Thread(() -> {
                try {
                    if (quarter.await(5, TimeUnit.MINUTES)) fault.run();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "fault");
            faults.start();
            CompletableFuture<?>[] all = new CompletableFuture<?>[events];
            for (int i = 0; i < events; i++) {
                all[i] = publisher.publish(KEY, new Placed(i)).whenComplete((receipt, error) -> {
                    if (error != null) {
                        failed.incrementAndGet();
                        return;
                    }
                    long now = System.nanoTime();
                    long previous = lastConfirm.getAndSet(now);
                    longestGap.accumulateAndGet(now - previous, Math::max);
                    confirmed.add(receipt.eventId());
                    quarter.countDown();
                });
            }
            CompletableFuture.allOf(all).handle((ok, error) -> null).get(5, TimeUnit.MINUTES);
            faults.join(Duration.ofMinutes(5).toMillis());
            Cluster.await(Duration.ofMinutes(3), () -> handled.keySet().containsAll(confirmed),
                    "every confirmed event handled (" + confirmed.size() + " confirmed)");
            long resent = publisher.resent();
            return new Result(events, confirmed, failed.get(), handled, duplicates.get(), resent,
                    Duration.ofNanos(longestGap.get()), Duration.ofNanos(System.nanoTime() - start));
        }
    }
}
