package dev.bloodbank.cli.dashboard;

import dev.bloodbank.broker.management.ConsumerInfo;
import dev.bloodbank.broker.management.QueueStats;
import dev.bloodbank.broker.stats.ConsumerQueues;
import dev.bloodbank.broker.stats.FlowSnapshot;
import dev.bloodbank.broker.stats.QueueReading;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The figures of every queue of the topology at one moment, as the page shows them. When the
 * broker cannot be read, {@code brokerUp} is false, {@code problem} says why and the figures are
 * the last ones read (from {@code readAt}), so the page keeps its shape under a banner.
 *
 * @param readAt when the figures were read; null before the first successful reading
 */
record FlowView(boolean brokerUp, String problem, Instant readAt, List<QueueFigures> queues, QueueFigures unrouted) {

    /** One consumer attached to a work queue now. */
    record LiveConsumer(String tag, String connection, String peerHost, int prefetch, boolean active) {
        static LiveConsumer of(ConsumerInfo info) {
            return new LiveConsumer(info.tag(), info.connection(), info.peerHost(), info.prefetch(), info.active());
        }
    }

    /**
     * A work queue (or the unrouted queue) with its retry and dead-letter queues summed up.
     * Counts are null when the queue is missing or the broker's statistics have not reported it yet.
     */
    record QueueFigures(String queue, String role, String owner, boolean exists, Long ready, Long unacked, Long consumers,
                        double publishRate, double deliverRate, long retrying, long deadLetters, String deadLetterQueue,
                        List<Highlight> highlights, List<LiveConsumer> liveConsumers) {}

    static FlowView waiting() {
        return new FlowView(false, "reading the broker…", null, List.of(), null);
    }

    FlowView unavailable(String why) {
        return new FlowView(false, why, readAt, queues, unrouted);
    }

    /** Joins a snapshot with the consumers listing; records every depth in {@code trends} on the way. */
    static FlowView of(FlowSnapshot snapshot, List<ConsumerInfo> consumers, QueueTrends trends) {
        Instant at = snapshot.readAt();
        Map<String, List<LiveConsumer>> byQueue = consumers.stream()
                .collect(Collectors.groupingBy(ConsumerInfo::queue, Collectors.mapping(LiveConsumer::of, Collectors.toList())));
        List<QueueFigures> figures = new ArrayList<>();
        for (ConsumerQueues c : snapshot.consumers()) {
            QueueReading work = c.work();
            QueueReading dead = c.deadLetter();
            trends.record(work.queue(), ready(work.stats()), at);
            trends.record(dead.queue(), dead.depth(), at);
            List<Highlight> highlights = highlights(work, trends);
            if (dead.exists() && trends.grewRecently(dead.queue(), at)) highlights.add(Highlight.DEAD_LETTERS_GROWING);
            figures.add(figures(work, c.role().label(), c.owner(), c.retrying(), dead.depth(), dead.queue(), highlights,
                    byQueue.getOrDefault(work.queue(), List.of())));
        }
        QueueReading unrouted = snapshot.unrouted();
        trends.record(unrouted.queue(), ready(unrouted.stats()), at);
        QueueFigures unroutedFigures = figures(unrouted, "unrouted", "unrouted events", 0, 0, null,
                unrouted.exists() ? new ArrayList<>() : new ArrayList<>(List.of(Highlight.MISSING)), List.of());
        return new FlowView(true, null, at, figures, unroutedFigures);
    }

    private static List<Highlight> highlights(QueueReading work, QueueTrends trends) {
        List<Highlight> out = new ArrayList<>();
        if (!work.exists()) {
            out.add(Highlight.MISSING);
            return out;
        }
        QueueStats stats = work.stats();
        long ready = ready(stats);
        long consumers = stats.consumers() == null ? 0 : stats.consumers();
        if (ready > 0 && consumers == 0) out.add(Highlight.NO_CONSUMER);
        else if (ready > 0 && trends.keepsRising(work.queue())) out.add(Highlight.CONSUMER_BEHIND);
        return out;
    }

    private static long ready(QueueStats stats) {
        return stats == null || stats.ready() == null ? 0 : stats.ready();
    }

    private static QueueFigures figures(QueueReading reading, String role, String owner, long retrying, long deadLetters,
                                        String deadLetterQueue, List<Highlight> highlights, List<LiveConsumer> live) {
        QueueStats s = reading.stats();
        return new QueueFigures(reading.queue(), role, owner, reading.exists(), s == null ? null : s.ready(),
                s == null ? null : s.unacked(), s == null ? null : s.consumers(), s == null ? 0 : s.publishRate(),
                s == null ? 0 : s.deliverRate(), retrying, deadLetters, deadLetterQueue, List.copyOf(highlights), List.copyOf(live));
    }
}
