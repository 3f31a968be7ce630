package dev.bloodbank.cli.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.bloodbank.broker.management.ConsumerInfo;
import dev.bloodbank.broker.management.QueueStats;
import dev.bloodbank.broker.stats.FlowSnapshot;
import dev.bloodbank.topology.Topology;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("the flow view's highlights, reading after reading")
class FlowViewTest {

    private static final String BILLING = RunningDashboard.BILLING;
    private static final Instant START = Instant.parse("2026-12-01T10:00:00Z");

    @TempDir
    Path dir;

    private Topology topology;
    private final QueueTrends trends = new QueueTrends();

    @BeforeEach
    void load() throws Exception {
        Path file = dir.resolve("topology.yaml");
        Files.writeString(file, RunningDashboard.TOPOLOGY);
        topology = Topology.load(file);
    }

    /** A reading at {@code START + seconds} where billing has these figures and every other queue is empty. */
    private FlowView reading(int seconds, long ready, long consumers, long deadLetters) {
        List<QueueStats> live = new ArrayList<>();
        for (String q : List.of("bloodbank.cmd.shop.order.ship", "bloodbank.sub.audit", "bloodbank.unrouted.v1",
                "bloodbank.cmd.shop.order.ship.dlq", "bloodbank.sub.audit.dlq"))
            live.add(new QueueStats(q, 0L, 0L, 0L, 0, 0));
        live.add(new QueueStats(BILLING, ready, 0L, consumers, 5.0, 1.0));
        live.add(new QueueStats(BILLING + ".dlq", deadLetters, 0L, 0L, 0, 0));
        FlowSnapshot snapshot = FlowSnapshot.of(topology, "v", START.plusSeconds(seconds), live);
        List<ConsumerInfo> attached = consumers == 0 ? List.of()
                : List.of(new ConsumerInfo(BILLING, "billing-1", "127.0.0.1:5000 -> 127.0.0.1:5672", "127.0.0.1", 10, true));
        return FlowView.of(snapshot, attached, trends);
    }

    private static List<Highlight> billing(FlowView view) {
        return view.queues().stream().filter(q -> q.queue().equals(BILLING)).findFirst().orElseThrow().highlights();
    }

    @Test
    void readyMessagesWithNoConsumerStandOutAtOnce() {
        assertEquals(List.of(Highlight.NO_CONSUMER), billing(reading(0, 3, 0, 0)));
        assertEquals(List.of(), billing(reading(2, 0, 0, 0)));
    }

    @Test
    void aConsumerIsBehindOnlyAfterThreeReadingsOfAGrowingBacklog() {
        assertEquals(List.of(), billing(reading(0, 10, 1, 0)));
        assertEquals(List.of(), billing(reading(2, 20, 1, 0)));
        assertEquals(List.of(), billing(reading(4, 20, 1, 0)), "an unchanged reading (the broker's statistics lag) neither counts nor resets");
        assertEquals(List.of(), billing(reading(6, 30, 1, 0)));
        assertEquals(List.of(Highlight.CONSUMER_BEHIND), billing(reading(8, 40, 1, 0)));
        assertEquals(List.of(), billing(reading(10, 35, 1, 0)), "a backlog that shrinks is being worked off");
    }

    @Test
    void aDeadLetterQueueThatGrewStaysHighlightedForAMinute() {
        assertEquals(List.of(), billing(reading(0, 0, 1, 2)), "dead letters already there at start are old news");
        assertEquals(List.of(Highlight.DEAD_LETTERS_GROWING), billing(reading(2, 0, 1, 3)));
        long memory = QueueTrends.GROWTH_MEMORY.toSeconds();
        assertEquals(List.of(Highlight.DEAD_LETTERS_GROWING), billing(reading((int) memory, 0, 1, 3)));
        assertEquals(List.of(), billing(reading((int) memory + 3, 0, 1, 3)));
    }

    @Test
    void aQueueTheBrokerLacksIsMissingWithNoFigures() {
        FlowSnapshot snapshot = FlowSnapshot.of(topology, "v", START, List.of());
        FlowView view = FlowView.of(snapshot, List.of(), trends);
        FlowView.QueueFigures figures = view.queues().get(0);
        assertEquals(List.of(Highlight.MISSING), figures.highlights());
        assertEquals(null, figures.ready());
        assertEquals(List.of(Highlight.MISSING), view.unrouted().highlights());
    }

    @Test
    void aFailedReadingKeepsTheLastFiguresUnderTheProblem() {
        FlowView good = reading(0, 3, 0, 0);
        FlowView down = good.unavailable("cannot reach the RabbitMQ management API");
        assertEquals(false, down.brokerUp());
        assertEquals("cannot reach the RabbitMQ management API", down.problem());
        assertEquals(good.readAt(), down.readAt());
        assertEquals(good.queues(), down.queues());
    }
}
