package dev.bloodbank.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import dev.bloodbank.broker.history.History;
import dev.bloodbank.broker.history.ReplayListener;
import dev.bloodbank.broker.history.ReplayRequest;
import dev.bloodbank.broker.history.ReplayResult;
import dev.bloodbank.broker.history.TimeWindow;
import dev.bloodbank.broker.runtime.PublishReceipt;
import dev.bloodbank.broker.runtime.Publisher;
import dev.bloodbank.broker.runtime.RuntimeSettings;
import dev.bloodbank.dsl.Payloads;
import dev.bloodbank.topology.Archive;
import dev.bloodbank.topology.QueueType;
import dev.bloodbank.topology.Topology;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The archive's figures, each in a vhost of its own that is deleted afterwards:
 * <ol>
 *   <li>the end-to-end run ({@link BloodbankRun}) with the archive off and on, alternating, and the
 *       ratio of their median throughputs;
 *   <li>a replay of N archived events into the subscription's queue: events per second, and the
 *       peak heap during a replay of N next to one of N/10 (flat memory: they are about equal);
 *   <li>a trace whose {@code --since} covers all N events.
 * </ol>
 * Arguments: {@code --events N} (100000), {@code --messages M} per end-to-end round (30000),
 * {@code --rounds R} (3), {@code --out FILE} (bench-results/history.json).
 */
public final class HistoryBenchmark {

    private HistoryBenchmark() {}

    public static void main(String... args) throws Exception {
        int events = intArg(args, "--events", 100_000);
        int messages = intArg(args, "--messages", 30_000);
        int rounds = intArg(args, "--rounds", 3);
        Path out = Path.of(arg(args, "--out", "bench-results/history.json"));
        String amqp = System.getenv().getOrDefault("BLOODBANK_AMQP_URL", "amqp://guest:guest@localhost:5672");
        String management = System.getenv().getOrDefault("BLOODBANK_MANAGEMENT_URL", "http://localhost:15672");
        ObjectNode report = new ObjectMapper().createObjectNode();

        Topology off = BenchTopology.load(QueueType.QUORUM, 200);
        Topology on = off.withArchive(Archive.DEFAULT);
        archiveOnVersusOff(report, amqp, management, off, on, messages, rounds);
        try (BenchVhost vhost = BenchVhost.create(amqp, management, on)) {
            publish(vhost, on, events);
            purge(vhost, BenchTopology.queue(on));
            replay(report, vhost, on, events);
            trace(report, vhost, on, events);
        }
        Files.createDirectories(EndToEnd.ensureParent(out).getParent());
        Files.writeString(out, report.toPrettyString());
        System.out.println(report.toPrettyString());
        System.out.println("written to " + out);
    }

    private static void archiveOnVersusOff(ObjectNode report, String amqp, String management, Topology off, Topology on,
            int messages, int rounds) throws Exception {
        double[] offRates = new double[rounds];
        double[] onRates = new double[rounds];
        try (BenchVhost withoutArchive = BenchVhost.create(amqp, management, off);
                BenchVhost withArchive = BenchVhost.create(amqp, management, on)) {
            Duration timeout = Duration.ofMinutes(5);
            BloodbankRun.run(withoutArchive, off, messages / 5, 1000, timeout);
            BloodbankRun.run(withArchive, on, messages / 5, 1000, timeout);
            for (int r = 0; r < rounds; r++) {
                offRates[r] = BloodbankRun.run(withoutArchive, off, messages, 1000, timeout).throughput();
                onRates[r] = BloodbankRun.run(withArchive, on, messages, 1000, timeout).throughput();
                System.out.printf("round %d: archive off %.0f msg/s, on %.0f msg/s%n", r + 1, offRates[r], onRates[r]);
            }
        }
        ObjectNode node = report.putObject("archiveOnVersusOff");
        node.put("messagesPerRound", messages).put("rounds", rounds);
        node.put("offMedian", median(offRates)).put("onMedian", median(onRates)).put("ratio", median(onRates) / median(offRates));
    }

