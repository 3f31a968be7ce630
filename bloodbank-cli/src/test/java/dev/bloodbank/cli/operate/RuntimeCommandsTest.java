package dev.bloodbank.cli.operate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import dev.bloodbank.broker.management.BrokerAddress;
import dev.bloodbank.broker.management.ManagementClient;
import dev.bloodbank.broker.reconcile.ApplyOptions;
import dev.bloodbank.broker.reconcile.Reconciler;
import dev.bloodbank.broker.runtime.BloodbankRuntime;
import dev.bloodbank.broker.runtime.RuntimeSettings;
import dev.bloodbank.cli.Cli;
import dev.bloodbank.cli.CliEnvironment;
import dev.bloodbank.cli.Main;
import dev.bloodbank.cli.text.Palette;
import dev.bloodbank.engine.ConsumerSpec;
import dev.bloodbank.engine.Headers;
import dev.bloodbank.testing.broker.Await;
import dev.bloodbank.testing.broker.BrokerExtension;
import dev.bloodbank.testing.broker.TestVhost;
import dev.bloodbank.topology.Topology;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(BrokerExtension.class)
class RuntimeCommandsTest {

    private static final Path DIR = Path.of("src", "test", "resources", "runtime").toAbsolutePath();
    private static final String TOPOLOGY = DIR.resolve("topology.yaml").toString();
    private static final String UPLOADED = "fireflies.transcript.uploaded";
    private static final String QUEUE = "bloodbank.sub.transcriber";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Topology apply(TestVhost vhost) {
        Topology topology = Topology.load(Path.of(TOPOLOGY));
        var report = new Reconciler(new ManagementClient(BrokerAddress.of(vhost.amqpUrl(), vhost.managementUrl())))
                .apply(topology, ApplyOptions.DEFAULT);
        assertTrue(report.succeeded(), report::toString);
        return topology;
    }

    private static Cli.Result cli(String... args) {
        return Cli.runIn(DIR, args);
    }

    @Test
    void publishValidatesSendsWithConfirmAndPrintsTheEventId(TestVhost vhost) throws Exception {
        apply(vhost);
        UUID cause = UUID.randomUUID();
        Cli.Result result = cli("publish", UPLOADED, "--json", "{\"media_file\": \"/rec/x.m4a\"}", "--source-app", "uploader",
                "--correlation-id", cause.toString(), "-f", TOPOLOGY, "--amqp-url", vhost.amqpUrl());
        assertEquals(0, result.exitCode(), result::toString);
        UUID id = UUID.fromString(result.out().trim());

        try (Connection c = vhost.connectionFactory().newConnection(); Channel ch = c.createChannel()) {
            var got = ch.basicGet(QUEUE, true);
            JsonNode envelope = JSON.readTree(got.getBody());
            assertEquals(id.toString(), envelope.get("event_id").asText());
            assertEquals("uploader", envelope.get("source").get("app").asText());
            assertEquals(cause.toString(), envelope.get("correlation_ids").get(0).asText());
            assertEquals("/rec/x.m4a", envelope.get("payload").get("media_file").asText());
        }
    }

    @Test
    void publishReadsThePayloadFromAFileOrTheTopologysExamples(TestVhost vhost) throws Exception {
        apply(vhost);
        assertEquals(0, cli("publish", UPLOADED, "--json", "@payload.json", "-f", TOPOLOGY, "--amqp-url", vhost.amqpUrl()).exitCode());
        // An existing absolute path too: picocli's own @argument-file expansion must not take it.
        Cli.Result absolute = cli("publish", UPLOADED, "--json", "@" + DIR.resolve("payload.json"), "-f", TOPOLOGY, "--amqp-url", vhost.amqpUrl());
        assertEquals(0, absolute.exitCode(), absolute::toString);
        assertEquals(0, cli("publish", UPLOADED, "--example", "2", "-f", TOPOLOGY, "--amqp-url", vhost.amqpUrl()).exitCode());
        assertEquals(0, cli("publish", UPLOADED, "--example", "-f", TOPOLOGY, "--amqp-url", vhost.amqpUrl()).exitCode());
        assertEquals(4, vhost.messageCount(QUEUE));
    }

