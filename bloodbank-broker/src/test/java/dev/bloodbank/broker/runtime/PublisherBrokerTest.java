package dev.bloodbank.broker.runtime;

import static dev.bloodbank.broker.runtime.RuntimeFixture.ORPHAN;
import static dev.bloodbank.broker.runtime.RuntimeFixture.READY;
import static dev.bloodbank.broker.runtime.RuntimeFixture.TRANSCRIBE;
import static dev.bloodbank.broker.runtime.RuntimeFixture.UNWORKED;
import static dev.bloodbank.broker.runtime.RuntimeFixture.UPLOADED;
import static dev.bloodbank.broker.runtime.RuntimeFixture.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.GetResponse;
import dev.bloodbank.envelope.Envelope;
import dev.bloodbank.envelope.EnvelopeCodec;
import dev.bloodbank.schema.InvalidPayloadException;
import dev.bloodbank.testing.broker.Await;
import dev.bloodbank.testing.broker.BrokerExtension;
import dev.bloodbank.testing.broker.TestVhost;
import dev.bloodbank.topology.Topology;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(BrokerExtension.class)
class PublisherBrokerTest {

    private final Topology topology = RuntimeFixture.topology();

    @Test
    void aConfirmedPublishCarriesTheEnvelopeInBodyAndProperties(TestVhost vhost) throws Exception {
        RuntimeFixture.apply(vhost, topology);
        try (Publisher publisher = Publisher.connect(topology, RuntimeFixture.settings(vhost))) {
            PublishReceipt receipt = publisher.publish(READY, Map.of("text", "hello")).get(10, TimeUnit.SECONDS);
            assertEquals(READY, receipt.key());
            assertEquals(topology.exchanges().events(), receipt.exchange());

            try (Connection c = vhost.connectionFactory().newConnection(); Channel ch = c.createChannel()) {
                GetResponse got = ch.basicGet(RuntimeFixture.ARCHIVE.queue(), true);
                assertNotNull(got, "the event reached the subscription queue");
                Envelope envelope = EnvelopeCodec.standard().decode(got.getBody());
                assertEquals(receipt.eventId(), envelope.eventId());
                assertEquals("hello", envelope.payload().get("text").asText());
                assertEquals("runtime-test", envelope.source().app());
                var p = got.getProps();
                assertEquals(receipt.eventId().toString(), p.getMessageId());
                assertEquals(READY, p.getType());
                assertEquals("runtime-test", p.getAppId());
                assertEquals("application/json", p.getContentType());
                assertEquals(2, p.getDeliveryMode());
                assertEquals(envelope.timestamp().getEpochSecond(), p.getTimestamp().getTime() / 1000);
            }
        }
    }

