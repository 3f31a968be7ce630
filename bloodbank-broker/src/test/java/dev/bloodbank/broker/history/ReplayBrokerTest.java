package dev.bloodbank.broker.history;

import static dev.bloodbank.broker.history.HistoryFixture.MERGED;
import static dev.bloodbank.broker.history.HistoryFixture.OPENED;
import static dev.bloodbank.broker.history.HistoryFixture.ORPHAN;
import static dev.bloodbank.broker.history.HistoryFixture.await;
import static dev.bloodbank.broker.history.HistoryFixture.envelope;
import static dev.bloodbank.broker.history.HistoryFixture.publish;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.GetResponse;
import dev.bloodbank.broker.runtime.Bloodbank;
import dev.bloodbank.broker.runtime.RuntimeSettings;
import dev.bloodbank.dsl.BloodbankBuilder;
import dev.bloodbank.engine.Headers;
import dev.bloodbank.envelope.Envelope;
import dev.bloodbank.testing.broker.BrokerExtension;
import dev.bloodbank.testing.broker.TestVhost;
import dev.bloodbank.topology.Archive;
import dev.bloodbank.topology.Topology;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(BrokerExtension.class)
@DisplayName("Reading and replaying the archive on RabbitMQ")
class ReplayBrokerTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private final Topology topology = HistoryFixture.topology();
    private final Instant t0 = Instant.now().minus(1, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.MILLIS);

    private static TimeWindow window(Instant since, Instant until) {
        return new TimeWindow(since, until);
    }

    private TimeWindow recent() {
        return window(t0.minus(1, ChronoUnit.HOURS), Instant.now().plusSeconds(60));
    }

    private List<Envelope> merged(int n) {
        List<Envelope> out = new ArrayList<>();
        for (int i = 0; i < n; i++) out.add(envelope(MERGED, t0.plusMillis(i), List.of(), "github-adapter"));
        return out;
    }

    @Test
    void aWindowHoldsExactlyTheEventsFromSinceIncludedToUntilExcluded(TestVhost vhost) throws Exception {
        HistoryFixture.apply(vhost, topology);
        List<Envelope> sent = List.of(
                envelope(MERGED, t0.minusMillis(1), List.of(), "a"), envelope(MERGED, t0, List.of(), "a"),
                envelope(ORPHAN, t0.plusMillis(1500), List.of(), "a"), envelope(MERGED, t0.plusSeconds(3).minusMillis(1), List.of(), "a"),
                envelope(MERGED, t0.plusSeconds(3), List.of(), "a"));
        try (Connection c = vhost.connectionFactory().newConnection(); History history = History.on(c, topology)) {
            publish(c, topology, sent);
            List<UUID> seen = new ArrayList<>();
            long n = history.scan(window(t0, t0.plusSeconds(3)), k -> true, m -> seen.add(m.envelope().orElseThrow().eventId()));

            assertEquals(List.of(sent.get(1).eventId(), sent.get(2).eventId(), sent.get(3).eventId()), seen);
            assertEquals(3, n);
        }
    }

    @Test
    void aReplayGoesOnlyToItsTargetKeepsEventIdsAndIsMarked(TestVhost vhost) throws Exception {
        HistoryFixture.apply(vhost, topology);
        try (Connection c = vhost.connectionFactory().newConnection(); History history = History.on(c, topology)) {
            List<Envelope> sent = new ArrayList<>(merged(3));
            sent.add(envelope(ORPHAN, t0.plusMillis(5), List.of(), "a"));
            sent.add(envelope(OPENED, t0.plusMillis(6), List.of(), "a"));
            publish(c, topology, sent);
            await(WAIT, () -> count(vhost, "bloodbank.sub.auditor") == 4, "the auditor's copies");

            ReplayRequest request = new ReplayRequest("fix-1", recent(), "github.pull-request.merged", "reviewer", 0);
            ReplayPlan plan = history.plan(request);
            assertEquals(Map.of(MERGED, 3L), plan.countsByKey());
            assertEquals(sent.get(0).eventId(), plan.first().orElseThrow().eventId());
            assertEquals(sent.get(2).eventId(), plan.last().orElseThrow().eventId());
            assertEquals("bloodbank.sub.reviewer", plan.queue());

            ReplayResult result = history.replay(request, ReplayListener.SILENT);
            assertEquals(3, result.sent());
            await(WAIT, () -> count(vhost, "bloodbank.sub.reviewer") == 7, "the replayed copies");
            assertEquals(4, count(vhost, "bloodbank.sub.auditor"), "the other subscriber sees nothing");

            try (Channel ch = c.createChannel()) {
                List<UUID> replayed = new ArrayList<>();
                for (int i = 0; i < 7; i++) {
                    GetResponse r = ch.basicGet("bloodbank.sub.reviewer", true);
                    Map<String, Object> headers = r.getProps().getHeaders();
                    if (headers == null || !headers.containsKey(Headers.REPLAY_ID)) continue;
                    assertEquals("fix-1", headers.get(Headers.REPLAY_NAME).toString());
                    assertEquals(result.replayId().toString(), headers.get(Headers.REPLAY_ID).toString());
                    replayed.add(HistoryFixture.CODEC.decode(r.getBody()).eventId());
                }
                assertEquals(sent.subList(0, 3).stream().map(Envelope::eventId).toList(), replayed);
            }
            assertEquals(0, history.replay(request, ReplayListener.SILENT).sentNow(), "a finished replay sends nothing more");
        }
    }

    @Test
    void aDslAppHandlesAReplayedEventAgainOncePerReplay(TestVhost vhost) throws Exception {
        HistoryFixture.apply(vhost, topology);
        Map<UUID, AtomicInteger> handled = new ConcurrentHashMap<>();
        BloodbankBuilder builder = new BloodbankBuilder(topology, "reviewer");
        builder.stream(MERGED, JsonNode.class).foreach(e -> handled.computeIfAbsent(e.id(), id -> new AtomicInteger()).incrementAndGet());
        RuntimeSettings settings = RuntimeSettings.builder(vhost.amqpUrl(), "reviewer").shutdownTimeout(Duration.ofSeconds(5)).build();
        try (var app = Bloodbank.run(builder.build(), settings);
                Connection c = vhost.connectionFactory().newConnection(); History history = History.on(c, topology)) {
            List<Envelope> sent = merged(5);
            publish(c, topology, sent);
            await(WAIT, () -> total(handled) == 5, "the first handling");

            history.replay(new ReplayRequest("again-1", recent(), "#", "reviewer", 0), ReplayListener.SILENT);
            await(WAIT, () -> total(handled) == 10, "the replay");
            history.replay(new ReplayRequest("again-1", recent(), "#", "reviewer", 0), ReplayListener.SILENT);
            history.replay(new ReplayRequest("again-2", recent(), "#", "reviewer", 0), ReplayListener.SILENT);
            await(WAIT, () -> total(handled) == 15, "the second replay");
            await(WAIT, () -> count(vhost, "bloodbank.sub.reviewer") == 0, "the queue to drain");

            assertTrue(handled.values().stream().allMatch(n -> n.get() == 3), "original + two replays, each once: " + handled);
            assertEquals(5, handled.size());
        }
    }

    @Test
    void aReplayKilledHalfWayResumesUnderItsNameWithoutSendingAnythingTwice(TestVhost vhost) throws Exception {
        HistoryFixture.apply(vhost, topology);
        int events = 3000;
        try (Connection c = vhost.connectionFactory().newConnection()) {
            publish(c, topology, merged(events));
        }
        await(WAIT, () -> count(vhost, "bloodbank.sub.reviewer") == events, "the originals");
        ReplayRequest request = new ReplayRequest("resumed", recent(), "#", "reviewer", 0);

        Connection doomed = vhost.connectionFactory().newConnection();
        History first = History.on(doomed, topology);
        long[] sentBeforeKill = {0};
        assertThrows(RuntimeException.class, () -> first.replay(request, (sent, total) -> {
            if (sent >= 1000 && sentBeforeKill[0] == 0) {
                sentBeforeKill[0] = sent;
                doomed.abort();   // the process dies: no clean close of anything
            }
        }));
        assertTrue(sentBeforeKill[0] > 0 && sentBeforeKill[0] < events, "killed half-way at " + sentBeforeKill[0]);

        try (Connection c = vhost.connectionFactory().newConnection(); History again = History.on(c, topology)) {
            ReplayPlan plan = again.plan(request);
            assertTrue(plan.resuming());
            assertEquals(events, plan.alreadySent() + plan.total(), "what is left and what was sent add up");
            ReplayResult result = again.replay(request, ReplayListener.SILENT);
            assertEquals(events, result.sent());
            assertEquals(events - sentBeforeKill[0], result.sentNow());
        }
        await(WAIT, () -> count(vhost, "bloodbank.sub.reviewer") == 2L * events, "every event once more");
        try (Connection c = vhost.connectionFactory().newConnection(); Channel ch = c.createChannel()) {
            java.util.Set<String> ids = new java.util.HashSet<>();
            GetResponse r;
            while ((r = ch.basicGet("bloodbank.sub.reviewer", true)) != null) {
                if (r.getProps().getHeaders() != null && r.getProps().getHeaders().containsKey(Headers.REPLAY_ID))
                    assertTrue(ids.add(r.getProps().getMessageId()), "sent twice: " + r.getProps().getMessageId());
            }
            assertEquals(events, ids.size());
        }
    }

    @Test
    void theRateIsRespected(TestVhost vhost) throws Exception {
        HistoryFixture.apply(vhost, topology);
        try (Connection c = vhost.connectionFactory().newConnection(); History history = History.on(c, topology)) {
            publish(c, topology, merged(300));
            ReplayResult result = history.replay(new ReplayRequest("paced", recent(), "#", "auditor", 500), ReplayListener.SILENT);
            assertEquals(300, result.sent());
            double rate = result.sent() / (result.took().toNanos() / 1e9);
            assertTrue(rate < 500 * 1.25 && rate > 500 * 0.5, "rate " + rate + "/s for --rate 500");
        }
    }

    @Test
    void badRequestsGetOneClearMessage(TestVhost vhost) throws Exception {
        HistoryFixture.apply(vhost, topology.withArchive(Archive.OFF));
        try (Connection c = vhost.connectionFactory().newConnection()) {
            HistoryException missing = assertThrows(HistoryException.class, () -> History.on(c, topology));
            assertTrue(missing.getMessage().contains("does not exist in this vhost: run bloodbank apply"), missing.getMessage());
        }
        HistoryFixture.apply(vhost, topology);
        try (Connection c = vhost.connectionFactory().newConnection(); History history = History.on(c, topology)) {
            assertEquals("no subscription or command worker 'reviwer' in topology.yaml; did you mean 'reviewer'?",
                    assertThrows(HistoryException.class, () -> history.plan(new ReplayRequest("x", recent(), "#", "reviwer", 0))).getMessage());
            assertEquals("--events 'github.pull-request.merge' matches no event or command of the topology; did you mean 'github.pull-request.merged'?",
                    assertThrows(HistoryException.class,
                            () -> history.plan(new ReplayRequest("x", recent(), "github.pull-request.merge", "reviewer", 0))).getMessage());
            assertEquals("--events 'meeting.#' matches nothing reviewer receives (it receives github.pull-request.merged, github.pull-request.opened)",
                    assertThrows(HistoryException.class, () -> history.plan(new ReplayRequest("x", recent(), "meeting.#", "reviewer", 0))).getMessage());
        }
        assertTrue(assertThrows(HistoryException.class, () -> window(t0, t0.minusSeconds(1))).getMessage().contains("is not after --since"));
    }

    @Test
    void eventsOfAPythonPikaProducerAreArchivedAndReplayedLikeJavaOnes(TestVhost vhost, @TempDir Path dir) throws Exception {
        HistoryFixture.apply(vhost, topology);
        UUID id = UUID.randomUUID();
        Path script = dir.resolve("produce.py");
        Files.writeString(script, """
                import json, sys, datetime, pika
                params = pika.URLParameters(sys.argv[1])
                conn = pika.BlockingConnection(params)
                ch = conn.channel()
                ch.confirm_delivery()
                body = {"event_id": sys.argv[2], "event_type": "github.pull-request.merged",
                        "timestamp": datetime.datetime.now(datetime.timezone.utc).isoformat(), "version": "1.0.0",
                        "source": {"host": "py-host", "type": "service", "app": "py-producer", "meta": None},
                        "correlation_ids": [], "agent_context": None, "payload": {"number": 7}}
                ch.basic_publish("bloodbank.events.v1", "github.pull-request.merged", json.dumps(body),
                                 pika.BasicProperties(content_type="application/json", delivery_mode=2, message_id=sys.argv[2]))
                conn.close()
                """);
        Process p = new ProcessBuilder("/usr/bin/python3", script.toString(), vhost.amqpUrl(), id.toString())
                .redirectErrorStream(true).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));

        try (Connection c = vhost.connectionFactory().newConnection(); History history = History.on(c, topology)) {
            List<Envelope> found = new ArrayList<>();
            history.scan(recent(), k -> true, m -> found.add(m.envelope().orElseThrow()));
            assertEquals(1, found.size());
            assertEquals(id, found.get(0).eventId());
            assertEquals("py-producer", found.get(0).source().app());

            assertEquals(1, history.replay(new ReplayRequest("py", recent(), "#", "auditor", 0), ReplayListener.SILENT).sent());
            await(WAIT, () -> count(vhost, "bloodbank.sub.auditor") == 2, "the replayed copy");
        }
    }

    private static long total(Map<UUID, AtomicInteger> handled) {
        return handled.values().stream().mapToLong(AtomicInteger::get).sum();
    }

    private static long count(TestVhost vhost, String queue) {
        try {
            return vhost.messageCount(queue);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
