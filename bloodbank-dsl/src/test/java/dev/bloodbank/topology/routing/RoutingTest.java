package dev.bloodbank.topology.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bloodbank.topology.Topology;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("Routing: where a key goes")
class RoutingTest {

    private static final String SHOP = """
            apiVersion: bloodbank/v1
            defaults:
              retry: { attempts: 3, initialDelay: 1s, multiplier: 2.0, maxDelay: 60s }
            events:
              shop.order.placed: { description: An order was placed., schema: { type: object } }
              shop.order.cancelled: { description: An order was cancelled., schema: { type: object } }
              shop.payment.failed: { description: A payment failed., schema: { type: object } }
              audit.entry.written: { description: An audit entry was written., schema: { type: object } }
            commands:
              shop.invoice.send:
                description: Send an invoice.
                schema: { type: object }
                worker: { queue: invoices.work, retry: { attempts: 4, initialDelay: 30s, multiplier: 2.0, maxDelay: 5m } }
              shop.order.refund:
                description: Refund an order.
                schema: { type: object }
            subscriptions:
              fulfilment:
                events: [ "shop.order.placed" ]
              order-history:
                events: [ "shop.order.*", "shop.#" ]
                queue: history.events
                retry: { attempts: 1 }
              alerts:
                events: [ "*.*.failed" ]
                queueType: classic
            """;

    @TempDir
    Path dir;

