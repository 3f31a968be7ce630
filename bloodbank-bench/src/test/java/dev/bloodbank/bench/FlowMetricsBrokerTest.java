package dev.bloodbank.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import dev.bloodbank.broker.management.BrokerAddress;
import dev.bloodbank.broker.management.ManagementClient;
import dev.bloodbank.broker.reconcile.ApplyOptions;
import dev.bloodbank.broker.reconcile.Reconciler;
import dev.bloodbank.broker.runtime.Bloodbank;
import dev.bloodbank.broker.runtime.BloodbankRuntime;
import dev.bloodbank.broker.runtime.RuntimeSettings;
import dev.bloodbank.dsl.BloodbankApp;
import dev.bloodbank.dsl.BloodbankBuilder;
import dev.bloodbank.metrics.BloodbankMetrics;
import dev.bloodbank.metrics.MeterNames;
import dev.bloodbank.testing.broker.Await;
import dev.bloodbank.testing.broker.BrokerExtension;
import dev.bloodbank.testing.broker.TestVhost;
import dev.bloodbank.topology.QueueType;
import dev.bloodbank.topology.Topology;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The Micrometer flow listener on a real run: a DSL service consuming from RabbitMQ, the runtime's
 * publisher publishing, a handler that fails for one message, and a body that is not JSON.
 */
@ExtendWith(BrokerExtension.class)
@DisplayName("meters after real traffic on RabbitMQ")
class FlowMetricsBrokerTest {

    private static final String KEY = BenchTopology.KEY;
    private static final String CONSUMER = BenchTopology.SERVICE;
    private static final String PUBLISHER = "metrics-test";
    private static final Duration WAIT = Duration.ofSeconds(60);

    /** Classic queues: quicker to set up than quorum ones, and the meters do not depend on the type. */
    private final Topology topology = BenchTopology.load(QueueType.CLASSIC, 50);

    private void apply(TestVhost vhost) {
        var report = new Reconciler(new ManagementClient(BrokerAddress.of(vhost.amqpUrl(), vhost.managementUrl())))
                .apply(topology, ApplyOptions.DEFAULT);
        assertTrue(report.succeeded(), report::toString);
    }

    private BloodbankApp app() {
        BloodbankBuilder builder = new BloodbankBuilder(topology, CONSUMER);
        builder.stream(KEY, TranscriptCompleted.class).foreach(event -> {
            if (event.payload().jobId().equals("poison")) throw new IllegalStateException("this job always fails");
        });
        return builder.build();
    }

    private static TranscriptCompleted payload(String jobId) {
        TranscriptCompleted t = TranscriptCompleted.sample(BenchClock.now());
        return new TranscriptCompleted(t.sentNanos(), jobId, t.transcriptId(), t.title(), t.durationSeconds(), t.language(),
                t.speakers(), t.summary(), t.actionItems(), t.tags(), t.transcriptUrl(), t.completedAt());
    }

    @Test
    void countsPublishesDeliveriesByOutcomeAndTimesHandlersAndLatency(TestVhost vhost) throws Exception {
        apply(vhost);
        MeterRegistry registry = new SimpleMeterRegistry();
        BloodbankApp app = app();
        try (BloodbankMetrics metrics = BloodbankMetrics.of(topology, PUBLISHER)) {
            metrics.bindTo(registry);
            RuntimeSettings settings = RuntimeSettings.builder(vhost.amqpUrl(), PUBLISHER).listener(metrics.listener()).build();
            try (BloodbankRuntime.Running running = Bloodbank.run(app, settings)) {
                for (int i = 0; i < 20; i++)
                    running.publisher().publish(KEY, app.payloads().tree(payload("job-" + i))).get(10, TimeUnit.SECONDS);
                running.publisher().publish(KEY, app.payloads().tree(payload("poison"))).get(10, TimeUnit.SECONDS);
                try (Connection c = vhost.connectionFactory().newConnection(); Channel ch = c.createChannel()) {
                    ch.basicPublish(topology.exchanges().events(), KEY, new AMQP.BasicProperties(), "not json".getBytes(StandardCharsets.UTF_8));
                }
                await(() -> consumed(registry, KEY, "handled") == 20 && consumed(registry, KEY, "dead_lettered") == 1
                        && consumed(registry, "unknown", "invalid") == 1, "20 handled, 1 dead-lettered, 1 invalid");
            }

            // Consumed, tagged with the consuming service.
            assertEquals(20, consumed(registry, KEY, "handled"));
            assertEquals(2, consumed(registry, KEY, "retried"), "attempts 1 and 2 of the poison message");
            assertEquals(1, consumed(registry, KEY, "dead_lettered"));
            assertEquals(0, consumed(registry, KEY, "duplicate"));
            assertEquals(0, consumed(registry, KEY, "invalid"));
            assertEquals(1, consumed(registry, "unknown", "invalid"), "a body that is not JSON has no key");
            assertEquals(20, registry.get(MeterNames.HANDLER).tags(KEY_AND_CONSUMER).timer().count(), "successful runs only");
            assertEquals(23, registry.get(MeterNames.LATENCY).tags(KEY_AND_CONSUMER).timer().count(),
                    "every delivery that could be read: 20 + the poison message 3 times");
            assertTrue(registry.get(MeterNames.LATENCY).tags(KEY_AND_CONSUMER).timer().max(TimeUnit.MILLISECONDS) >= 0);

            // Published, tagged with the publishing service: the 21 publishes, then the runtime's own
            // moves of failed messages (2 retries and 2 dead letters), all confirmed.
            assertEquals(25, published(registry, "sent"));
            assertEquals(25, published(registry, "confirmed"));
            assertEquals(0, published(registry, "nacked"));
            assertEquals(0, published(registry, "returned"));
            assertEquals(25, registry.get(MeterNames.CONFIRM).tags(Tags.of(MeterNames.TAG_KEY, KEY, MeterNames.TAG_SERVICE, PUBLISHER))
                    .timer().count());
            assertEquals(0, registry.get(MeterNames.IN_FLIGHT).tag(MeterNames.TAG_SERVICE, PUBLISHER).gauge().value());
        }
        assertTrue(registry.getMeters().isEmpty(), "closing the metrics removes every meter it registered: " + registry.getMeters());
    }