    @Test
    void anInvalidPayloadExitsOneNamingTheFailingPath() {
        Cli.Result result = cli("publish", UPLOADED, "--json", "{\"media_file\": 7}", "-f", TOPOLOGY, "--amqp-url", "amqp://nowhere:1");
        assertEquals(1, result.exitCode(), result::toString);
        assertTrue(result.err().contains("breaks the schema of " + UPLOADED), result.err());
        assertTrue(result.err().contains("#/media_file: expected type: String, found: Integer"), result.err());
    }

    @Test
    void badPayloadArgumentsAreClearErrors() {
        Cli.Result notJson = cli("publish", UPLOADED, "--json", "{media_file", "-f", TOPOLOGY);
        assertEquals(1, notJson.exitCode(), notJson::toString);
        assertTrue(notJson.err().contains("the payload from --json is not JSON"), notJson.err());
        Cli.Result noExample = cli("publish", UPLOADED, "--example", "3", "-f", TOPOLOGY);
        assertEquals(1, noExample.exitCode());
        assertTrue(noExample.err().contains("has 2 example(s)"), noExample.err());
        Cli.Result both = cli("publish", UPLOADED, "--json", "{}", "--example", "-f", TOPOLOGY);
        assertEquals(2, both.exitCode(), both::toString);
        Cli.Result unknown = cli("publish", "fireflies.transcript.uploadd", "--json", "{}", "-f", TOPOLOGY);
        assertEquals(1, unknown.exitCode());
        assertTrue(unknown.err().contains("did you mean " + UPLOADED), unknown.err());
    }

    @Test
    void dryRunPrintsTheEnvelopeAndSendsNothing() throws Exception {
        Cli.Result result = cli("publish", UPLOADED, "--example", "--dry-run", "-f", TOPOLOGY, "--amqp-url", "amqp://nowhere:1");
        assertEquals(0, result.exitCode(), result::toString);
        JsonNode envelope = JSON.readTree(result.out());
        assertEquals(UPLOADED, envelope.get("event_type").asText());
        assertEquals("/recordings/a.m4a", envelope.get("payload").get("media_file").asText());
        assertEquals("bloodbank-cli", envelope.get("source").get("app").asText());
    }

    @Test
    void aCommandWithoutABoundQueueIsUnroutableAndExitsOne(TestVhost vhost) throws Exception {
        apply(vhost);
        try (Connection c = vhost.connectionFactory().newConnection(); Channel ch = c.createChannel()) {
            // a broker that lacks the command: neither its worker queue nor the archive takes the key
            ch.queueUnbind("bloodbank.cmd.agent.task.assign", "bloodbank.commands.v1", "agent.task.assign");
            ch.queueUnbind("bloodbank.archive.v1", "bloodbank.commands.v1", "agent.task.assign");
        }
        Cli.Result result = cli("publish", "agent.task.assign", "--example", "-f", TOPOLOGY, "--amqp-url", vhost.amqpUrl());
        assertEquals(1, result.exitCode(), result::toString);
        assertTrue(result.err().contains("unroutable"), result.err());
        assertTrue(result.err().contains("agent.task.assign"), result.err());
    }

    @Test
    void anUnreachableBrokerIsOneLineNotAStackTrace() {
        Cli.Result result = cli("publish", UPLOADED, "--example", "-f", TOPOLOGY, "--amqp-url", "amqp://guest:secret@127.0.0.1:1/x");
        assertEquals(1, result.exitCode(), result::toString);
        assertTrue(result.err().startsWith("bloodbank: cannot connect to amqp://guest:***@127.0.0.1:1/x"), result.err());
        assertTrue(!result.err().contains("secret") && !result.err().contains("\tat "), result.err());
    }

