package dev.bloodbank.broker.reconcile;

import static dev.bloodbank.broker.reconcile.Brokers.describe;
import static dev.bloodbank.broker.reconcile.Brokers.reconciler;
import static dev.bloodbank.broker.reconcile.TestTopology.topology;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import dev.bloodbank.broker.reconcile.ApplyReport.Status;
import dev.bloodbank.testing.broker.BrokerExtension;
import dev.bloodbank.testing.broker.TestVhost;
import dev.bloodbank.topology.Archive;
import dev.bloodbank.topology.Topology;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(BrokerExtension.class)
@DisplayName("The archive stream on RabbitMQ")
class ArchiveApplyTest {

    private static final String STREAM = Archive.DEFAULT_STREAM;

    private static Topology withArchive(Archive archive) {
        return topology().event("github.pull-request.merged").event("meeting.recording.archived").command("agent.task.assign")
                .subscription("reviewer", "github.#").build().withArchive(archive);
    }

    @Test
    void everyEventAndCommandLandsInTheArchiveOnceIncludingThoseNoSubscriptionReceives(TestVhost vhost) throws Exception {
        Reconciler reconciler = reconciler(vhost);
        ApplyReport report = reconciler.apply(withArchive(Archive.DEFAULT), ApplyOptions.DEFAULT);
        assertTrue(report.succeeded(), describe(report));
        assertEquals("stream", vhost.queue(STREAM).get("type").asText());

        List<String> sent = List.of("github.pull-request.merged:1", "meeting.recording.archived:2", "agent.task.assign:3",
                "github.pull-request.merged:4", "end.marker.sent:5");
        try (Connection c = vhost.connectionFactory().newConnection(); Channel ch = c.createChannel()) {
            ch.confirmSelect();
            for (String s : sent) {
                String key = s.substring(0, s.indexOf(':'));
                String exchange = key.startsWith("agent.") ? "bloodbank.commands.v1" : "bloodbank.events.v1";
                ch.basicPublish(exchange, key, new AMQP.BasicProperties.Builder().deliveryMode(2).build(),
                        s.getBytes(StandardCharsets.UTF_8));
            }
            ch.waitForConfirmsOrDie(10_000);
        }

        // The last message, no subscription wants it either, closes the read: anything archived twice lies before it.
        assertEquals(sent, readUntil(vhost, "end.marker.sent:5"));
        assertEquals(2, vhost.messageCount("bloodbank.sub.reviewer"), "the subscription got its two events");
        assertEquals(2, vhost.messageCount("bloodbank.unrouted.v1"), "the events nobody wants are still kept as unrouted");
        assertTrue(reconciler.plan(withArchive(Archive.DEFAULT), false).isEmpty(), "a second apply plans nothing");
    }

    @Test
    void retentionIsAPolicyVisibleOnTheBrokerAndChangesInPlace(TestVhost vhost) throws Exception {
        Reconciler reconciler = reconciler(vhost);
        assertTrue(reconciler.apply(withArchive(Archive.DEFAULT), ApplyOptions.DEFAULT).succeeded());
        awaitPolicy(vhost, "604800s");
        JsonNode policy = effectivePolicy(vhost);
        assertEquals("604800s", policy.get("max-age").asText());
        assertEquals(5_000_000_000L, policy.get("max-length-bytes").asLong());

        Topology shorter = withArchive(Archive.DEFAULT.withRetention(Duration.ofHours(36), 2_000_000_000L));
        Plan plan = reconciler.plan(shorter, false);
        assertEquals(1, plan.changes().size(), plan.changes().toString());
        assertTrue(plan.changes().get(0) instanceof Change.Update u && u.desired() instanceof Policy);
        assertTrue(reconciler.apply(shorter, ApplyOptions.DEFAULT).succeeded());
        awaitPolicy(vhost, "129600s");
        assertEquals(2_000_000_000L, effectivePolicy(vhost).get("max-length-bytes").asLong());
    }

