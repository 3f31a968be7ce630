package dev.bloodbank.cli.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import dev.bloodbank.broker.management.BrokerAddress;
import dev.bloodbank.broker.management.ManagementClient;
import dev.bloodbank.broker.runtime.RuntimeSettings;
import dev.bloodbank.cli.Main;
import dev.bloodbank.engine.Failure;
import dev.bloodbank.envelope.Envelope;
import dev.bloodbank.envelope.EnvelopeCodec;
import dev.bloodbank.envelope.Envelopes;
import dev.bloodbank.envelope.Source;
import dev.bloodbank.engine.FailureHeaders;
import dev.bloodbank.testing.broker.TestVhost;
import dev.bloodbank.topology.Topology;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.UUID;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

/** A dashboard serving a small topology applied to a test's own vhost, and what tests do to it. */
final class RunningDashboard implements AutoCloseable {

    static final String TOPOLOGY = """
            apiVersion: bloodbank/v1
            defaults:
              queueType: classic
              retry: { attempts: 2, initialDelay: 1s }
            events:
              shop.order.placed:
                description: An order was placed.
                schema: { type: object }
                examples: [ {} ]
              shop.order.cancelled:
                description: An order was cancelled.
                schema: { type: object }
                examples: [ {} ]
              mail.message.bounced:
                description: A mail bounced; nobody subscribes.
                schema: { type: object }
                examples: [ {} ]
            commands:
              shop.order.ship:
                description: Ship an order.
                schema: { type: object }
                examples: [ {} ]
            subscriptions:
              billing:
                events: [ "shop.order.*" ]
              audit:
                events: [ "shop.order.cancelled" ]
            """;
    static final String BILLING = "bloodbank.sub.billing";
    static final String EVENTS = "bloodbank.events.v1";
    /** The broker's statistics database samples every few seconds; a new column can take longer to show. */
    static final Duration STATISTICS_LAG = Duration.ofSeconds(30);

    private static final ObjectMapper JSON = new ObjectMapper();

    final TestVhost vhost;
    final Dashboard dashboard;
    final Topology topology;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private RunningDashboard(TestVhost vhost, Dashboard dashboard, Topology topology) {
        this.vhost = vhost;
        this.dashboard = dashboard;
        this.topology = topology;
    }

    static RunningDashboard start(TestVhost vhost, Path dir) throws IOException {
        return start(vhost, dir, vhost.managementUrl());
    }

    /** With the dashboard reading the management API at {@code managementUrl} (a relay, say). */
    static RunningDashboard start(TestVhost vhost, Path dir, String managementUrl) throws IOException {
        return start(vhost, dir, managementUrl, null);
    }

    /** On a vhost applied as an earlier Bloodbank applied it: without the retry exchange. */
    static RunningDashboard startWithoutRetryExchange(TestVhost vhost, Path dir) throws IOException {
        return start(vhost, dir, vhost.managementUrl(), "bloodbank.retry.v1");
    }

    private static RunningDashboard start(TestVhost vhost, Path dir, String managementUrl, String deleteExchange) throws IOException {
        Path file = dir.resolve("topology.yaml");
        Files.writeString(file, TOPOLOGY);
        StringWriter out = new StringWriter();
        int applied = Main.run(new PrintWriter(out), new PrintWriter(out), "apply", "-f", file.toString(),
                "--amqp-url", vhost.amqpUrl(), "--management-url", vhost.managementUrl());
        assertEquals(0, applied, out::toString);
        if (deleteExchange != null) {
            try (Connection c = vhost.connectionFactory().newConnection(); Channel ch = c.createChannel()) {
                ch.exchangeDelete(deleteExchange);
            } catch (TimeoutException e) {
                throw new IOException(e);
            }
        }
        Topology topology = Topology.load(file);
        ManagementClient management = new ManagementClient(BrokerAddress.of(vhost.amqpUrl(), managementUrl));
        Dashboard dashboard = Dashboard.start(topology, management, RuntimeSettings.of(vhost.amqpUrl(), "dashboard-test"),
                InetAddress.getLoopbackAddress(), 0, Duration.ofMillis(300));
        return new RunningDashboard(vhost, dashboard, topology);
    }

