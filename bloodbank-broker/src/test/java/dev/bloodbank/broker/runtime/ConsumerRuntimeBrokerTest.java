package dev.bloodbank.broker.runtime;

import static dev.bloodbank.broker.runtime.RuntimeFixture.ARCHIVE;
import static dev.bloodbank.broker.runtime.RuntimeFixture.READY;
import static dev.bloodbank.broker.runtime.RuntimeFixture.TRANSCRIBER;
import static dev.bloodbank.broker.runtime.RuntimeFixture.UPLOADED;
import static dev.bloodbank.broker.runtime.RuntimeFixture.await;
import static dev.bloodbank.broker.runtime.RuntimeFixture.consumer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.GetResponse;
import dev.bloodbank.engine.Headers;
import dev.bloodbank.envelope.Envelope;
import dev.bloodbank.envelope.EnvelopeCodec;
import dev.bloodbank.testing.broker.Await;
import dev.bloodbank.testing.broker.BrokerExtension;
import dev.bloodbank.testing.broker.TestVhost;
import dev.bloodbank.topology.Topology;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(BrokerExtension.class)
class ConsumerRuntimeBrokerTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private final Topology topology = RuntimeFixture.topology();
    private final EnvelopeCodec codec = EnvelopeCodec.standard();

    record Uploaded(String media_file, Integer media_duration_seconds) {}

    @Test
    void aHandledEventsOutputReachesItsSubscriberCorrelatedToTheInput(TestVhost vhost) throws Exception {
        RuntimeFixture.apply(vhost, topology);
        List<Envelope> ready = new CopyOnWriteArrayList<>();
        var transcriber = consumer("transcriber", TRANSCRIBER, UPLOADED, (envelope, context) -> {
            Uploaded uploaded = codec.payloadAs(envelope.payload(), Uploaded.class);
            context.publish(READY, Map.of("text", "transcript of " + uploaded.media_file()));
        });
        var archive = consumer("archive", ARCHIVE, READY, (envelope, context) -> ready.add(envelope));
        try (var app = BloodbankRuntime.start(topology, List.of(transcriber, archive), RuntimeFixture.settings(vhost))) {
            PublishReceipt sent = app.publisher().publish(UPLOADED, new Uploaded("s3://x/a.m4a", 12)).get(10, TimeUnit.SECONDS);
            await(WAIT, () -> ready.size() == 1, "the ready event");
            Envelope out = ready.get(0);
            assertEquals(List.of(sent.eventId()), out.correlationIds());
            assertEquals("transcriber", out.source().app());
            assertEquals("transcript of s3://x/a.m4a", out.payload().get("text").asText());
        }
        assertDrained(vhost, TRANSCRIBER.queue(), ARCHIVE.queue());
    }

    @Test
    void anEnvelopePublishedByAPlainClientInThePythonFormIsConsumedAndValidated(TestVhost vhost) throws Exception {
        RuntimeFixture.apply(vhost, topology);
        byte[] python;
        try (InputStream in = getClass().getResourceAsStream("/envelopes/python-publish-example.json")) {
            python = in.readAllBytes();
        }
        List<Envelope> got = new CopyOnWriteArrayList<>();
        List<Uploaded> payloads = new CopyOnWriteArrayList<>();
        var transcriber = consumer("transcriber", TRANSCRIBER, UPLOADED, (envelope, context) -> {
            got.add(envelope);
            payloads.add(codec.payloadAs(envelope.payload(), Uploaded.class));
        });
        try (var app = BloodbankRuntime.start(topology, List.of(transcriber), RuntimeFixture.settings(vhost));
                Connection c = vhost.connectionFactory().newConnection(); Channel ch = c.createChannel()) {
            // What a Python producer's pika/aio-pika publish looks like: just the JSON and a few properties.
            ch.basicPublish(topology.exchanges().events(), UPLOADED,
                    new AMQP.BasicProperties.Builder().contentType("application/json").deliveryMode(2).build(), python);
            await(WAIT, () -> got.size() == 1, "the Python envelope to be handled");
        }
        Envelope e = got.get(0);
        assertEquals(UUID.fromString("0f8fad5b-d9cb-469f-a165-70867728950e"), e.eventId());
        assertEquals("fireflies-uploader", e.source().app());
        assertEquals(123_456_000, e.timestamp().getNano());
        assertEquals(new Uploaded("/recordings/2026-11-27-sync.m4a", 1843), payloads.get(0));
        assertDrained(vhost, TRANSCRIBER.queue());
    }

    @Test
    void aFailingHandlerIsRetriedWithBackOffThenDeadLetteredWithTheFailureInHeaders(TestVhost vhost) throws Exception {
        RuntimeFixture.apply(vhost, topology);
        List<Long> attemptsAt = new CopyOnWriteArrayList<>();
        List<Integer> attempts = new CopyOnWriteArrayList<>();
        var failing = consumer("transcriber", TRANSCRIBER, UPLOADED, (envelope, context) -> {
            attemptsAt.add(System.nanoTime());
            attempts.add(context.attempt());
            throw new IllegalStateException("storage offline");
        });
        PublishReceipt sent;
        List<String> retriesSeen = new CopyOnWriteArrayList<>();
        try (Connection watcher = vhost.connectionFactory().newConnection()) {
            // each retry crosses the retry exchange, routed by its retry queue's name, where anyone may bind
            Channel watch = watcher.createChannel();
            String copies = watch.queueDeclare().getQueue();
            for (Duration delay : List.of(Duration.ofMillis(100), Duration.ofMillis(200)))
                watch.queueBind(copies, topology.exchanges().retry(), TRANSCRIBER.retryQueue(delay));
            watch.basicConsume(copies, true, (tag, delivery) -> retriesSeen.add(delivery.getEnvelope().getRoutingKey()), tag -> {});
            try (var app = BloodbankRuntime.start(topology, List.of(failing), RuntimeFixture.settings(vhost))) {
                sent = app.publisher().publish(UPLOADED, Map.of("media_file", "a")).get(10, TimeUnit.SECONDS);
                await(WAIT, () -> count(vhost, TRANSCRIBER.deadLetterQueue()) == 1, "the dead letter");
            }
        }
        assertEquals(List.of(1, 2, 3), attempts);
        assertEquals(List.of(TRANSCRIBER.retryQueue(Duration.ofMillis(100)), TRANSCRIBER.retryQueue(Duration.ofMillis(200))),
                retriesSeen);
        long firstGap = TimeUnit.NANOSECONDS.toMillis(attemptsAt.get(1) - attemptsAt.get(0));
        long secondGap = TimeUnit.NANOSECONDS.toMillis(attemptsAt.get(2) - attemptsAt.get(1));
        assertTrue(firstGap >= 90, "first back-off ~100ms, was " + firstGap);
        assertTrue(secondGap >= 190, "second back-off ~200ms, was " + secondGap);

        GetResponse dead = get(vhost, TRANSCRIBER.deadLetterQueue());
        Map<String, Object> h = dead.getProps().getHeaders();
        assertEquals("handler-failed", str(h.get(Headers.REASON)));
        assertEquals(IllegalStateException.class.getName(), str(h.get(Headers.ERROR_CLASS)));
        assertEquals("storage offline", str(h.get(Headers.ERROR_MESSAGE)));
        assertTrue(str(h.get(Headers.STACK_TRACE)).contains("ConsumerRuntimeBrokerTest"));
        assertTrue(str(h.get(Headers.STACK_TRACE)).length() <= Headers.STACK_TRACE_LIMIT);
        assertEquals(3, ((Number) h.get(Headers.ATTEMPT)).intValue());
        assertEquals(TRANSCRIBER.queue(), str(h.get(Headers.ORIGINAL_QUEUE)));
        assertEquals(topology.exchanges().events(), str(h.get(Headers.ORIGINAL_EXCHANGE)));
        assertEquals(UPLOADED, str(h.get(Headers.ORIGINAL_ROUTING_KEY)));
        assertEquals(sent.eventId().toString(), dead.getProps().getMessageId());
        assertEquals(sent.eventId(), codec.decode(dead.getBody()).eventId(), "the body is the original");
        assertDrained(vhost, TRANSCRIBER.queue(), TRANSCRIBER.retryQueue(Duration.ofMillis(100)), TRANSCRIBER.retryQueue(Duration.ofMillis(200)));
    }

    @Test
    void onAVhostAppliedWithoutTheRetryExchangeRetriesGoThroughTheDefaultExchange(TestVhost vhost) throws Exception {
        RuntimeFixture.apply(vhost, topology);
        try (Connection c = vhost.connectionFactory().newConnection(); Channel ch = c.createChannel()) {
            ch.exchangeDelete(topology.exchanges().retry());   // as an earlier Bloodbank applied it
        }
        List<Integer> attempts = new CopyOnWriteArrayList<>();
        var failingOnce = consumer("transcriber", TRANSCRIBER, UPLOADED, (envelope, context) -> {
            attempts.add(context.attempt());
            if (context.attempt() == 1) throw new IllegalStateException("storage offline");
        });
        try (var app = BloodbankRuntime.start(topology, List.of(failingOnce), RuntimeFixture.settings(vhost))) {
            app.publisher().publish(UPLOADED, Map.of("media_file", "a")).get(10, TimeUnit.SECONDS);
            await(WAIT, () -> attempts.size() == 2, "the second attempt");
        }
        assertEquals(List.of(1, 2), attempts);
        assertEquals(0, count(vhost, TRANSCRIBER.deadLetterQueue()));
        assertDrained(vhost, TRANSCRIBER.queue(), TRANSCRIBER.retryQueue(Duration.ofMillis(100)));
    }

    @Test
    void aPoisonMessageGoesStraightToTheDeadLetterQueue(TestVhost vhost) throws Exception {
        RuntimeFixture.apply(vhost, topology);
        AtomicInteger calls = new AtomicInteger();
        var transcriber = consumer("transcriber", TRANSCRIBER, UPLOADED, (e, c) -> calls.incrementAndGet());
        try (var app = BloodbankRuntime.start(topology, List.of(transcriber), RuntimeFixture.settings(vhost));
                Connection c = vhost.connectionFactory().newConnection(); Channel ch = c.createChannel()) {
            ch.basicPublish(topology.exchanges().events(), UPLOADED, null, "this is not JSON".getBytes());
            await(WAIT, () -> count(vhost, TRANSCRIBER.deadLetterQueue()) == 1, "the dead letter");
        }
        GetResponse dead = get(vhost, TRANSCRIBER.deadLetterQueue());
        assertEquals("invalid-json", str(dead.getProps().getHeaders().get(Headers.REASON)));
        assertEquals("this is not JSON", new String(dead.getBody()));
        assertEquals(1, ((Number) dead.getProps().getHeaders().get(Headers.ATTEMPT)).intValue());
        assertEquals(0, calls.get());
        assertDrained(vhost, TRANSCRIBER.queue());
    }

    @Test
    void aPayloadBreakingItsSchemaGoesStraightToTheDeadLetterQueueWithThePointer(TestVhost vhost) throws Exception {
        RuntimeFixture.apply(vhost, topology);
        AtomicInteger calls = new AtomicInteger();
        var transcriber = consumer("transcriber", TRANSCRIBER, UPLOADED, (e, c) -> calls.incrementAndGet());
        Envelope bad = dev.bloodbank.envelope.Envelopes.create(UPLOADED, RuntimeFixture.json("{\"media_file\": 42}"),
                dev.bloodbank.envelope.Source.service("python-bug"));
        try (var app = BloodbankRuntime.start(topology, List.of(transcriber), RuntimeFixture.settings(vhost));
                Connection c = vhost.connectionFactory().newConnection(); Channel ch = c.createChannel()) {
            ch.basicPublish(topology.exchanges().events(), UPLOADED, null, codec.encode(bad));
            await(WAIT, () -> count(vhost, TRANSCRIBER.deadLetterQueue()) == 1, "the dead letter");
        }
        Map<String, Object> h = get(vhost, TRANSCRIBER.deadLetterQueue()).getProps().getHeaders();
        assertEquals("schema-violation", str(h.get(Headers.REASON)));
        assertTrue(str(h.get(Headers.ERROR_MESSAGE)).contains("#/media_file"), str(h.get(Headers.ERROR_MESSAGE)));
        assertEquals(0, calls.get());
    }

    @Test
    void theSameEnvelopePublishedTwiceIsHandledOnce(TestVhost vhost) throws Exception {
        RuntimeFixture.apply(vhost, topology);
        AtomicInteger calls = new AtomicInteger();
        AtomicInteger duplicates = new AtomicInteger();
        var transcriber = consumer("transcriber", TRANSCRIBER, UPLOADED, (e, c) -> calls.incrementAndGet());
        RuntimeSettings settings = RuntimeFixture.settingsBuilder(vhost).listener(new dev.bloodbank.flow.FlowListener() {
            @Override
            public void duplicate(String service, String key) {
                duplicates.incrementAndGet();
            }
        }).build();
        try (var app = BloodbankRuntime.start(topology, List.of(transcriber), settings)) {
            Envelope once = app.publisher().envelope(UPLOADED, Map.of("media_file", "a"), List.of());
            app.publisher().publish(once).get(10, TimeUnit.SECONDS);
            await(WAIT, () -> calls.get() == 1, "the first delivery");
            app.publisher().publish(once).get(10, TimeUnit.SECONDS);
            await(WAIT, () -> duplicates.get() == 1, "the duplicate to be recognised");
        }
        assertEquals(1, calls.get());
        assertDrained(vhost, TRANSCRIBER.queue());
    }

    @Test
    void whenTheBrokerClosesTheConnectionsMidStreamNoMessageIsLost(TestVhost vhost) throws Exception {
        RuntimeFixture.apply(vhost, topology);
        int total = 1500;
        Map<String, AtomicInteger> handled = new ConcurrentHashMap<>();
        var transcriber = consumer("transcriber", TRANSCRIBER, UPLOADED, (envelope, context) -> {
            handled.computeIfAbsent(envelope.payload().get("media_file").asText(), k -> new AtomicInteger()).incrementAndGet();
            Thread.sleep(1);
        });
        Set<String> confirmed = ConcurrentHashMap.newKeySet();
        int handledAtClose;
        long start = System.nanoTime();
        try (var app = BloodbankRuntime.start(topology, List.of(transcriber), RuntimeFixture.settingsBuilder(vhost).concurrency(2).build());
                Publisher publisher = Publisher.connect(topology, RuntimeFixture.settings(vhost))) {
            Thread producer = new Thread(() -> {
                for (int i = 0; i < total; i++) {
                    String id = "m-" + i;
                    // At-least-once publishing: a publish whose confirm never came is sent again, as the
                    // same envelope (same event id), so that consumers recognise a copy that did arrive.
                    Envelope envelope = publisher.envelope(UPLOADED, Map.of("media_file", id), List.of());
                    Await.until(Duration.ofSeconds(60), "a confirm for " + id, () -> {
                        try {
                            publisher.publish(envelope).get(10, TimeUnit.SECONDS);
                            return confirmed.add(id);
                        } catch (ExecutionException | TimeoutException | RuntimeException notConfirmed) {
                            return false;
                        }
                    });
                }
            });
            // The management API lists connections with a few seconds' lag: wait for it before streaming.
            await(WAIT, () -> connections(vhost) >= 3, "the runtime's two connections and the publisher's to be listed");
            producer.start();
            await(WAIT, () -> handled.size() > total / 4, "a quarter of the stream");
            int closed = vhost.closeConnections();
            handledAtClose = handled.size();
            assertTrue(closed >= 3, "closed the runtime's two connections and the publisher's, was " + closed);
            producer.join(60_000);
            await(Duration.ofSeconds(60), () -> handled.size() == total, "every message to be handled");
            await(WAIT, () -> app.inFlight() == 0, "handlers to finish");
        }
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        int deliveries = handled.values().stream().mapToInt(AtomicInteger::get).sum();
        System.out.printf("connection loss after %d handled: %d messages, %d handler calls (%d repeated), %d ms%n",
                handledAtClose, total, deliveries, deliveries - total, millis);
        assertTrue(handledAtClose < total, "the connections closed mid-stream");
        assertEquals(total, confirmed.size());
        assertEquals(total, handled.size(), "every message handled at least once");
        // Copies from re-publishing and redeliveries of handled messages are recognised by event id;
        // a repeat can only come from a redelivery racing its original still in a handler.
        assertTrue(deliveries - total <= 2, "handler calls beyond one per message: " + (deliveries - total));
        assertDrained(vhost, TRANSCRIBER.queue());
        assertEquals(0, count(vhost, TRANSCRIBER.deadLetterQueue()));
    }

    @Test
    void shutdownLetsASlowHandlerFinishAndAcknowledgesIt(TestVhost vhost) throws Exception {
        RuntimeFixture.apply(vhost, topology);
        CountDownLatch started = new CountDownLatch(1);
        AtomicInteger finished = new AtomicInteger();
        var slow = consumer("transcriber", TRANSCRIBER, UPLOADED, (e, c) -> {
            started.countDown();
            Thread.sleep(1500);
            finished.incrementAndGet();
        });
        var app = BloodbankRuntime.start(topology, List.of(slow), RuntimeFixture.settings(vhost));
        app.publisher().publish(UPLOADED, Map.of("media_file", "slow")).get(10, TimeUnit.SECONDS);
        app.publisher().publish(UPLOADED, Map.of("media_file", "waits its turn")).get(10, TimeUnit.SECONDS);
        assertTrue(started.await(10, TimeUnit.SECONDS));
        boolean idle = app.stop(Duration.ofSeconds(10));
        assertTrue(idle, "the handler finished within the timeout");
        assertEquals(1, finished.get(), "the running handler finished; the prefetched one was not started");
        // The broker puts the unstarted message back when the channel closes, on its own time: a
        // quorum queue does so through its log, which may be a moment after stop() returned.
        await(WAIT, () -> {
            JsonQueue q = JsonQueue.of(vhost, TRANSCRIBER.queue());
            return q.ready() == 1 && q.unacked() == 0;
        }, "the unstarted message to go back to the queue, and nothing to stay unacknowledged");
        assertEquals(1, finished.get(), "the prefetched message was never handled");
    }

    @Test
    void shutdownGivesUpOnAHandlerThatOutlastsTheTimeoutAndItsMessageIsRedelivered(TestVhost vhost) throws Exception {
        RuntimeFixture.apply(vhost, topology);
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch released = new CountDownLatch(1);
        var stuck = consumer("transcriber", TRANSCRIBER, UPLOADED, (e, c) -> {
            started.countDown();
            // Stuck until the test is done with it: longer than any timeout stop is given.
            released.await();
        });
        var app = BloodbankRuntime.start(topology, List.of(stuck), RuntimeFixture.settings(vhost));
        try {
            app.publisher().publish(UPLOADED, Map.of("media_file", "stuck")).get(10, TimeUnit.SECONDS);
            assertTrue(started.await(10, TimeUnit.SECONDS));
            long begin = System.nanoTime();
            assertFalse(app.stop(Duration.ofMillis(300)), "the handler was still running at the timeout");
            assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - begin) < 2500, "stop is bounded by its timeout");
            await(WAIT, () -> JsonQueue.of(vhost, TRANSCRIBER.queue()).ready() == 1, "the unacknowledged message back in its queue");
        } finally {
            released.countDown();
        }
    }

    @Test
    void concurrentSlotsHandleEveryMessageOnce(TestVhost vhost) throws Exception {
        RuntimeFixture.apply(vhost, topology);
        int total = 2000;
        Map<String, AtomicInteger> handled = new ConcurrentHashMap<>();
        Set<String> threads = ConcurrentHashMap.newKeySet();
        var transcriber = consumer("transcriber", TRANSCRIBER, UPLOADED, (envelope, context) -> {
            threads.add(Thread.currentThread().getName());
            handled.computeIfAbsent(envelope.payload().get("media_file").asText(), k -> new AtomicInteger()).incrementAndGet();
        });
        try (Publisher publisher = Publisher.connect(topology, RuntimeFixture.settings(vhost))) {
            List<java.util.concurrent.CompletableFuture<PublishReceipt>> sent = new java.util.ArrayList<>();
            for (int i = 0; i < total; i++) sent.add(publisher.publish(UPLOADED, Map.of("media_file", "m-" + i)));
            java.util.concurrent.CompletableFuture.allOf(sent.toArray(java.util.concurrent.CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        }
        long start = System.nanoTime();
        try (var app = BloodbankRuntime.start(topology, List.of(transcriber), RuntimeFixture.settingsBuilder(vhost).concurrency(3).build())) {
            await(Duration.ofSeconds(60), () -> handled.size() == total, "every message to be handled");
        }
        long millis = Math.max(1, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
        System.out.printf("consumed %d queued messages with 3 slots (prefetch %d) in %d ms (%.0f msg/s)%n",
                total, TRANSCRIBER.prefetch(), millis, total * 1000.0 / millis);
        assertTrue(handled.values().stream().allMatch(n -> n.get() == 1), "no message handled twice");
        assertTrue(threads.size() >= 2, "the work was spread over the slots: " + threads);
        assertDrained(vhost, TRANSCRIBER.queue());
    }

    // ---------------------------------------------------------------- helpers

    private static int connections(TestVhost vhost) {
        var list = vhost.management().get("vhosts/" + dev.bloodbank.testing.broker.ManagementHttp.segment(vhost.name()) + "/connections");
        return list == null ? 0 : list.size();
    }

    private static String str(Object header) {
        return header == null ? null : header.toString();
    }

    private static long count(TestVhost vhost, String queue) {
        try {
            return vhost.messageCount(queue);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static GetResponse get(TestVhost vhost, String queue) throws Exception {
        try (Connection c = vhost.connectionFactory().newConnection(); Channel ch = c.createChannel()) {
            GetResponse r = ch.basicGet(queue, true);
            assertNotNull(r, "a message in " + queue);
            return r;
        }
    }

    /** Nothing ready and nothing unacknowledged in these queues. */
    private static void assertDrained(TestVhost vhost, String... queues) throws Exception {
        for (String queue : queues) {
            await(WAIT, () -> {
                JsonQueue q = JsonQueue.of(vhost, queue);
                return q.ready() == 0 && q.unacked() == 0;
            }, queue + " to be empty with nothing unacknowledged");
        }
    }

    /** Ready and unacknowledged counts from the management API (AMQP only sees ready). */
    record JsonQueue(long ready, long unacked) {
        static JsonQueue of(TestVhost vhost, String queue) {
            try {
                long ready = vhost.messageCount(queue);
                var node = vhost.queue(queue);
                long unacked = node == null || node.get("messages_unacknowledged") == null ? 0 : node.get("messages_unacknowledged").asLong();
                return new JsonQueue(ready, unacked);
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }
    }
}