    @Test
    void aCommandWithoutABoundQueueFailsItsFutureAsUnroutable(TestVhost vhost) throws Exception {
        RuntimeFixture.apply(vhost, topology);
        try (Publisher publisher = Publisher.connect(topology, RuntimeFixture.settings(vhost))) {
            CompletableFuture<PublishReceipt> future = publisher.publish(UNWORKED, Map.of("text", "x"));
            ExecutionException e = assertThrows(ExecutionException.class, () -> future.get(10, TimeUnit.SECONDS));
            PublishException failure = assertInstanceOf(PublishException.class, e.getCause());
            assertEquals(PublishException.Reason.UNROUTABLE, failure.reason());
            assertTrue(failure.getMessage().contains(UNWORKED), failure.getMessage());
            // The next publish on the same channel is unaffected.
            publisher.publish(TRANSCRIBE, Map.of("media_file", "a")).get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void aMessageTheBrokerRefusesFailsItsFutureAsNacked(TestVhost vhost) throws Exception {
        RuntimeFixture.apply(vhost, topology);
        // A full queue that rejects new messages makes the broker nack every publish routed to it.
        try (Connection c = vhost.connectionFactory().newConnection(); Channel ch = c.createChannel()) {
            ch.queueDeclare("full", true, false, false, Map.of("x-max-length", 0, "x-overflow", "reject-publish"));
            ch.queueBind("full", topology.exchanges().events(), READY);
        }
        try (Publisher publisher = Publisher.connect(topology, RuntimeFixture.settings(vhost))) {
            ExecutionException e = assertThrows(ExecutionException.class,
                    () -> publisher.publish(READY, Map.of("text", "x")).get(10, TimeUnit.SECONDS));
            PublishException failure = assertInstanceOf(PublishException.class, e.getCause());
            assertEquals(PublishException.Reason.NACKED, failure.reason());
            assertTrue(failure.getMessage().contains(READY), failure.getMessage());
            assertTrue(failure.getMessage().endsWith("(sent 5 times with the same event id; none was confirmed)"), failure.getMessage());
            assertEquals(4, publisher.resent());
        }
    }

    @Test
    void anEventNobodySubscribesToIsKeptByTheAlternateExchangeNotLost(TestVhost vhost) throws Exception {
        RuntimeFixture.apply(vhost, topology);
        try (Publisher publisher = Publisher.connect(topology, RuntimeFixture.settings(vhost))) {
            publisher.publish(ORPHAN, Map.of("text", "x")).get(10, TimeUnit.SECONDS);
        }
        assertEquals(1, vhost.messageCount(topology.exchanges().unrouted()));
    }

    @Test
    void anInvalidPayloadIsRefusedBeforeSendingWithTheFailingPointer(TestVhost vhost) throws Exception {
        RuntimeFixture.apply(vhost, topology);
        try (Publisher publisher = Publisher.connect(topology, RuntimeFixture.settings(vhost))) {
            InvalidPayloadException e = assertThrows(InvalidPayloadException.class,
                    () -> publisher.publish(UPLOADED, json("{\"media_file\": 3}")));
            assertEquals("#/media_file", e.violations().get(0).pointer());
            IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                    () -> publisher.publish("no.such.thing", Map.of()));
            assertTrue(unknown.getMessage().contains("no.such.thing"), unknown.getMessage());
        }
        assertEquals(0, vhost.messageCount(RuntimeFixture.TRANSCRIBER.queue()));
    }

    @Test
    void manyThreadsPublishThroughOnePublisherAndEveryPublishIsConfirmed(TestVhost vhost) throws Exception {
        RuntimeFixture.apply(vhost, topology);
        int threads = 4, perThread = 500;
        try (Publisher publisher = Publisher.connect(topology, RuntimeFixture.settingsBuilder(vhost).publishWindow(64).build())) {
            List<CompletableFuture<PublishReceipt>> futures = java.util.Collections.synchronizedList(new ArrayList<>());
            List<Thread> started = new ArrayList<>();
            long start = System.nanoTime();
            for (int t = 0; t < threads; t++) {
                Thread thread = new Thread(() -> {
                    for (int i = 0; i < perThread; i++) futures.add(publisher.publish(READY, Map.of("text", "m" + i)));
                });
                thread.start();
                started.add(thread);
            }
            for (Thread thread : started) thread.join();
            CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
            long millis = Duration.ofNanos(System.nanoTime() - start).toMillis();
            System.out.printf("published and confirmed %d messages from %d threads in %d ms (%.0f msg/s)%n",
                    threads * perThread, threads, millis, threads * perThread * 1000.0 / Math.max(1, millis));
            assertEquals(0, publisher.inFlight());
        }
        assertEquals(threads * perThread, vhost.messageCount(RuntimeFixture.ARCHIVE.queue()));
    }

    @Test
    void aFullWindowFailsThePublishAfterTheWindowTimeout(TestVhost vhost) throws Exception {
        RuntimeFixture.apply(vhost, topology);
        // A flow-blocked publisher would be the real case; a window of one with a zero-length wait
        // shows the rule: the second publish, issued before the first is confirmed, is refused.
        RuntimeSettings tight = RuntimeFixture.settingsBuilder(vhost).publishWindow(1).windowTimeout(Duration.ofNanos(1)).build();
        try (Publisher publisher = Publisher.connect(topology, tight)) {
            List<CompletableFuture<PublishReceipt>> futures = new ArrayList<>();
            for (int i = 0; i < 50; i++) futures.add(publisher.publish(READY, Map.of("text", "x")));
            long refused = futures.stream().filter(f -> {
                try {
                    f.get(10, TimeUnit.SECONDS);
                    return false;
                } catch (ExecutionException e) {
                    return ((PublishException) e.getCause()).reason() == PublishException.Reason.WINDOW_FULL;
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            }).count();
            assertTrue(refused > 0, "some publishes found the window full");
            assertEquals(50 - refused, vhost.messageCount(RuntimeFixture.ARCHIVE.queue()));
        }
    }

    @Test
    void publishesInFlightWhenTheConnectionDropsFailAndLaterOnesSucceedAfterRecovery(TestVhost vhost) throws Exception {
        RuntimeFixture.apply(vhost, topology);
        try (Publisher publisher = Publisher.connect(topology, RuntimeFixture.settings(vhost))) {
            publisher.publish(READY, Map.of("text", "before")).get(10, TimeUnit.SECONDS);
            RuntimeFixture.await(Duration.ofSeconds(10), () -> vhost.closeConnections() > 0, "the publisher's connection to show up");
            PublishReceipt after = Await.until(Duration.ofSeconds(20), "publishing to resume after recovery", () -> {
                try {
                    return publisher.publish(READY, Map.of("text", "after")).get(10, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    PublishException failure = assertInstanceOf(PublishException.class, e.getCause());
                    assertEquals(PublishException.Reason.CONNECTION_LOST, failure.reason(), failure.getMessage());
                    return null;
                }
            }, Objects::nonNull);
            assertEquals(READY, after.key(), "the publish after recovery was confirmed");
        }
    }
}