    String base() {
        return "http://127.0.0.1:" + dashboard.port();
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(base() + path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    JsonNode getJson(String path) throws IOException, InterruptedException {
        HttpResponse<String> r = get(path);
        assertEquals(200, r.statusCode(), r::body);
        return JSON.readTree(r.body());
    }

    /** A POST with these headers (name, value, name, value…) and body. */
    HttpResponse<String> post(String path, String body, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base() + path)).POST(HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i < headers.length; i += 2) b.header(headers[i], headers[i + 1]);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Polls {@code /api/flow} until {@code ready} holds. */
    JsonNode awaitFlow(Predicate<JsonNode> ready) throws Exception {
        long deadline = System.nanoTime() + STATISTICS_LAG.toNanos();
        while (true) {
            JsonNode flow = getJson("/api/flow");
            if (ready.test(flow)) return flow;
            if (System.nanoTime() > deadline) throw new AssertionError("the flow never got there: " + flow);
            Thread.sleep(200);
        }
    }

    static JsonNode queue(JsonNode flow, String name) {
        for (JsonNode q : flow.get("queues")) if (q.get("queue").asText().equals(name)) return q;
        throw new AssertionError("no queue " + name + " in " + flow);
    }

    /** A message dead-lettered by a billing handler that failed with {@code error}, as the runtime would have sent it. */
    void deadLetter(String messageId, String body, String error) throws Exception {
        Map<String, Object> headers = FailureHeaders.forDeadLetter(new HashMap<>(), EVENTS, "shop.order.placed", BILLING,
                "billing", 2, Failure.of(Failure.Reason.HANDLER_FAILED, new IllegalStateException(error)), Instant.now());
        try (Connection c = vhost.connectionFactory().newConnection(); Channel ch = c.createChannel()) {
            ch.confirmSelect();
            ch.basicPublish("bloodbank.dlx.v1", BILLING, true, new AMQP.BasicProperties.Builder().messageId(messageId)
                    .type("shop.order.placed").headers(headers).deliveryMode(2).contentType("application/json").build(),
                    body.getBytes(StandardCharsets.UTF_8));
            ch.waitForConfirmsOrDie(10_000);
        }
    }

    void publish(String key, int count) throws Exception {
        try (Connection c = vhost.connectionFactory().newConnection(); Channel ch = c.createChannel()) {
            ch.confirmSelect();
            for (int i = 0; i < count; i++)
                ch.basicPublish(EVENTS, key, true, new AMQP.BasicProperties.Builder().deliveryMode(2).build(),
                        "{}".getBytes(StandardCharsets.UTF_8));
            ch.waitForConfirmsOrDie(10_000);
        }
    }

    /** Publishes this body as it is, no envelope, to the events exchange. */
    void publishRaw(String key, String body) throws Exception {
        try (Connection c = vhost.connectionFactory().newConnection(); Channel ch = c.createChannel()) {
            ch.confirmSelect();
            ch.basicPublish(EVENTS, key, true, new AMQP.BasicProperties.Builder().deliveryMode(2).build(),
                    body.getBytes(StandardCharsets.UTF_8));
            ch.waitForConfirmsOrDie(10_000);
        }
    }

    static JsonNode parse(String json) throws IOException {
        return JSON.readTree(json);
    }

    /** Publishes one envelope of {@code key} with this payload, caused by {@code causes}; returns it once confirmed. */
    Envelope publishEnvelope(String key, String payloadJson, UUID... causes) throws Exception {
        Envelope envelope = Envelopes.create(key, JSON.readTree(payloadJson), Source.service("dashboard-test"), List.of(causes));
        try (Connection c = vhost.connectionFactory().newConnection(); Channel ch = c.createChannel()) {
            ch.confirmSelect();
            ch.basicPublish(EVENTS, key, false, new AMQP.BasicProperties.Builder().deliveryMode(2)
                            .messageId(envelope.eventId().toString()).type(key).contentType("application/json")
                            .headers(Map.of("x-test", "dashboard")).build(),
                    EnvelopeCodec.standard().encode(envelope));
            ch.waitForConfirmsOrDie(10_000);
        }
        return envelope;
    }

    /** Polls {@code path} until {@code ready} holds. */
    JsonNode awaitJson(String path, Predicate<JsonNode> ready) throws Exception {
        long deadline = System.nanoTime() + STATISTICS_LAG.toNanos();
        while (true) {
            JsonNode body = getJson(path);
            if (ready.test(body)) return body;
            if (System.nanoTime() > deadline) throw new AssertionError(path + " never got there: " + body);
            Thread.sleep(100);
        }
    }

    /** Waits until the dashboard follows the archive, so that what is published from now on is read live. */
    void awaitFollowing() throws Exception {
        awaitJson("/api/keys", keys -> keys.get("following").asBoolean());
    }

    @Override
    public void close() {
        dashboard.close();
    }
}
