package dev.bloodbank.broker.runtime;

import static dev.bloodbank.broker.runtime.RuntimeFixture.ARCHIVE;
import static dev.bloodbank.broker.runtime.RuntimeFixture.READY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.GetResponse;
import dev.bloodbank.testing.broker.BrokerEndpoint;
import dev.bloodbank.testing.broker.BrokerExtension;
import dev.bloodbank.testing.broker.LocalBrokerControl;
import dev.bloodbank.testing.broker.TestVhost;
import dev.bloodbank.topology.Topology;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A broker that stops reading the publisher's connection: blocked by a resource alarm, which it
 * says, or silent, behind a path that stopped passing data. In neither case may a caller's thread
 * hang, nor a message be lost without its future saying so.
 */
@ExtendWith(BrokerExtension.class)
@DisplayName("a broker that stops reading the publisher's connection")
class PublisherStallBrokerTest {

    private final Topology topology = RuntimeFixture.topology();

    @Test
    @DisplayName("under a memory alarm a publish fails as blocked within the window timeout, and nothing written is lost")
    void aMemoryAlarmFailsNewPublishesAsBlockedAndTheWrittenOneArrivesWhenItClears(TestVhost vhost) throws Exception {
        LocalBrokerControl broker = LocalBrokerControl.forTestBroker();
        RuntimeFixture.apply(vhost, topology);
        RuntimeSettings settings = RuntimeFixture.settingsBuilder(vhost)
                .windowTimeout(Duration.ofSeconds(1)).confirmTimeout(Duration.ofSeconds(60)).build();
        try (Publisher publisher = Publisher.connect(topology, settings)) {
            publisher.publish(READY, Map.of("text", "before")).get(10, TimeUnit.SECONDS);
            CompletableFuture<PublishReceipt> written;
            try (LocalBrokerControl.MemoryAlarm alarm = broker.raiseMemoryAlarm()) {
                // The broker reads this one and then stops reading: it tells the connection that it is blocked.
                written = publisher.publish(READY, Map.of("text", "written before the block was known"));
                Thread.sleep(500);
                long start = System.nanoTime();
                ExecutionException e = assertThrows(ExecutionException.class,
                        () -> publisher.publish(READY, Map.of("text", "refused")).get(10, TimeUnit.SECONDS));
                long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                PublishException refused = assertInstanceOf(PublishException.class, e.getCause());
                assertEquals(PublishException.Reason.BLOCKED, refused.reason(), refused.getMessage());
                assertTrue(refused.getMessage().contains("low on memory"), refused.getMessage());
                assertTrue(waited >= 900 && waited < 5_000, "refused after the window timeout of 1 s, not sooner nor much later: " + waited + " ms");
                assertEquals(1, vhost.messageCount(ARCHIVE.queue()), "nothing more reached the queue during the alarm");
            }
            written.get(20, TimeUnit.SECONDS);
            publisher.publish(READY, Map.of("text", "after")).get(10, TimeUnit.SECONDS);
            assertEquals(3, vhost.messageCount(ARCHIVE.queue()), "before, written, after; not the refused one");
        }
    }

    @Test
    @DisplayName("a write stuck in a connection that nothing reads is cut after the confirm timeout, and every message arrives")
    void aStalledConnectionIsCutAndEveryPublishIsConfirmedAfterRecovery(TestVhost vhost) throws Exception {
        RuntimeFixture.apply(vhost, topology);
        BrokerEndpoint endpoint = vhost.endpoint();
        // 120 × 64 KB: nearly twice what the client's socket buffer can take (4 MB at most on Linux)
        int messages = 120;
        String large = "x".repeat(64 * 1024);
        try (StallingProxy proxy = new StallingProxy(endpoint.host(), endpoint.amqpPort())) {
            String url = "amqp://" + endpoint.username() + ":" + endpoint.password() + "@127.0.0.1:" + proxy.port()
                    + "/" + java.net.URLEncoder.encode(vhost.name(), java.nio.charset.StandardCharsets.UTF_8);
            RuntimeSettings settings = RuntimeSettings.builder(url, "runtime-test")
                    .recoveryInterval(Duration.ofMillis(250))
                    .windowTimeout(Duration.ofSeconds(2))
                    // the stalled write is cut after this; the resends of 7.5 MB through the proxy on a loaded
                    // machine need it too, so it is not shorter
                    .confirmTimeout(Duration.ofSeconds(10))
                    .build();
            try (Publisher publisher = Publisher.connect(topology, settings)) {
                publisher.publish(READY, Map.of("text", "through the proxy")).get(10, TimeUnit.SECONDS);
                proxy.stallCurrent();

                long start = System.nanoTime();
                List<CompletableFuture<PublishReceipt>> sent = new ArrayList<>();
                for (int i = 0; i < messages; i++) sent.add(publisher.publish(READY, Map.of("text", i + large)));
                long publishing = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
                assertTrue(publishing < 40, "the publishing thread was held " + publishing + " s");

                Set<UUID> confirmed = new HashSet<>();
                for (CompletableFuture<PublishReceipt> future : sent) confirmed.add(future.get(60, TimeUnit.SECONDS).eventId());
                assertEquals(messages, confirmed.size(), "every publish confirmed");
                assertTrue(publisher.resent() > 0, "the publishes cut short were sent again");

                Set<UUID> arrived = new HashSet<>();
                try (Connection c = vhost.connectionFactory().newConnection(); Channel ch = c.createChannel()) {
                    for (GetResponse got; (got = ch.basicGet(ARCHIVE.queue(), true)) != null; )
                        arrived.add(UUID.fromString(got.getProps().getMessageId()));
                }
                assertTrue(arrived.containsAll(confirmed), "every confirmed publish is in the queue (resends may add copies, "
                        + "which consumers drop by event id); missing " + (messages - confirmed.stream().filter(arrived::contains).count()));
            }
        }
    }
}
