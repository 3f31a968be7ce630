package dev.bloodbank.cli.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bloodbank.broker.runtime.Bloodbank;
import dev.bloodbank.broker.runtime.BloodbankRuntime;
import dev.bloodbank.broker.runtime.RuntimeSettings;
import dev.bloodbank.dsl.BloodbankBuilder;
import dev.bloodbank.envelope.Envelope;
import dev.bloodbank.testing.broker.BrokerExtension;
import dev.bloodbank.testing.broker.TestVhost;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(BrokerExtension.class)
@DisplayName("bloodbank dashboard: the archive's API on a real broker")
class ArchiveApiTest {

    @TempDir
    Path dir;

    private static JsonNode key(JsonNode keys, String name) {
        for (JsonNode k : keys.get("keys")) if (k.get("key").asText().equals(name)) return k;
        return null;
    }

    private static List<String> ids(JsonNode events) {
        List<String> out = new ArrayList<>();
        for (JsonNode e : events.get("events")) out.add(e.get("eventId").asText());
        return out;
    }

    private static String encoded(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    @Test
    @DisplayName("/api/keys counts each key from the archive, with unrouted events and latency of events read live")
    void keyFigures(TestVhost vhost) throws Exception {
        try (RunningDashboard d = RunningDashboard.start(vhost, dir)) {
            d.awaitJson("/api/keys", k -> k.get("following").asBoolean() && k.get("retriesCounted").asBoolean());
            for (int i = 0; i < 3; i++) d.publishEnvelope("shop.order.placed", "{\"n\":" + i + "}");
            d.publishEnvelope("mail.message.bounced", "{}");
            JsonNode keys = d.awaitJson("/api/keys", k -> key(k, "shop.order.placed") != null
                    && key(k, "shop.order.placed").get("total").asLong() == 3 && key(k, "mail.message.bounced") != null);
            JsonNode placed = key(keys, "shop.order.placed");
            assertEquals(15, placed.get("perMinute").size());
            assertEquals(15, keys.get("minuteStarts").size());
            assertEquals(0, placed.get("unrouted").asLong());
            assertEquals(3, placed.get("latencySamples").asLong());
            assertTrue(placed.get("p50Millis").asLong() <= placed.get("p99Millis").asLong(), placed::toString);
            assertEquals(0, placed.get("retried").asLong(), "nobody consumes, nothing retried");
            assertEquals(1, key(keys, "mail.message.bounced").get("unrouted").asLong(), "nobody subscribes to mail.message.bounced");
            JsonNode lastTwo = key(d.getJson("/api/keys?minutes=2"), "shop.order.placed");
            assertEquals(2, lastTwo.get("perMinute").size());
            assertEquals(3, lastTwo.get("total").asLong(), "the three were published within the last two minutes");
        }
    }

    @Test
    @DisplayName("/api/keys counts the dead letters of each key as the runtime sends them, beside the dead-letter queue's copy")
    void deadLettersPerKey(TestVhost vhost) throws Exception {
        try (RunningDashboard d = RunningDashboard.start(vhost, dir)) {
            d.awaitJson("/api/keys", k -> k.get("following").asBoolean() && k.get("deadLettersCounted").asBoolean());
            BloodbankBuilder billing = new BloodbankBuilder(d.topology, "billing");
            billing.stream("shop.order.*").foreach(event -> {});
            try (BloodbankRuntime.Running running = Bloodbank.run(billing.build(),
                    RuntimeSettings.of(vhost.amqpUrl(), "billing"))) {
                // not JSON: the runtime dead-letters it at once, retrying cannot fix it
                d.publishRaw("shop.order.cancelled", "not json");
                d.publishRaw("shop.order.cancelled", "{ nor this");
                d.publishEnvelope("shop.order.placed", "{}");
                JsonNode keys = d.awaitJson("/api/keys", k -> key(k, "shop.order.cancelled") != null
                        && key(k, "shop.order.cancelled").get("deadLettered").asLong() == 2 && key(k, "shop.order.placed") != null);
                assertEquals(0, key(keys, "shop.order.placed").get("deadLettered").asLong(), "handled, not dead-lettered");
                assertEquals(2, vhost.messageCount(RunningDashboard.BILLING + ".dlq"), "the letters stay in the dead-letter queue");
            }
        }
    }

    @Test
    @DisplayName("/api/keys counts the retries of each key as the runtime sends them through the retry exchange")
    void retriesPerKey(TestVhost vhost) throws Exception {
        try (RunningDashboard d = RunningDashboard.start(vhost, dir)) {
            d.awaitJson("/api/keys", k -> k.get("following").asBoolean() && k.get("retriesCounted").asBoolean());
            AtomicInteger attempts = new AtomicInteger();
            BloodbankBuilder billing = new BloodbankBuilder(d.topology, "billing");
            billing.stream("shop.order.placed").foreach(event -> {
                if (attempts.incrementAndGet() == 1) throw new IllegalStateException("ledger busy");
            });
            try (BloodbankRuntime.Running running = Bloodbank.run(billing.build(),
                    RuntimeSettings.of(vhost.amqpUrl(), "billing"))) {
                d.publishEnvelope("shop.order.placed", "{}");
                JsonNode keys = d.awaitJson("/api/keys", k -> key(k, "shop.order.placed") != null
                        && key(k, "shop.order.placed").get("retried").asLong() == 1 && attempts.get() == 2);
                JsonNode placed = key(keys, "shop.order.placed");
                assertEquals(0, placed.get("deadLettered").asLong(), "handled at the second attempt");
                assertEquals(1, placed.get("total").asLong(), "archived once: a retry is not a new event");
            }
        }
    }

    @Test
    @DisplayName("/api/keys says it is not counting retries on a vhost applied before the retry exchange existed, and still counts dead letters")
    void noRetryExchange(TestVhost vhost) throws Exception {
        try (RunningDashboard d = RunningDashboard.startWithoutRetryExchange(vhost, dir)) {
            d.awaitJson("/api/keys", k -> k.get("following").asBoolean() && k.get("deadLettersCounted").asBoolean());
            d.publishEnvelope("shop.order.placed", "{}");
            JsonNode keys = d.awaitJson("/api/keys", k -> key(k, "shop.order.placed") != null);
            assertFalse(keys.get("retriesCounted").asBoolean());
            assertTrue(key(keys, "shop.order.placed").get("retried").isNull(), "unknown, not 0");
            assertEquals(0, key(keys, "shop.order.placed").get("deadLettered").asLong());
        }
    }

    @Test
    @DisplayName("/api/events filters by key pattern, window and payload text, from the recent events and from the stream")
    void events(TestVhost vhost) throws Exception {
        try (RunningDashboard d = RunningDashboard.start(vhost, dir)) {
            d.awaitFollowing();
            Envelope placed = d.publishEnvelope("shop.order.placed", "{\"note\":\"a needle here\"}");
            Envelope cancelled = d.publishEnvelope("shop.order.cancelled", "{\"note\":\"hay\"}");
            Envelope bounced = d.publishEnvelope("mail.message.bounced", "{\"note\":\"hay\"}");
            JsonNode all = d.awaitJson("/api/events", e -> e.get("events").size() == 3);
            assertEquals("recent", all.get("source").asText());
            assertEquals(List.of(bounced.eventId().toString(), cancelled.eventId().toString(), placed.eventId().toString()), ids(all),
                    "newest first");
            assertEquals(List.of(cancelled.eventId().toString(), placed.eventId().toString()),
                    ids(d.getJson("/api/events?pattern=" + encoded("shop.#"))));
            assertEquals(List.of(placed.eventId().toString()), ids(d.getJson("/api/events?text=NEEDLE")));
            assertEquals(List.of(bounced.eventId().toString()), ids(d.getJson("/api/events?limit=1")));
            assertEquals(List.of(), ids(d.getJson("/api/events?until=" + encoded(placed.timestamp().toString()))),
                    "until is excluded");

            JsonNode newest = d.getJson("/api/events?since=2h&limit=1");
            assertEquals("recent", newest.get("source").asText(), "the newest one is among the recent events, however wide the window");
            assertEquals(List.of(bounced.eventId().toString()), ids(newest));

            JsonNode scanned = d.getJson("/api/events?since=2h&pattern=" + encoded("*.order.*") + "&text=hay");
            assertEquals("archive", scanned.get("source").asText(), "two hours back is older than what the follower keeps");
            assertEquals(List.of(cancelled.eventId().toString()), ids(scanned));
        }
    }

    @Test
    @DisplayName("/api/events/{id} is the whole envelope with its headers; /api/trace/{id} is what it caused")
    void eventAndTrace(TestVhost vhost) throws Exception {
        try (RunningDashboard d = RunningDashboard.start(vhost, dir)) {
            d.awaitFollowing();
            Envelope cause = d.publishEnvelope("shop.order.placed", "{\"order\":42}");
            Envelope effect = d.publishEnvelope("shop.order.cancelled", "{\"order\":42}", cause.eventId());
            d.awaitJson("/api/events", e -> e.get("events").size() == 2);

            JsonNode event = d.getJson("/api/events/" + cause.eventId());
            assertEquals("shop.order.placed", event.get("key").asText());
            assertEquals("dashboard", event.get("headers").get("x-test").asText());
            assertEquals(42, RunningDashboard.parse(event.get("envelope").asText()).get("payload").get("order").asInt());
            assertEquals(cause.eventId().toString(), RunningDashboard.parse(event.get("envelope").asText()).get("event_id").asText());
            assertEquals(cause.eventId().toString(),
                    d.getJson("/api/events/" + effect.eventId()).get("correlationIds").get(0).asText());

            JsonNode trace = d.getJson("/api/trace/" + cause.eventId() + "?since=10m");
            assertEquals(cause.eventId().toString(), trace.get("eventId").asText());
            assertEquals(effect.eventId().toString(), trace.get("caused").get(0).get("eventId").asText());
            assertEquals("shop.order.cancelled", trace.get("caused").get(0).get("key").asText());
        }
    }

    @Test
    @DisplayName("bad parameters are a 400 naming the parameter; an unknown event is a 404 saying how far back it looked")
    void badRequests(TestVhost vhost) throws Exception {
        try (RunningDashboard d = RunningDashboard.start(vhost, dir)) {
            assertRefused(d.get("/api/events?pattern=" + encoded("shop..order")), 400, "pattern 'shop..order'");
            assertRefused(d.get("/api/events?since=yesterday"), 400, "since must be an instant");
            assertRefused(d.get("/api/events?since=1m&until=2m"), 400, "is not after since");
            assertRefused(d.get("/api/events?limit=0"), 400, "limit must be a whole number from 1 to 500");
            assertRefused(d.get("/api/keys?minutes=16"), 400, "minutes must be a whole number from 1 to 15");
            assertRefused(d.get("/api/events/not-an-id"), 400, "'not-an-id' is not an event id");
            assertRefused(d.get("/api/trace/not-an-id"), 400, "is not an event id");
            assertRefused(d.get("/api/events/3d66b816-ec3e-4e8c-bb4c-dc1bb9e21e80?since=5m"), 404, "no event 3d66b816");
            assertRefused(d.get("/api/trace/3d66b816-ec3e-4e8c-bb4c-dc1bb9e21e80?since=5m"), 404, "widen it with ?since=");
            assertRefused(d.post("/api/events", "{}", "Content-Type", "application/json"), 405, "use GET");
        }
    }

    private static void assertRefused(HttpResponse<String> r, int status, String says) throws Exception {
        assertEquals(status, r.statusCode(), r::body);
        String error = RunningDashboard.parse(r.body()).get("error").asText();
        assertTrue(error.contains(says), error);
        assertFalse(error.isBlank());
    }
}