    @Test
    void thePrometheusEndpointServesTheMetersOfARealRun(TestVhost vhost) throws Exception {
        apply(vhost);
        BloodbankApp app = app();
        try (BloodbankMetrics metrics = BloodbankMetrics.prometheus(topology, PUBLISHER, 0)) {
            RuntimeSettings settings = RuntimeSettings.builder(vhost.amqpUrl(), PUBLISHER).listener(metrics.listener()).build();
            try (BloodbankRuntime.Running running = Bloodbank.run(app, settings)) {
                for (int i = 0; i < 5; i++)
                    running.publisher().publish(KEY, app.payloads().tree(payload("job-" + i))).get(10, TimeUnit.SECONDS);
                await(() -> consumed(metrics.registry(), KEY, "handled") == 5, "5 handled");
            }
            HttpResponse<String> scrape = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(metrics.scrapeUri()).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, scrape.statusCode());
            String body = scrape.body();
            // Kept for the documentation's example of a real scrape.
            Files.writeString(Path.of("target", "prometheus-scrape-example.txt"), body);
            for (String line : List.of(
                    "bloodbank_messages_published_messages_total{key=\"" + KEY + "\",kind=\"event\",outcome=\"confirmed\",service=\"" + PUBLISHER + "\"} 5.0",
                    "bloodbank_messages_consumed_messages_total{key=\"" + KEY + "\",kind=\"event\",outcome=\"handled\",service=\"" + CONSUMER + "\"} 5.0",
                    "bloodbank_handler_duration_seconds_count{key=\"" + KEY + "\",kind=\"event\",service=\"" + CONSUMER + "\"} 5",
                    "bloodbank_messages_latency_seconds_count{key=\"" + KEY + "\",kind=\"event\",service=\"" + CONSUMER + "\"} 5",
                    "bloodbank_publish_in_flight_messages{service=\"" + PUBLISHER + "\"} 0.0")) {
                assertTrue(body.lines().anyMatch(line::equals), "no line '" + line + "' in\n" + body);
            }
            assertTrue(body.contains("bloodbank_messages_latency_seconds{key=\"" + KEY + "\",kind=\"event\",service=\"" + CONSUMER + "\",quantile=\"0.99\"}"),
                    body);
        }
    }

    private static final Tags KEY_AND_CONSUMER = Tags.of(MeterNames.TAG_KEY, KEY, MeterNames.TAG_SERVICE, CONSUMER);

    private static double consumed(MeterRegistry registry, String key, String outcome) {
        var counter = registry.find(MeterNames.CONSUMED)
                .tags(MeterNames.TAG_KEY, key, MeterNames.TAG_SERVICE, CONSUMER, MeterNames.TAG_OUTCOME, outcome).counter();
        return counter == null ? 0 : counter.count();
    }

    private static double published(MeterRegistry registry, String outcome) {
        return registry.get(MeterNames.PUBLISHED)
                .tags(MeterNames.TAG_KEY, KEY, MeterNames.TAG_SERVICE, PUBLISHER, MeterNames.TAG_OUTCOME, outcome).counter().count();
    }

    private static void await(BooleanSupplier condition, String what) {
        Await.until(WAIT, what, condition::getAsBoolean);
    }
}
