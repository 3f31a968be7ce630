package dev.bloodbank.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.bloodbank.engine.DeadLetter;
import dev.bloodbank.envelope.EnvelopeCodec;
import dev.bloodbank.envelope.Envelopes;
import dev.bloodbank.envelope.Source;
import dev.bloodbank.topology.Topology;
import dev.bloodbank.topology.routing.Routing;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The driver's broker on its own: routing, retry queues on the virtual clock, dead letters, unrouted. */
class InMemoryBrokerTest {

    private static final Instant START = Instant.parse("2026-11-27T10:00:00Z");
    private static final Source SOURCE = new Source("test", "test", "test", null);

    private InMemoryBroker broker;

    @BeforeEach
    void load(@TempDir Path dir) throws IOException {
        Topology topology = Topology.load(Files.writeString(dir.resolve("topology.yaml"), """
                apiVersion: bloodbank/v1
                events:
                  shop.order.placed: { description: An order was placed., schema: { type: object } }
                  audit.entry.written: { description: An audit entry was written., schema: { type: object } }
                commands:
                  shop.invoice.send:
                    description: Send an invoice.
                    schema: { type: object }
                    worker: { queue: invoices.work, retry: { attempts: 3, initialDelay: 10s, multiplier: 3.0, maxDelay: 5m } }
                subscriptions:
                  fulfilment:
                    events: [ "shop.order.*" ]
                  history:
                    events: [ "shop.#" ]
                """));
        broker = new InMemoryBroker(Routing.of(topology), Set.of("invoices.work", "bloodbank.sub.fulfilment"), new VirtualClock(START));
    }

    private static byte[] envelope(String key) {
        return EnvelopeCodec.standard().encode(Envelopes.create(key, JsonNodeFactory.instance.objectNode(), SOURCE));
    }

    private List<QueuedMessage> drain() {
        List<QueuedMessage> taken = new ArrayList<>();
        for (var next = broker.next(); next.isPresent(); next = broker.next()) taken.add(next.get());
        return taken;
    }

    @Test
    void anEventReachesConsumedQueuesAsReadyAndKeepsCopiesInTheOthers() {
        broker.publish("bloodbank.events.v1", "shop.order.placed", envelope("shop.order.placed"), Map.of());

        assertEquals(List.of("bloodbank.sub.fulfilment"), drain().stream().map(QueuedMessage::queue).toList());
        assertEquals(List.of("shop.order.placed"), broker.queue("bloodbank.sub.history").stream().map(QueuedMessage::routingKey).toList());
        assertEquals(List.of(), broker.unrouted());
    }

    @Test
    void anEventNoSubscriptionWantsIsKeptAsUnrouted() {
        broker.publish("bloodbank.events.v1", "audit.entry.written", envelope("audit.entry.written"), Map.of());

        assertEquals(List.of("audit.entry.written"), broker.unrouted().stream().map(e -> e.eventType()).toList());
        assertEquals(Optional.empty(), broker.next());
    }

    @Test
    void anUnroutedBodyThatIsNotAnEnvelopeIsRefusedWithTheKey() {
        var e = assertThrows(IllegalArgumentException.class, () ->
                broker.publish("bloodbank.events.v1", "audit.entry.written", "nope".getBytes(StandardCharsets.UTF_8), Map.of()));
        assertTrue(e.getMessage().startsWith("no queue is bound for routing key 'audit.entry.written' and the body is not an envelope"),
                e.getMessage());
    }

    @Test
    void aRetryWaitsItsQueuesDelayOnTheClockThenReturnsToTheWorkQueue() {
        byte[] body = envelope("shop.invoice.send");
        broker.retry(new QueuedMessage("invoices.work.retry.30s", "bloodbank.retry", "invoices.work.retry.30s", body, Map.of("n", 2)), 3);

        PendingRetry pending = broker.retries().get(0);
        assertEquals("invoices.work", pending.workQueue());
        assertEquals(Duration.ofSeconds(30), pending.delay());
        assertEquals(START.plusSeconds(30), pending.dueAt());

        List<List<QueuedMessage>> released = new ArrayList<>();
        broker.advance(Duration.ofSeconds(29), () -> released.add(drain()));
        assertEquals(List.of(), released, "not due yet");

        broker.advance(Duration.ofMinutes(1), () -> released.add(drain()));
        assertEquals(1, released.size());
        QueuedMessage back = released.get(0).get(0);
        assertEquals("invoices.work", back.queue());
        assertEquals("", back.exchange(), "an expired retry goes back through the default exchange");
        assertEquals("invoices.work", back.routingKey(), "dead-lettered by the work queue's name, as the broker does");
        assertEquals(Map.of("n", 2), back.headers());
        assertEquals(START.plusSeconds(89), broker.now());
        assertEquals(Optional.empty(), broker.nextDue());
    }

    @Test
    void aRetryQueueTheTopologyDoesNotDeclareIsAnError() {
        var message = new QueuedMessage("invoices.work.retry.7s", "", "shop.invoice.send", envelope("shop.invoice.send"), Map.of());
        var e = assertThrows(IllegalStateException.class, () -> broker.retry(message, 2));
        assertEquals("the topology has no retry queue invoices.work.retry.7s", e.getMessage());
    }

    @Test
    void aDeadLetterGoesThroughTheDeadLetterExchangeRoutedByItsWorkQueue() {
        broker.deadLetter("invoices.work", envelope("shop.invoice.send"), Map.of("x-bloodbank-reason", "handler-failed"));

        DeadLetter dead = broker.deadLetters().get(0);
        assertEquals("invoices.work.dlq", dead.queue());
        assertEquals("handler-failed", dead.reason());
        assertEquals("shop.invoice.send", dead.envelope().orElseThrow().eventType());
    }

    @Test
    void theClockNeverGoesBack() {
        assertThrows(IllegalArgumentException.class, () -> broker.advance(Duration.ofSeconds(-1), () -> {}));
        assertEquals(START, broker.now());
    }
}