    private Routing load(String yaml) {
        try {
            return Routing.of(Topology.load(Files.writeString(dir.resolve("topology.yaml"), yaml)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A route in one line: each receiving queue with the keys that matched it, or where it is kept when none. */
    private static String render(Route route) {
        if (route.unrouted()) return "unrouted, kept on " + route.keptOn().orElse("nothing");
        return route.receivers().stream()
                .map(r -> r.queue().queue() + " <- " + String.join(" ", r.matchedBy()))
                .collect(Collectors.joining("; "));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            shop.order.placed    | bloodbank.sub.fulfilment <- shop.order.placed; history.events <- shop.order.* shop.#
            shop.order.cancelled | history.events <- shop.order.* shop.#
            shop.payment.failed  | history.events <- shop.#; bloodbank.sub.alerts <- *.*.failed
            audit.entry.written  | unrouted, kept on bloodbank.unrouted.v1
            shop.invoice.send    | invoices.work <- shop.invoice.send
            shop.order.refund    | bloodbank.cmd.shop.order.refund <- shop.order.refund
            """)
    void routesEachKeyToTheQueuesWhoseBindingsMatch(String key, String expected) {
        assertEquals(expected, render(load(SHOP).route(key)));
    }

    @ParameterizedTest(name = "{0} on {1} -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            shop.invoice.send | bloodbank.events.v1   | history.events <- shop.#
            shop.invoice.void | bloodbank.commands.v1 | unrouted, kept on nothing
            shop.order.placed | bloodbank.commands.v1 | unrouted, kept on nothing
            shop.order.placed | elsewhere.v1          | unrouted, kept on nothing
            """)
    void routesByTheExchangeItWasPublishedTo(String key, String exchange, String expected) {
        assertEquals(expected, render(load(SHOP).route(exchange, key)));
    }

    @Test
    void publishesCommandsToTheCommandsExchangeAndEverythingElseToTheEventsExchange() {
        Routing routing = load(SHOP);
        assertEquals("bloodbank.commands.v1", routing.route("shop.invoice.send").exchange());
        assertEquals("bloodbank.events.v1", routing.route("shop.order.placed").exchange());
        assertEquals("bloodbank.events.v1", routing.exchangeOf("not.declared.anywhere"));
    }

    @Test
    void hashReachesEveryEventButNoCommand() {
        Routing routing = load(SHOP + """
                  archive:
                    events: [ "#" ]
                """);
        for (String event : List.of("shop.order.placed", "shop.payment.failed", "audit.entry.written")) {
            Route route = routing.route(event);
            Route.Receiver last = route.receivers().get(route.receivers().size() - 1);
            assertEquals("bloodbank.sub.archive", last.queue().queue(), event);
            assertEquals(List.of("#"), last.matchedBy(), event);
            assertEquals(Optional.empty(), route.keptOn(), event + " is routed");
        }
        assertEquals("invoices.work <- shop.invoice.send", render(routing.route("shop.invoice.send")));
    }

    @Test
    void aCommandReachesItsWorkerQueueWithARetryQueuePerDelayAndItsDeadLetterQueue() {
        ConsumerQueue worker = load(SHOP).route("shop.invoice.send").receivers().get(0).queue();

        assertEquals(new Consumer.Worker("shop.invoice.send"), worker.consumer());
        assertEquals("command shop.invoice.send", worker.consumer().label());
        assertEquals("bloodbank.commands.v1", worker.exchange());
        assertEquals(List.of("shop.invoice.send"), worker.bindingKeys());
        assertEquals(List.of(
                new RetryQueue("invoices.work.retry.30s", Duration.ofSeconds(30), "invoices.work", "bloodbank.retry.v1"),
                new RetryQueue("invoices.work.retry.1m", Duration.ofMinutes(1), "invoices.work", "bloodbank.retry.v1"),
                new RetryQueue("invoices.work.retry.2m", Duration.ofMinutes(2), "invoices.work", "bloodbank.retry.v1")), worker.retryQueues());
        assertEquals(new DeadLetterQueue("invoices.work.dlq", "bloodbank.dlx.v1", "invoices.work"), worker.deadLetterQueue());
    }

    @Test
    void everySubscriberAnEventReachesHasItsOwnRetryAndDeadLetterQueues() {
        List<ConsumerQueue> reached = load(SHOP).route("shop.payment.failed").receivers().stream()
                .map(Route.Receiver::queue).toList();

        ConsumerQueue history = reached.get(0);
        assertEquals(new Consumer.Subscriber("order-history"), history.consumer());
        assertEquals(List.of(), history.retryQueues(), "attempts: 1 means no retry");
        assertEquals(new DeadLetterQueue("history.events.dlq", "bloodbank.dlx.v1", "history.events"), history.deadLetterQueue());

        ConsumerQueue alerts = reached.get(1);
        assertEquals("classic", alerts.settings().queueType().wireName());
        assertEquals(List.of("bloodbank.sub.alerts.retry.1s", "bloodbank.sub.alerts.retry.2s"),
                alerts.retryQueues().stream().map(RetryQueue::queue).toList());
        assertEquals("bloodbank.sub.alerts.dlq", alerts.deadLetterQueue().queue());
    }

    @Test
    void listsConsumerQueuesCommandsFirstEachInDeclarationOrder() {
        assertEquals(List.of("command shop.invoice.send", "command shop.order.refund", "subscription fulfilment",
                        "subscription order-history", "subscription alerts"),
                load(SHOP).consumerQueues().stream().map(q -> q.consumer().label()).toList());
    }

    @Test
    void findsQueuesByTheirCustomNames() {
        Routing routing = load(SHOP);
        assertEquals("order-history", ((Consumer.Subscriber) routing.consumerQueue("history.events").orElseThrow().consumer()).service());
        assertEquals(Duration.ofMinutes(1), routing.retryQueue("invoices.work.retry.1m").orElseThrow().delay());
        assertEquals("invoices.work", routing.retryQueue("invoices.work.retry.1m").orElseThrow().workQueue());
        assertFalse(routing.consumerQueue("bloodbank.sub.order-history").isPresent(), "the declared name replaces the derived one");
        assertFalse(routing.retryQueue("invoices.work.dlq").isPresent());
    }

    @Test
    void usesTheExchangesTheTopologyNames() {
        Routing routing = load(SHOP.replace("apiVersion: bloodbank/v1\n", """
                apiVersion: bloodbank/v1
                exchanges: { events: shop.events, commands: shop.commands, deadLetter: shop.dlx, unrouted: shop.unrouted }
                """));
        assertEquals("unrouted, kept on shop.unrouted", render(routing.route("audit.entry.written")));
        assertEquals("shop.commands", routing.route("shop.invoice.send").exchange());
        assertEquals("shop.dlx", routing.consumerQueue("history.events").orElseThrow().deadLetterQueue().exchange());
        assertTrue(routing.route("bloodbank.events.v1", "shop.order.placed").unrouted(), "the default exchange is not used");
    }
}
