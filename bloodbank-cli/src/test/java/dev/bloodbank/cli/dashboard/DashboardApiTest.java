package dev.bloodbank.cli.dashboard;

import static dev.bloodbank.cli.dashboard.RunningDashboard.BILLING;
import static dev.bloodbank.cli.dashboard.RunningDashboard.queue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.DefaultConsumer;
import dev.bloodbank.testing.broker.BrokerExtension;
import dev.bloodbank.testing.broker.TestVhost;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(BrokerExtension.class)
@DisplayName("bloodbank dashboard: the JSON API")
class DashboardApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String REPLAY = "/api/dead-letters/replay";

    @TempDir
    Path dir;

    @Test
    @DisplayName("the topology view groups keys by domain with the routing model's receivers")
    void topologyView(TestVhost vhost) throws Exception {
        try (RunningDashboard d = RunningDashboard.start(vhost, dir)) {
            JsonNode graph = d.getJson("/api/topology");
            assertEquals(vhost.name(), graph.get("vhost").asText());
            List<String> domains = new ArrayList<>();
            graph.get("domains").forEach(n -> domains.add(n.get("name").asText()));
            assertEquals(List.of("shop", "mail"), domains);
            JsonNode shop = graph.get("domains").get(0).get("keys");
            assertEquals("shop.order.placed", shop.get(0).get("key").asText());
            assertEquals("[\"bloodbank.sub.billing\"]", shop.get(0).get("receivers").toString());
            assertEquals("[\"bloodbank.sub.billing\",\"bloodbank.sub.audit\"]", shop.get(1).get("receivers").toString());
            JsonNode ship = shop.get(2);
            assertEquals("command", ship.get("kind").asText());
            assertEquals("bloodbank.commands.v1", ship.get("exchange").asText());
            assertEquals("[\"bloodbank.cmd.shop.order.ship\"]", ship.get("receivers").toString());
            JsonNode bounced = graph.get("domains").get(1).get("keys").get(0);
            assertEquals(0, bounced.get("receivers").size());
            assertEquals("bloodbank.unrouted.v1", bounced.get("keptOn").asText());
            assertEquals(3, graph.get("queues").size());
            assertEquals(BILLING + ".dlq", graph.get("queues").get(1).get("deadLetterQueue").asText());
        }
    }

    @Test
    @DisplayName("the flow view shows figures, live consumers, and ready messages with no consumer")
    void flowView(TestVhost vhost) throws Exception {
        try (RunningDashboard d = RunningDashboard.start(vhost, dir)) {
            d.publish("shop.order.placed", 3);
            JsonNode flow = d.awaitFlow(f -> f.get("brokerUp").asBoolean()
                    && queue(f, BILLING).path("ready").asLong() == 3);
            JsonNode billing = queue(flow, BILLING);
            assertEquals("subscription", billing.get("role").asText());
            assertEquals("billing", billing.get("owner").asText());
            assertEquals("[\"NO_CONSUMER\"]", billing.get("highlights").toString());
            assertEquals(BILLING + ".dlq", billing.get("deadLetterQueue").asText());
            assertEquals("bloodbank.unrouted.v1", flow.at("/unrouted/queue").asText());

            try (Connection c = vhost.connectionFactory().newConnection(); Channel ch = c.createChannel()) {
                ch.basicQos(0);
                ch.basicConsume("bloodbank.sub.audit", false, "audit-worker-1", new DefaultConsumer(ch));
                JsonNode live = d.awaitFlow(f -> queue(f, "bloodbank.sub.audit").get("liveConsumers").size() == 1);
                JsonNode consumer = queue(live, "bloodbank.sub.audit").get("liveConsumers").get(0);
                assertEquals("audit-worker-1", consumer.get("tag").asText());
                assertTrue(consumer.get("connection").asText().contains("->"), consumer::toString);
                assertEquals(0, queue(live, BILLING).get("liveConsumers").size());
            }
        }
    }

    @Test
    @DisplayName("dead letters list with error, attempts and payload; a replay with the token empties the queue")
    void deadLettersAndReplay(TestVhost vhost) throws Exception {
        try (RunningDashboard d = RunningDashboard.start(vhost, dir)) {
            d.deadLetter("order-1", "{\"note\":\"<script>alert(1)</script>\"}", "no <b>stock</b>");
            d.deadLetter("order-2", "{}", "timeout");
            JsonNode view = d.getJson("/api/dead-letters?queue=" + BILLING);
            assertEquals(2, view.get("count").asLong());
            assertEquals(BILLING + ".dlq", view.get("deadLetterQueue").asText());
            JsonNode first = view.get("letters").get(0);
            assertEquals("order-1", first.get("messageId").asText());
            assertEquals("handler-failed", first.get("reason").asText());
            assertEquals(2, first.get("attempts").asInt());
            assertEquals("no <b>stock</b>", first.get("errorMessage").asText());
            assertEquals("{\"note\":\"<script>alert(1)</script>\"}", first.get("payload").asText());
            assertEquals(2, vhost.messageCount(BILLING + ".dlq"), "browsing leaves the letters where they are");

            HttpResponse<String> one = d.post(REPLAY, "{\"queue\":\"" + BILLING + "\",\"messageIds\":[\"order-2\"]}",
                    "Content-Type", "application/json", WriteGuard.TOKEN_HEADER, d.dashboard.token());
            assertEquals(200, one.statusCode(), one::body);
            JsonNode report = JSON.readTree(one.body());
            assertEquals("[\"order-2\"]", report.get("replayed").toString());
            assertEquals(1, report.get("remaining").asLong());

            HttpResponse<String> all = d.post(REPLAY, "{\"queue\":\"" + BILLING + "\"}",
                    "Content-Type", "application/json", WriteGuard.TOKEN_HEADER, d.dashboard.token(),
                    "Origin", d.base(), "Sec-Fetch-Site", "same-origin");
            assertEquals(200, all.statusCode(), all::body);
            assertEquals(0, vhost.messageCount(BILLING + ".dlq"));
            assertEquals(2, vhost.messageCount(BILLING), "both letters are back in the work queue");
        }
    }

    @Test
    @DisplayName("a write without the token, with a wrong one, or from another origin is refused and changes nothing")
    void writesAreGuarded(TestVhost vhost) throws Exception {
        try (RunningDashboard d = RunningDashboard.start(vhost, dir)) {
            d.deadLetter("order-1", "{}", "boom");
            String body = "{\"queue\":\"" + BILLING + "\"}";
            String token = d.dashboard.token();
            assertRefused(d.post(REPLAY, body, "Content-Type", "application/json"), 401, "needs the token");
            assertRefused(d.post(REPLAY, body, "Content-Type", "application/json", WriteGuard.TOKEN_HEADER, "guess"), 403, "wrong token");
            assertRefused(d.post(REPLAY, body, "Content-Type", "application/json", WriteGuard.TOKEN_HEADER, token,
                    "Origin", "http://evil.example"), 403, "origin http://evil.example is not this dashboard");
            assertRefused(d.post(REPLAY, body, "Content-Type", "application/json", WriteGuard.TOKEN_HEADER, token,
                    "Sec-Fetch-Site", "cross-site"), 403, "cross-site");
            assertRefused(d.post(REPLAY, body, "Content-Type", "text/plain", WriteGuard.TOKEN_HEADER, token), 415, "JSON body");
            assertEquals(1, vhost.messageCount(BILLING + ".dlq"));
            assertTrue(rawGet(d.dashboard.port(), "evil.example").startsWith("HTTP/1.1 403"),
                    "a rebound host name does not even read");
            assertTrue(rawGet(d.dashboard.port(), "localhost:" + d.dashboard.port()).startsWith("HTTP/1.1 200"));
        }
    }

    @Test
    @DisplayName("bad requests get one clear line and their status")
    void badRequests(TestVhost vhost) throws Exception {
        try (RunningDashboard d = RunningDashboard.start(vhost, dir)) {
            String token = d.dashboard.token();
            assertRefused(d.get("/api/dead-letters?queue=bloodbank.sub.nobody"), 404, "no work queue 'bloodbank.sub.nobody'");
            assertRefused(d.get("/api/dead-letters"), 400, "?queue=");
            assertRefused(d.get("/api/dead-letters?queue=" + BILLING + "&max=lots"), 400, "max must be a whole number");
            assertRefused(d.get("/api/nothing"), 404, "no API at /api/nothing");
            assertRefused(d.post("/api/flow", "{}", "Content-Type", "application/json"), 405, "use GET");
            assertRefused(d.post(REPLAY, "{queue", "Content-Type", "application/json", WriteGuard.TOKEN_HEADER, token), 400, "not JSON");
            assertRefused(d.post(REPLAY, "{\"queue\":\"" + BILLING + "\",\"messageIds\":\"x\"}", "Content-Type", "application/json",
                    WriteGuard.TOKEN_HEADER, token), 400, "must be an array");
            assertEquals(200, d.get("/").statusCode());
            assertEquals(404, d.get("/../pom.xml").statusCode());
        }
    }

    @Test
    @DisplayName("a broker that goes away turns into a problem in the flow view, and the view recovers when it is back")
    void brokerGoneAndBack(TestVhost vhost) throws Exception {
        try (Relay relay = Relay.to(java.net.URI.create(vhost.managementUrl()).getPort());
             RunningDashboard d = RunningDashboard.start(vhost, dir, "http://127.0.0.1:" + relay.port() + "/")) {
            d.awaitFlow(f -> f.get("brokerUp").asBoolean());
            relay.cut();
            JsonNode down = d.awaitFlow(f -> !f.get("brokerUp").asBoolean());
            assertTrue(down.get("problem").asText().contains("cannot reach the RabbitMQ management API"), down::toString);
            assertEquals(3, down.get("queues").size(), "the last figures stay for the page");
            assertEquals(200, d.get("/").statusCode());
            relay.restore();
            JsonNode back = d.awaitFlow(f -> f.get("brokerUp").asBoolean());
            assertFalse(back.hasNonNull("problem"), back::toString);
        }
    }

    private static void assertRefused(HttpResponse<String> r, int status, String says) throws Exception {
        assertEquals(status, r.statusCode(), r::body);
        String error = JSON.readTree(r.body()).get("error").asText();
        assertTrue(error.contains(says), () -> "'" + error + "' does not say '" + says + "'");
    }

    /** A GET with a Host header of our choosing, which the JDK's HTTP clients do not allow. */
    private static String rawGet(int port, String host) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            OutputStream out = socket.getOutputStream();
            out.write(("GET /api/topology HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII)).readLine();
        }
    }
}