    private static void publish(BenchVhost vhost, Topology topology, int events) throws Exception {
        Payloads payloads = Payloads.defaults();
        RuntimeSettings settings = RuntimeSettings.builder(vhost.amqpUrl(), "bench-history").publishWindow(1000).build();
        long start = System.nanoTime();
        try (Publisher publisher = Publisher.connect(topology, settings)) {
            List<CompletableFuture<PublishReceipt>> pending = new ArrayList<>();
            for (int i = 0; i < events; i++) {
                pending.add(publisher.publish(BenchTopology.KEY, payloads.tree(TranscriptCompleted.sample(BenchClock.now()))));
                if (pending.size() == 5_000) {
                    CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).get(2, TimeUnit.MINUTES);
                    pending.clear();
                }
            }
            CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).get(2, TimeUnit.MINUTES);
        }
        System.out.printf("archived %d events in %.1f s%n", events, (System.nanoTime() - start) / 1e9);
    }

    private static void purge(BenchVhost vhost, String queue) throws Exception {
        try (Connection c = vhost.connectionFactory().newConnection(); Channel ch = c.createChannel()) {
            ch.queuePurge(queue);
        }
    }

    private static void replay(ObjectNode report, BenchVhost vhost, Topology topology, int events) throws Exception {
        TimeWindow window = new TimeWindow(Instant.now().minus(Duration.ofHours(1)), Instant.now().plusSeconds(1));
        try (History history = History.connect(topology, vhost.amqpUrl())) {
            HeapPeak small = new HeapPeak();
            AtomicLong smallSent = new AtomicLong();
            // The first tenth as its own replay: its peak heap is the reference for "flat".
            TimeWindow tenth = firstTenth(history, window, events);
            ReplayResult warm = small.during(() -> history.replay(new ReplayRequest("bench-" + UUID.randomUUID().toString()
                    .substring(0, 8), tenth, "#", BenchTopology.SERVICE, 0), (s, t) -> smallSent.set(s)));
            purge(vhost, BenchTopology.queue(topology));
            HeapPeak large = new HeapPeak();
            ReplayResult all = large.during(() -> history.replay(new ReplayRequest("bench-" + UUID.randomUUID().toString()
                    .substring(0, 8), window, "#", BenchTopology.SERVICE, 0), ReplayListener.SILENT));
            if (all.sent() != events) throw new IllegalStateException("replayed " + all.sent() + " of " + events);
            double rate = all.sent() / (all.took().toNanos() / 1e9);
            System.out.printf("replay: %d events in %.2f s = %.0f events/s; peak heap %d MB (a replay of %d: %d MB)%n",
                    all.sent(), all.took().toNanos() / 1e9, rate, large.peakMb(), warm.sent(), small.peakMb());
            ObjectNode node = report.putObject("replay");
            node.put("events", all.sent()).put("seconds", all.took().toNanos() / 1e9).put("eventsPerSecond", rate)
                    .put("peakHeapMb", large.peakMb()).put("tenthEvents", warm.sent()).put("tenthPeakHeapMb", small.peakMb());
        }
    }

    /** The window of the first tenth of the archived events, by their timestamps. */
    private static TimeWindow firstTenth(History history, TimeWindow window, int events) {
        Instant[] bounds = new Instant[2];
        long[] n = {0};
        history.scan(window, k -> true, m -> {
            Instant t = m.envelope().orElseThrow().timestamp();
            if (bounds[0] == null) bounds[0] = t;
            bounds[1] = t;
            return ++n[0] < events / 10;
        });
        return new TimeWindow(bounds[0], bounds[1]);
    }

    private static void trace(ObjectNode report, BenchVhost vhost, Topology topology, int events) {
        try (History history = History.connect(topology, vhost.amqpUrl())) {
            long start = System.nanoTime();
            History.TraceResult result = history.trace(UUID.randomUUID(), Instant.now().minus(Duration.ofHours(1)));
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("trace over %d archived events: %.2f s%n", result.scanned(), seconds);
            report.putObject("trace").put("eventsScanned", result.scanned()).put("seconds", seconds);
        }
    }

    /** Samples the used heap every 20 ms while an action runs. */
    private static final class HeapPeak {
        private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        private volatile long peak;

        <T> T during(java.util.concurrent.Callable<T> action) throws Exception {
            System.gc();
            Thread sampler = new Thread(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    peak = Math.max(peak, memory.getHeapMemoryUsage().getUsed());
                    try {
                        Thread.sleep(20);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            sampler.setDaemon(true);
            sampler.start();
            try {
                return action.call();
            } finally {
                sampler.interrupt();
                sampler.join();
            }
        }

        long peakMb() {
            return peak / (1024 * 1024);
        }
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted.length % 2 == 1 ? sorted[sorted.length / 2] : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
    }

    private static String arg(String[] args, String name, String fallback) {
        for (int i = 0; i < args.length - 1; i++) if (args[i].equals(name)) return args[i + 1];
        return fallback;
    }

    private static int intArg(String[] args, String name, int fallback) {
        return Integer.parseInt(arg(args, name, String.valueOf(fallback)));
    }
}