    @Test
    void tailPrintsWhatIsPublishedAndExitsAfterCount(TestVhost vhost) throws Exception {
        apply(vhost);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int[] code = {-1};
        Thread tail = new Thread(() -> code[0] = Main.run(new CliEnvironment(Map.of(), DIR, Palette.PLAIN),
                new PrintWriter(out), new PrintWriter(err),
                "tail", "fireflies.#", "agent.#", "--commands", "--count", "2", "--timeout", "20s", "-o", "json",
                "-f", TOPOLOGY, "--amqp-url", vhost.amqpUrl()));
        tail.start();
        Await.until(Duration.ofSeconds(10), "tail to start consuming", () -> err.toString().contains("tailing"));
        String first = cli("publish", UPLOADED, "--example", "-f", TOPOLOGY, "--amqp-url", vhost.amqpUrl()).out().trim();
        cli("publish", "agent.task.assign", "--example", "-f", TOPOLOGY, "--amqp-url", vhost.amqpUrl());
        tail.join(20_000);

        assertEquals(0, code[0], out + "\n" + err);
        String[] lines = out.toString().trim().split("\n");
        assertEquals(2, lines.length, out.toString());
        assertEquals(first, JSON.readTree(lines[0]).get("event_id").asText());
        assertEquals("agent.task.assign", JSON.readTree(lines[1]).get("event_type").asText());
        assertEquals(1, vhost.messageCount(QUEUE), "tailing took nothing from the subscription");
    }

    @Test
    void tailPrintsTextLinesAndExitsOneWhenTheTimeoutComesBeforeTheCount(TestVhost vhost) {
        apply(vhost);
        Cli.Result result = cli("tail", "--count", "1", "--timeout", "300ms", "-f", TOPOLOGY, "--amqp-url", vhost.amqpUrl());
        assertEquals(1, result.exitCode(), result::toString);
        assertTrue(result.err().contains("timed out after PT0.3S with 0 of 1 messages"), result.err());
        Cli.Result badDuration = cli("tail", "--timeout", "soon", "-f", TOPOLOGY);
        assertEquals(2, badDuration.exitCode());
        assertTrue(badDuration.err().contains("'soon' is not a duration"), badDuration.err());
    }

