package dev.bloodbank.cli.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bloodbank.cli.Cli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShowCommandTest {

    private static final String SAMPLE = Cli.sampleTopology().toString();

    @Test
    void eventTextNamesDescriptionRouteSubscriberQueuesSchemaAndExamples() {
        Cli.Result result = Cli.run("show", "fireflies.transcript.uploaded", "-f", SAMPLE);

        assertEquals(0, result.exitCode(), result::toString);
        String out = result.out();
        assertTrue(out.startsWith("fireflies.transcript.uploaded  event, domain fireflies\n"
                + "A recording was dropped into the watch folder and is ready to be transcribed.\n"), out);
        assertTrue(out.contains("  exchange      bloodbank.events.v1 (topic)\n"), out);
        assertTrue(out.contains("  routing key   fireflies.transcript.uploaded\n"), out);
        assertTrue(out.contains("\n"
                + "  received by   transcript-processor  matches fireflies.transcript.*\n"
                + "  queue         bloodbank.sub.transcript-processor           quorum, prefetch 5, 5 attempts\n"
                + "  retry queues  bloodbank.sub.transcript-processor.retry.1s  waits 1s\n"
                + "                bloodbank.sub.transcript-processor.retry.2s  waits 2s\n"
                + "                bloodbank.sub.transcript-processor.retry.4s  waits 4s\n"
                + "                bloodbank.sub.transcript-processor.retry.8s  waits 8s\n"
                + "  dead letters  bloodbank.sub.transcript-processor.dlq       via bloodbank.dlx.v1\n"
                + "  received by   candystore  matches #\n"
                + "  queue         bloodbank.sub.candystore                     quorum, prefetch 250, 5 attempts\n"), out);
        assertTrue(out.contains("  dead letters  bloodbank.sub.candystore.dlq                 via bloodbank.dlx.v1\n\nSchema\n"), out);
        assertTrue(out.contains("Schema\n  {\n    \"$schema\": \"http://json-schema.org/draft-07/schema#\""), out);
        assertTrue(out.contains("Examples (2)\n  # 1\n  {\n    \"media_file\": \"/recordings/2026-11-27-sync.m4a\","), out);
    }

    @Test
    void commandTextNamesWorkerRetryAndDeadLetterQueues() {
        Cli.Result result = Cli.run("show", "fireflies.transcript.process", "-f", SAMPLE);

        assertEquals(0, result.exitCode(), result::toString);
        String out = result.out();
        assertTrue(out.startsWith("fireflies.transcript.process  command, domain fireflies\n"), out);
        assertTrue(out.contains("  exchange      bloodbank.commands.v1 (topic)\n"), out);
        assertTrue(out.contains("\n"
                + "  worker queue  fireflies.transcripts.work            quorum, prefetch 2, 4 attempts\n"
                + "  retry queues  fireflies.transcripts.work.retry.30s  waits 30s\n"
                + "                fireflies.transcripts.work.retry.1m   waits 1m\n"
                + "                fireflies.transcripts.work.retry.2m   waits 2m\n"
                + "  dead letters  fireflies.transcripts.work.dlq        via bloodbank.dlx.v1\n"), out);
    }

    @Test
    void commandWithoutQueueNameUsesTheDerivedWorkerQueue() {
        Cli.Result result = Cli.run("show", "agent.task.assign", "-f", SAMPLE);

        assertEquals(0, result.exitCode(), result::toString);
        assertTrue(result.out().contains("  worker queue  bloodbank.cmd.agent.task.assign "), result::out);
        assertTrue(result.out().contains("quorum, prefetch 10, 3 attempts"), result::out);
        assertTrue(result.out().contains("bloodbank.cmd.agent.task.assign.retry.1s"), result::out);
        assertTrue(result.out().contains("bloodbank.cmd.agent.task.assign.retry.2s"), result::out);
        assertTrue(result.out().contains("bloodbank.cmd.agent.task.assign.dlq"), result::out);
    }

    @Test
    void eventJsonCarriesRouteSchemaAndExamples() throws Exception {
        Cli.Result result = Cli.run("show", "agent.tool.invoked", "-f", SAMPLE, "-o", "json");

        assertEquals(0, result.exitCode(), result::toString);
        JsonNode json = new ObjectMapper().readTree(result.out());
        assertEquals("agent.tool.invoked", json.get("key").asText());
        assertEquals("event", json.get("kind").asText());
        assertEquals("agent", json.get("domain").asText());
        assertEquals("bloodbank.events.v1", json.at("/route/exchange").asText());
        assertEquals("agent.tool.invoked", json.at("/route/routingKey").asText());
        List<String> roles = new ArrayList<>();
        json.at("/route/queues").forEach(q -> roles.add(q.get("role").asText() + " " + q.get("queue").asText()));
        assertEquals(List.of(
                "subscription bloodbank.sub.candystore",
                "retry bloodbank.sub.candystore.retry.1s",
                "retry bloodbank.sub.candystore.retry.2s",
                "retry bloodbank.sub.candystore.retry.4s",
                "retry bloodbank.sub.candystore.retry.8s",
                "dead-letter bloodbank.sub.candystore.dlq"), roles);
        assertEquals("candystore", json.at("/route/queues/0/service").asText());
        assertEquals("#", json.at("/route/queues/0/matchingPatterns/0").asText());
        assertEquals("bloodbank.sub.candystore", json.at("/route/queues/5/workQueue").asText());
        assertEquals("bloodbank.dlx.v1", json.at("/route/queues/5/exchange").asText());
        assertEquals("object", json.at("/schema/type").asText());
        assertEquals("bash", json.at("/examples/0/tool_name").asText());
    }

    @Test
    void commandJsonListsWorkerThenRetriesThenDeadLetterQueue() throws Exception {
        Cli.Result result = Cli.run("show", "notification.message.send", "-f", SAMPLE, "-o", "json");

        assertEquals(0, result.exitCode(), result::toString);
        JsonNode queues = new ObjectMapper().readTree(result.out()).at("/route/queues");
        List<String> roles = new ArrayList<>();
        queues.forEach(q -> roles.add(q.get("role").asText() + " " + q.get("queue").asText()));
        assertEquals(List.of(
                "worker bloodbank.cmd.notification.message.send",
                "retry bloodbank.cmd.notification.message.send.retry.5s",
                "retry bloodbank.cmd.notification.message.send.retry.15s",
                "dead-letter bloodbank.cmd.notification.message.send.dlq"), roles);
        assertEquals("classic", queues.get(0).get("queueType").asText());
        assertEquals(200, queues.get(0).get("prefetch").asInt());
        assertEquals(15_000, queues.get(2).get("delayMillis").asLong());
        assertEquals("bloodbank.dlx.v1", queues.get(3).get("exchange").asText());
    }

    @Test
    void eventTextShowsTheRetryAndDeadLetterQueuesOfEachSubscriberUnderItsOwnNames(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("topology.yaml"), """
                apiVersion: bloodbank/v1
                exchanges: { deadLetter: shop.dlx }
                events:
                  shop.order.placed:
                    description: An order was placed.
                    schema: { type: object }
                subscriptions:
                  history:
                    events: [ "shop.#" ]
                    queue: history.events
                    retry: { attempts: 1 }
                  billing:
                    events: [ "shop.order.placed", "shop.order.*" ]
                    queueType: classic
                    retry: { attempts: 2, initialDelay: 250ms }
                """);

        Cli.Result result = Cli.run("show", "shop.order.placed", "-f", file.toString());

        assertEquals(0, result.exitCode(), result::toString);
        assertTrue(result.out().contains("\n"
                + "  received by   history  matches shop.#\n"
                + "  queue         history.events                     quorum, prefetch 50, 1 attempt\n"
                + "  dead letters  history.events.dlq                 via shop.dlx\n"
                + "  received by   billing  matches shop.order.placed shop.order.*\n"
                + "  queue         bloodbank.sub.billing              classic, prefetch 50, 2 attempts\n"
                + "  retry queues  bloodbank.sub.billing.retry.250ms  waits 250ms\n"
                + "  dead letters  bloodbank.sub.billing.dlq          via shop.dlx\n\n"), result::out);
    }

    @Test
    void eventNoSubscriptionReceivesSaysWhereTheBrokerKeepsIt(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("topology.yaml"), """
                apiVersion: bloodbank/v1
                events:
                  shop.order.placed:
                    description: An order was placed.
                    schema: { type: object }
                    examples: [ {} ]
                """);

        Cli.Result result = Cli.run("show", "shop.order.placed", "-f", file.toString());

        assertEquals(0, result.exitCode(), result::toString);
        assertTrue(result.out().contains(
                "  received by   no subscription (the broker keeps it on bloodbank.unrouted.v1)\n"), result::out);
        assertTrue(result.out().contains("Examples (1)\n  # 1\n  { }\n"), result::out);
    }

    @Test
    void unknownKeyExitsOneAndSuggestsTheNearestKeys() {
        Cli.Result result = Cli.run("show", "agent.task.asign", "-f", SAMPLE);

        assertEquals(1, result.exitCode(), result::toString);
        assertEquals("", result.out());
        assertEquals("bloodbank: no event or command 'agent.task.asign' in the topology\n"
                + "  hint: did you mean agent.task.assign, agent.task.assigned?\n", result.err());
    }

    @Test
    void unknownKeyFarFromEverythingPointsAtTheListing() {
        Cli.Result result = Cli.run("show", "zzz", "-f", SAMPLE);

        assertEquals(1, result.exitCode(), result::toString);
        assertEquals("bloodbank: no event or command 'zzz' in the topology\n"
                + "  hint: `bloodbank list-events` lists every key\n", result.err());
    }

    @Test
    void missingKeyIsAUsageError() {
        Cli.Result result = Cli.run("show", "-f", SAMPLE);

        assertEquals(2, result.exitCode(), result::toString);
        assertTrue(result.err().startsWith("bloodbank: Missing required parameter: 'KEY'\n"), result::err);
    }
}
