package dev.bloodbank.broker.runtime;

import static dev.bloodbank.broker.runtime.RuntimeFixture.TRANSCRIBER;
import static dev.bloodbank.broker.runtime.RuntimeFixture.UPLOADED;
import static dev.bloodbank.broker.runtime.RuntimeFixture.await;
import static dev.bloodbank.broker.runtime.RuntimeFixture.consumer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bloodbank.envelope.Envelope;
import dev.bloodbank.flow.FlowListener;
import dev.bloodbank.testing.broker.Await;
import dev.bloodbank.testing.broker.BrokerEndpoint;
import dev.bloodbank.testing.broker.BrokerExtension;
import dev.bloodbank.testing.broker.LocalBrokerControl;
import dev.bloodbank.testing.broker.TestVhost;
import dev.bloodbank.topology.Topology;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A real broker restart (stop_app, start_app) in the middle of a stream. The runtime is started
 * once and never recreated: its publisher and its consumer must come back by themselves.
 */
@ExtendWith(BrokerExtension.class)
class BrokerRestartTest {

    private static final int TOTAL = 300;
    private static final Duration WAIT = Duration.ofSeconds(30);
    private final Topology topology = RuntimeFixture.topology();

    @Test
    @DisplayName("across a broker restart every event is handled, failed publishes are known, and nothing is recreated")
    void aBrokerRestartMidStreamLosesNoEventAndTheRuntimeRecoversByItself(TestVhost vhost) throws Exception {
        LocalBrokerControl broker = LocalBrokerControl.forTestBroker();
        RuntimeFixture.apply(vhost, topology);
        Map<String, AtomicInteger> handled = new ConcurrentHashMap<>();
        AtomicLong lastHandledAt = new AtomicLong();
        AtomicLong brokerBackAt = new AtomicLong(Long.MAX_VALUE);
        AtomicLong firstHandledAfterBack = new AtomicLong();
        var transcriber = consumer("transcriber", TRANSCRIBER, UPLOADED, (envelope, context) -> {
            handled.computeIfAbsent(envelope.payload().get("media_file").asText(), k -> new AtomicInteger()).incrementAndGet();
            long now = System.nanoTime();
            lastHandledAt.set(now);
            if (now > brokerBackAt.get()) firstHandledAfterBack.compareAndSet(0, now);
            Thread.sleep(2);
        });
        AtomicInteger recognisedCopies = new AtomicInteger();
        RuntimeSettings settings = RuntimeFixture.settingsBuilder(vhost).listener(new FlowListener() {
            @Override
            public void duplicate(String service, String key) {
                recognisedCopies.incrementAndGet();
            }
        }).build();

        List<Envelope> envelopes = new ArrayList<>();
        Set<String> confirmed = ConcurrentHashMap.newKeySet();
        Set<String> failed = ConcurrentHashMap.newKeySet();
        long stopAt;
        long stoppedAt;
        long backAt;
        int handledAtStop;
        long start = System.nanoTime();
        try (var app = BloodbankRuntime.start(topology, List.of(transcriber), settings)) {
            Publisher publisher = app.publisher();
            for (int i = 0; i < TOTAL; i++) envelopes.add(publisher.envelope(UPLOADED, Map.of("media_file", "m-" + i), List.of()));
            Thread producer = new Thread(() -> {
                for (Envelope envelope : envelopes) {
                    String id = envelope.payload().get("media_file").asText();
                    try {
                        publisher.publish(envelope).get(10, TimeUnit.SECONDS);
                        confirmed.add(id);
                    } catch (Exception e) {
                        // Not known to be delivered: sent again once the broker is back.
                        failed.add(id);
                    }
                    sleep(15);
                }
            }, "restart-test-producer");
            producer.start();
            await(WAIT, () -> handled.size() >= TOTAL / 5, "a fifth of the stream to be handled");

            handledAtStop = handled.size();
            stopAt = System.nanoTime();
            try {
                broker.stopApp();
            } finally {
                stoppedAt = System.nanoTime();
                // Started in any case: the tests after this one need the broker.
                broker.startApp();
            }
            backAt = System.nanoTime();
            brokerBackAt.set(backAt);
            producer.join(WAIT.toMillis());
            assertFalse(producer.isAlive(), "the producer finished its loop");

            // The user's contract: a failed future means "not known to be delivered", so send it again,
            // as the same envelope, through the same publisher, which must have recovered by itself.
            AtomicLong firstConfirm = new AtomicLong(-1);
            for (Envelope envelope : envelopes) {
                String id = envelope.payload().get("media_file").asText();
                if (!failed.contains(id)) continue;
                Await.until(WAIT, "the publisher to recover and confirm " + id + " sent again", () -> {
                    try {
                        publisher.publish(envelope).get(10, TimeUnit.SECONDS);
                    } catch (ExecutionException | TimeoutException | RuntimeException notYet) {
                        return false;
                    }
                    confirmed.add(id);
                    firstConfirm.compareAndSet(-1, System.nanoTime());
                    return true;
                });
            }
            long firstConfirmAfterBack = firstConfirm.get();
            await(WAIT, () -> handled.size() == TOTAL, "every event to be handled, " + handled.size() + " so far");
            await(WAIT, () -> app.inFlight() == 0, "handlers to finish");
            assertDrained(vhost, TRANSCRIBER.queue());

            int calls = handled.values().stream().mapToInt(AtomicInteger::get).sum();
            long handledAfterBack = lastHandledAt.get() - backAt;
            System.out.printf("broker restart after %d of %d handled: stop_app %d ms, start_app until AMQP and management "
                            + "answer %d ms; %d publishes failed and were sent again; after the broker was back: first "
                            + "confirm %d ms, first event handled %d ms; %d handler calls (%d repeated), %d copies "
                            + "recognised by event id; whole test %d ms%n",
                    handledAtStop, TOTAL, millis(stoppedAt - stopAt), millis(backAt - stoppedAt), failed.size(),
                    firstConfirmAfterBack < 0 ? -1 : millis(firstConfirmAfterBack - backAt),
                    firstHandledAfterBack.get() == 0 ? -1 : millis(firstHandledAfterBack.get() - backAt),
                    calls, calls - TOTAL, recognisedCopies.get(), millis(System.nanoTime() - start));

            assertTrue(handledAtStop < TOTAL, "the broker stopped mid-stream");
            assertFalse(failed.isEmpty(), "publishes during the outage failed their futures instead of vanishing");
            assertTrue(firstConfirmAfterBack > backAt, "the same publisher confirmed publishes after the restart");
            assertTrue(handledAfterBack > 0 && firstHandledAfterBack.get() > 0, "the same consumer handled events after the restart");
            assertEquals(TOTAL, confirmed.size(), "every event confirmed, first time or sent again");
            assertEquals(TOTAL, handled.size(), "every event handled at least once");
            assertEquals(0, vhost.messageCount(TRANSCRIBER.deadLetterQueue()), "nothing dead-lettered");
        }
    }

    @Test
    void restartingABrokerOnAnotherMachineIsRefusedWithWhatToDo() {
        BrokerEndpoint remote = new BrokerEndpoint("rabbit.example.net", 5672, URI.create("http://rabbit.example.net:15672"), "guest", "guest");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> LocalBrokerControl.forEndpoint(remote));
        assertTrue(e.getMessage().contains("needs a broker on this machine"), e.getMessage());
        assertTrue(e.getMessage().contains("rabbit.example.net:5672"), e.getMessage());
        assertTrue(e.getMessage().contains("BLOODBANK_AMQP_URL"), e.getMessage());
    }

    private static void assertDrained(TestVhost vhost, String queue) throws InterruptedException {
        await(WAIT, () -> {
            var q = vhost.queue(queue);
            long ready = q == null || q.get("messages_ready") == null ? -1 : q.get("messages_ready").asLong();
            long unacked = q == null || q.get("messages_unacknowledged") == null ? -1 : q.get("messages_unacknowledged").asLong();
            return ready == 0 && unacked == 0;
        }, queue + " to be empty with nothing unacknowledged");
    }

    private static long millis(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(nanos);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