    @Test
    void dlqListShowAndReplayWithoutLosingMessages(TestVhost vhost) throws Exception {
        Topology topology = apply(vhost);
        AtomicInteger calls = new AtomicInteger();
        AtomicInteger healed = new AtomicInteger();
        ConsumerSpec failing = new ConsumerSpec("transcriber", topology.subscription("transcriber").orElseThrow().queue(),
                Map.of(UPLOADED, (envelope, context) -> {
                    calls.incrementAndGet();
                    if (!envelope.payload().get("media_file").asText().endsWith("healed")) throw new IllegalStateException("codec missing");
                    healed.incrementAndGet();
                }), Set.of());
        RuntimeSettings settings = RuntimeSettings.of(vhost.amqpUrl(), "transcriber");
        try (var app = BloodbankRuntime.start(topology, List.of(failing), settings);
                Connection c = vhost.connectionFactory().newConnection(); Channel ch = c.createChannel()) {
            cli("publish", UPLOADED, "--json", "{\"media_file\": \"/rec/one.m4a\"}", "-f", TOPOLOGY, "--amqp-url", vhost.amqpUrl());
            ch.basicPublish("bloodbank.events.v1", UPLOADED, new AMQP.BasicProperties.Builder().messageId("poison-1").build(),
                    "not json".getBytes());
            waitFor("2 messages in the dead-letter queue", () -> count(vhost, QUEUE + ".dlq") == 2);
        }

        Cli.Result list = cli("dlq", "list", "transcriber", "-f", TOPOLOGY, "--amqp-url", vhost.amqpUrl());
        assertEquals(0, list.exitCode(), list::toString);
        assertTrue(list.out().startsWith("bloodbank.sub.transcriber.dlq: 2 messages\n"), list.out());
        assertTrue(list.out().contains("handler-failed"), list.out());
        assertTrue(list.out().contains("IllegalStateException: codec missing"), list.out());
        assertTrue(list.out().contains("invalid-json"), list.out());
        // A quorum queue applies the browse's requeue asynchronously: the messages come back, not at once.
        waitFor("2 messages in the dead-letter queue", () -> count(vhost, QUEUE + ".dlq") == 2);

        Cli.Result json = cli("dlq", "list", "transcriber", "-o", "json", "-f", TOPOLOGY, "--amqp-url", vhost.amqpUrl());
        JsonNode listed = JSON.readTree(json.out());
        assertEquals(2, listed.get("count").asInt());
        JsonNode failed = listed.get("messages").get(0).get("reason").asText().equals("handler-failed")
                ? listed.get("messages").get(0) : listed.get("messages").get(1);
        assertEquals(2, failed.get("attempts").asInt(), "two attempts, the topology's limit");
        assertEquals("codec missing", failed.get("errorMessage").asText());

        Cli.Result show = cli("dlq", "show", "transcriber", "--count", "2", "-f", TOPOLOGY, "--amqp-url", vhost.amqpUrl());
        assertEquals(0, show.exitCode(), show::toString);
        assertTrue(show.out().contains("  reason        handler-failed\n"), show.out());
        assertTrue(show.out().contains("  attempts      2\n"), show.out());
        assertTrue(show.out().contains("  came from     bloodbank.events.v1 / " + UPLOADED + " → " + QUEUE), show.out());
        assertTrue(show.out().contains("java.lang.IllegalStateException: codec missing"), show.out());
        assertTrue(show.out().contains("\"media_file\" : \"/rec/one.m4a\"") || show.out().contains("\"media_file\": \"/rec/one.m4a\""), show.out());
        assertTrue(show.out().contains("    not json"), show.out());
        // A quorum queue applies the browse's requeue asynchronously: the messages come back, not at once.
        waitFor("2 messages in the dead-letter queue", () -> count(vhost, QUEUE + ".dlq") == 2);

        // Replay the poison message only: it fails again at once and comes back; the queue keeps the other.
        Cli.Result replayOne = cli("dlq", "replay", "transcriber", "--event-id", "poison-1", "-f", TOPOLOGY, "--amqp-url", vhost.amqpUrl());
        assertEquals(0, replayOne.exitCode(), replayOne::toString);
        assertTrue(replayOne.out().contains("replayed poison-1"), replayOne.out());
        assertTrue(replayOne.out().contains("1 replayed, 1 left in bloodbank.sub.transcriber.dlq"), replayOne.out());
        assertEquals(1, vhost.messageCount(QUEUE), "the replayed copy waits in the work queue");
        try (Connection c = vhost.connectionFactory().newConnection(); Channel ch = c.createChannel()) {
            var replayed = ch.basicGet(QUEUE, true);
            assertEquals("not json", new String(replayed.getBody()));
            assertEquals(null, replayed.getProps().getHeaders().get(Headers.ATTEMPT), "the attempt count starts again");
            assertEquals(null, replayed.getProps().getHeaders().get(Headers.REASON));
        }
        Cli.Result missing = cli("dlq", "show", "transcriber", "--event-id", "nope", "-f", TOPOLOGY, "--amqp-url", vhost.amqpUrl());
        assertEquals(1, missing.exitCode());
        Cli.Result unknown = cli("dlq", "list", "transcribr", "-f", TOPOLOGY, "--amqp-url", vhost.amqpUrl());
        assertEquals(1, unknown.exitCode());
        assertTrue(unknown.err().contains("did you mean transcriber?"), unknown.err());
    }

