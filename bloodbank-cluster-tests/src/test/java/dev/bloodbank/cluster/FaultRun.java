package dev.bloodbank.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bloodbank.broker.runtime.Publisher;
import dev.bloodbank.broker.runtime.RuntimeSettings;
import dev.bloodbank.dsl.BloodbankBuilder;
import dev.bloodbank.flow.FlowListener;
import dev.bloodbank.topology.Topology;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One run of the fault suite: a DSL service consuming {@value #KEY} from its quorum queue, a
 * publisher publishing them, and a fault injected once a quarter of the load's events is
 * confirmed. Counts what was sent, confirmed, failed, handled (per event id) and suppressed as
 * duplicate, and the longest pause between two confirms: how long the fault stopped the flow.
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

    /**
     * How the publisher publishes: {@code events} as fast as the window allows, or, with
     * {@code perSecond} above 0, at that pace for as long as the fault lasts (and at least
     * {@code events}), so that a long fault happens under load from start to end.
     */
    record Load(int events, int perSecond) {

        static Load burst(int events) {
            return new Load(events, 0);
        }

        static Load steady(int perSecond, int atLeast) {
            return new Load(atLeast, perSecond);
        }

        boolean paced() {
            return perSecond > 0;
        }
    }

    /** The fault, run on a thread of its own while the publisher publishes; returns when it is over. */
    @FunctionalInterface
    interface Fault {
        void inject(Publisher publisher) throws Exception;
    }

    /** What a run saw. */
    record Result(int sent, Set<UUID> confirmed, int failed, Map<UUID, AtomicInteger> handled, long duplicates,
            long resent, Duration longestConfirmGap, Duration fault, Duration elapsed) {

        long handledTwice() {
            return handled.values().stream().filter(c -> c.get() > 1).count();
        }

        @Override
        public String toString() {
            return "sent " + sent + ", confirmed " + confirmed.size() + ", failed " + failed + ", handled " + handled.size()
                    + ", handled twice " + handledTwice() + ", duplicates suppressed " + duplicates + ", resent " + resent
                    + ", longest pause between confirms " + longestConfirmGap.toMillis() + " ms, fault "
                    + fault.toMillis() + " ms, run " + elapsed.toMillis() + " ms";
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
                // A publisher on a paused node has a full window until the node resumes: wait for room
                // rather than fail the publishes that could not even be sent.
                .windowTimeout(Duration.ofSeconds(60))
                .shutdownTimeout(Duration.ofSeconds(10))
                .build();
    }

    /**
     * Publishes the load, injects {@code fault} once a quarter of its events is confirmed, waits
     * until every confirmed event was handled, and returns the counts. A fault that throws fails
     * the run with its error.
     */
    static Result run(Cluster cluster, Topology topology, Load load, Fault fault) throws Exception {
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
        CountDownLatch quarter = new CountDownLatch(load.events() / 4);
        AtomicReference<Throwable> faultError = new AtomicReference<>();
        AtomicLong faultNanos = new AtomicLong();
        long start = System.nanoTime();
        try (var app = dev.bloodbank.broker.runtime.Bloodbank.run(builder.build(), settings(cluster, SERVICE, consumerListener));
                Publisher publisher = Publisher.connect(topology, settings(cluster, "fault-publisher", new FlowListener() {}))) {
            Thread faults = new Thread(() -> {
                try {
                    if (!quarter.await(5, TimeUnit.MINUTES)) throw new AssertionError("a quarter of the load never confirmed");
                    long began = System.nanoTime();
                    fault.inject(publisher);
                    faultNanos.set(System.nanoTime() - began);
                } catch (Throwable e) {
                    faultError.set(e);
                }
            }, "fault");
            faults.start();
            List<CompletableFuture<?>> all = new ArrayList<>();
            for (int i = 0; i < load.events() || (load.paced() && faults.isAlive()); i++) {
                if (load.paced()) LockSupport.parkNanos(start + i * 1_000_000_000L / load.perSecond() - System.nanoTime());
                all.add(publisher.publish(KEY, new Placed(i)).whenComplete((receipt, error) -> {
                    if (error != null) {
                        failed.incrementAndGet();
                        return;
                    }
                    long now = System.nanoTime();
                    long previous = lastConfirm.getAndSet(now);
                    longestGap.accumulateAndGet(now - previous, Math::max);
                    confirmed.add(receipt.eventId());
                    quarter.countDown();
                }));
            }
            CompletableFuture.allOf(all.toArray(CompletableFuture<?>[]::new)).handle((ok, error) -> null).get(5, TimeUnit.MINUTES);
            faults.join(Duration.ofMinutes(5).toMillis());
            if (faultError.get() != null) throw new AssertionError("the fault failed: " + faultError.get(), faultError.get());
            Cluster.await(Duration.ofMinutes(3), () -> handled.keySet().containsAll(confirmed),
                    "every confirmed event handled (" + confirmed.size() + " confirmed)");
            long resent = publisher.resent();
            return new Result(all.size(), confirmed, failed.get(), handled, duplicates.get(), resent,
                    Duration.ofNanos(longestGap.get()), Duration.ofNanos(faultNanos.get()), Duration.ofNanos(System.nanoTime() - start));
        }
    }

    /**
     * The suite's promise: every publish confirmed or failed (resends keep at least 99% confirmed),
     * every confirmed event handled, none handled twice.
     */
    static void assertExactlyOnce(Result result) {
        assertEquals(result.sent(), result.confirmed().size() + result.failed(), result::toString);
        assertTrue(result.confirmed().size() >= result.sent() * 0.99, "resends keep almost every publish: " + result);
        assertTrue(result.handled().keySet().containsAll(result.confirmed()), result::toString);
        assertEquals(0, result.handledTwice(), "no event handled twice: " + result);
    }
}