    @Test
    void keepEventsBindsOnlyTheEventsAndUnroutedExchanges(TestVhost vhost) {
        Reconciler reconciler = reconciler(vhost);
        assertTrue(reconciler.apply(withArchive(Archive.DEFAULT.withKeep(Archive.Keep.EVENTS)), ApplyOptions.DEFAULT).succeeded());

        List<String> sources = new ArrayList<>();
        vhost.management().get("queues/" + dev.bloodbank.testing.broker.ManagementHttp.segment(vhost.name()) + "/" + STREAM + "/bindings")
                .forEach(b -> { if (!b.get("source").asText().isEmpty()) sources.add(b.get("source").asText()); });
        assertEquals(List.of("bloodbank.events.v1", "bloodbank.unrouted.v1"), sources);
    }

    @Test
    void applyNeverDeletesAStreamWithHistoryNotEvenWithPruneOrRecreate(TestVhost vhost) throws Exception {
        Reconciler reconciler = reconciler(vhost);
        assertTrue(reconciler.apply(withArchive(Archive.DEFAULT), ApplyOptions.DEFAULT).succeeded());
        Brokers.publish(vhost, "bloodbank.events.v1", "github.pull-request.merged", 3);

        ApplyReport pruned = reconciler.apply(withArchive(Archive.OFF),
                ApplyOptions.DEFAULT.withPrune(true).withAllowRecreate(true));
        ApplyReport.Outcome kept = pruned.outcomes().stream()
                .filter(o -> o.change().object().display().equals("queue " + STREAM)).findFirst().orElseThrow();
        assertEquals(Status.REFUSED, kept.status(), describe(pruned));
        assertTrue(kept.detail().contains("apply never deletes one"), kept.detail());
        assertEquals("stream", vhost.queue(STREAM).get("type").asText());
        assertEquals(3, readUntilCount(vhost, 3).size(), "its history is intact");
    }

    private static JsonNode effectivePolicy(TestVhost vhost) {
        return vhost.queue(STREAM).get("effective_policy_definition");
    }

    private static void awaitPolicy(TestVhost vhost, String maxAge) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        // The management API reports a queue's effective policy from statistics, seconds behind.
        while (effectivePolicy(vhost) == null || !maxAge.equals(effectivePolicy(vhost).path("max-age").asText())) {
            if (System.nanoTime() > deadline) throw new AssertionError("policy not applied within 10 s: " + effectivePolicy(vhost));
            Thread.sleep(50);
        }
    }

    private static List<String> readUntil(TestVhost vhost, String last) throws Exception {
        return read(vhost, bodies -> bodies.contains(last));
    }

    private static List<String> readUntilCount(TestVhost vhost, int count) throws Exception {
        return read(vhost, bodies -> bodies.size() >= count);
    }

    /** Reads the stream from its first offset until {@code done} holds for what was read. */
    private static List<String> read(TestVhost vhost, java.util.function.Predicate<List<String>> done) throws Exception {
        List<String> bodies = new ArrayList<>();
        CountDownLatch finished = new CountDownLatch(1);
        try (Connection c = vhost.connectionFactory().newConnection(); Channel ch = c.createChannel()) {
            ch.basicQos(100);
            ch.basicConsume(STREAM, false, Map.of("x-stream-offset", "first"), new DefaultConsumer(ch) {
                @Override
                public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties p, byte[] body)
                        throws java.io.IOException {
                    ch.basicAck(envelope.getDeliveryTag(), false);
                    synchronized (bodies) {
                        bodies.add(new String(body, StandardCharsets.UTF_8));
                        if (done.test(bodies)) finished.countDown();
                    }
                }
            });
            assertTrue(finished.await(10, TimeUnit.SECONDS), "read only " + bodies);
        }
        synchronized (bodies) {
            assertFalse(bodies.isEmpty());
            return List.copyOf(bodies);
        }
    }
}