    @Test
    void aMessageDeadLetteredByHandReadsWithoutItsHeaders(TestVhost vhost) throws Exception {
        apply(vhost);
        try (Connection c = vhost.connectionFactory().newConnection(); Channel ch = c.createChannel()) {
            ch.confirmSelect();
            // moved by hand: no reason, an attempt count that is not one, no origin
            ch.basicPublish("", QUEUE + ".dlq", new AMQP.BasicProperties.Builder()
                    .headers(Map.of(Headers.ATTEMPT, "many")).build(), "moved by hand".getBytes());
            ch.waitForConfirmsOrDie(5_000);
        }

        Cli.Result list = cli("dlq", "list", "transcriber", "-o", "json", "-f", TOPOLOGY, "--amqp-url", vhost.amqpUrl());
        assertEquals(0, list.exitCode(), list::toString);
        JsonNode message = JSON.readTree(list.out()).get("messages").get(0);
        assertEquals("unknown", message.get("reason").asText());
        assertEquals(0, message.get("attempts").asInt());
        assertTrue(message.get("originalQueue").isNull(), message::toString);
        waitFor("the message back in the dead-letter queue", () -> count(vhost, QUEUE + ".dlq") == 1);

        Cli.Result show = cli("dlq", "show", "transcriber", "-f", TOPOLOGY, "--amqp-url", vhost.amqpUrl());
        assertEquals(0, show.exitCode(), show::toString);
        assertTrue(show.out().contains("  reason        unknown\n"), show.out());
        assertTrue(show.out().contains("  attempts      0\n"), show.out());
        assertTrue(show.out().contains("  came from     ? / ? → ?\n"), show.out());
        assertTrue(show.out().contains("    moved by hand"), show.out());
        waitFor("the message back in the dead-letter queue", () -> count(vhost, QUEUE + ".dlq") == 1);

        // without an original queue, a replay sends it to the consumer's own work queue
        Cli.Result replay = cli("dlq", "replay", "transcriber", "-f", TOPOLOGY, "--amqp-url", vhost.amqpUrl());
        assertEquals(0, replay.exitCode(), replay::toString);
        assertTrue(replay.out().contains("1 replayed, 0 left"), replay.out());
        assertEquals(1, vhost.messageCount(QUEUE));
    }

    @Test
    void replayedMessagesAreHandledOnceTheHandlerIsFixed(TestVhost vhost) throws Exception {
        Topology topology = apply(vhost);
        java.util.concurrent.atomic.AtomicBoolean fixed = new java.util.concurrent.atomic.AtomicBoolean();
        AtomicInteger handled = new AtomicInteger();
        ConsumerSpec spec = new ConsumerSpec("transcriber", topology.subscription("transcriber").orElseThrow().queue(),
                Map.of(UPLOADED, (envelope, context) -> {
                    if (!fixed.get()) throw new IllegalStateException("not yet");
                    handled.incrementAndGet();
                }), Set.of());
        try (var app = BloodbankRuntime.start(topology, List.of(spec), RuntimeSettings.of(vhost.amqpUrl(), "transcriber"))) {
            for (int i = 0; i < 3; i++) cli("publish", UPLOADED, "--example", "-f", TOPOLOGY, "--amqp-url", vhost.amqpUrl());
            waitFor("3 messages in the dead-letter queue", () -> count(vhost, QUEUE + ".dlq") == 3);
            fixed.set(true);
            Cli.Result replay = cli("dlq", "replay", "transcriber", "--count", "2", "-f", TOPOLOGY, "--amqp-url", vhost.amqpUrl());
            assertEquals(0, replay.exitCode(), replay::toString);
            assertTrue(replay.out().contains("2 replayed, 1 left"), replay.out());
            waitFor("2 replayed messages handled", () -> handled.get() == 2);
        }
        assertEquals(1, vhost.messageCount(QUEUE + ".dlq"));
    }

    private static long count(TestVhost vhost, String queue) {
        try {
            return vhost.messageCount(queue);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static void waitFor(String what, Await.Condition condition) {
        Await.until(Duration.ofSeconds(20), what + " (messages lost?)", condition);
    }
}
