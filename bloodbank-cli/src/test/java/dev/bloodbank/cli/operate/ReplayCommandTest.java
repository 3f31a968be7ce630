package dev.bloodbank.cli.operate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bloodbank.broker.management.BrokerAddress;
import dev.bloodbank.broker.management.ManagementClient;
import dev.bloodbank.broker.reconcile.ApplyOptions;
import dev.bloodbank.broker.reconcile.Reconciler;
import dev.bloodbank.cli.Cli;
import dev.bloodbank.testing.broker.BrokerExtension;
import dev.bloodbank.testing.broker.TestVhost;
import dev.bloodbank.topology.Topology;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(BrokerExtension.class)
@DisplayName("bloodbank replay")
class ReplayCommandTest {

    private static final Path DIR = Path.of("src", "test", "resources", "runtime").toAbsolutePath();
    private static final String TOPOLOGY = DIR.resolve("topology.yaml").toString();
    private static final String UPLOADED = "fireflies.transcript.uploaded";

    private static void applyAndPublish(TestVhost vhost, int events) {
        var report = new Reconciler(new ManagementClient(BrokerAddress.of(vhost.amqpUrl(), vhost.managementUrl())))
                .apply(Topology.load(Path.of(TOPOLOGY)), ApplyOptions.DEFAULT);
        assertTrue(report.succeeded(), report::toString);
        for (int i = 0; i < events; i++)
            assertEquals(0, cli(vhost, "publish", UPLOADED, "--json", "{\"media_file\": \"/rec/" + i + ".m4a\"}").exitCode());
    }

    private static Cli.Result cli(TestVhost vhost, String... args) {
        String[] all = new String[args.length + 4];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "-f";
        all[args.length + 1] = TOPOLOGY;
        all[args.length + 2] = "--amqp-url";
        all[args.length + 3] = vhost.amqpUrl();
        return Cli.runIn(DIR, all);
    }

    @Test
    void showsThePlanThenReplaysWithYes(TestVhost vhost) throws Exception {
        applyAndPublish(vhost, 2);

        Cli.Result plan = cli(vhost, "replay", "--since", "1h", "--to", "transcriber", "--name", "fix-1");
        assertEquals(0, plan.exitCode(), plan::toString);
        assertTrue(plan.out().startsWith("Replay 'fix-1' would send:\n  to      transcriber (queue bloodbank.sub.transcriber)\n"), plan::toString);
        assertTrue(plan.out().contains("  fireflies.transcript.uploaded  2\n  total   2\n"), plan::toString);
        assertTrue(plan.out().endsWith("Nothing was sent: add --yes to replay (--dry-run prints this as JSON).\n"), plan::toString);
        assertEquals(2, vhost.messageCount("bloodbank.sub.transcriber"), "the plan sent nothing");

        JsonNode json = new ObjectMapper().readTree(cli(vhost, "replay", "--since", "1h", "--to", "transcriber", "--name", "fix-1",
                "--dry-run").out());
        assertEquals(2, json.get("total").asLong());
        assertEquals(2, json.get("counts").get(UPLOADED).asLong());
        assertEquals("bloodbank.sub.transcriber", json.get("queue").asText());

        Cli.Result sent = cli(vhost, "replay", "--since", "1h", "--to", "transcriber", "--name", "fix-1", "--yes");
        assertEquals(0, sent.exitCode(), sent::toString);
        assertTrue(sent.out().startsWith("replayed 2 event(s) to bloodbank.sub.transcriber in "), sent::toString);
        assertTrue(sent.err().contains("2/2 sent"), sent::toString);
        assertEquals(4, vhost.messageCount("bloodbank.sub.transcriber"));

        Cli.Result again = cli(vhost, "replay", "--since", "1h", "--to", "transcriber", "--name", "fix-1", "--yes");
        assertTrue(again.out().startsWith("Replay 'fix-1' is complete (2 sent); nothing left to send."), again::toString);
    }

    @Test
    void traceShowsWhatAnEventCausedAndTailSinceReadsTheArchive(TestVhost vhost) throws Exception {
        applyAndPublish(vhost, 0);
        String root = cli(vhost, "publish", UPLOADED, "--json", "{\"media_file\": \"/rec/a.m4a\"}", "--source-app", "uploader")
                .out().trim();
        String child = cli(vhost, "publish", "agent.task.assign", "--json", "{\"task\": \"review\"}", "--source-app", "transcriber",
                "--correlation-id", root).out().trim();

        Cli.Result trace = cli(vhost, "trace", root, "--since", "1h");
        assertEquals(0, trace.exitCode(), trace::toString);
        String[] lines = trace.out().split("\n");
        assertEquals(2, lines.length, trace::toString);
        assertTrue(lines[0].startsWith(UPLOADED + "  ") && lines[0].contains("  uploader  offset 0  " + root), trace::toString);
        assertTrue(lines[1].startsWith("└─ agent.task.assign  ") && lines[1].endsWith("  transcriber  offset 1  " + child), trace::toString);
        JsonNode json = new ObjectMapper().readTree(cli(vhost, "trace", root, "--since", "1h", "-o", "json").out());
        assertEquals(child, json.get("caused").get(0).get("eventId").asText());

        Cli.Result missing = cli(vhost, "trace", "7c1e0d1a-5d2c-4b7e-9a53-2f1c1c0b9a11", "--since", "1h");
        assertEquals(1, missing.exitCode());
        assertTrue(missing.err().contains("is not in the archive since ") && missing.err().contains("(2 events read)"), missing::toString);

        Cli.Result tail = cli(vhost, "tail", "--since", "1h", "--commands", "--count", "2", "--timeout", "20s");
        assertEquals(0, tail.exitCode(), tail::toString);
        String[] tailed = tail.out().split("\n");
        assertTrue(tailed[0].contains(UPLOADED + "  " + root) && tailed[1].contains("command agent.task.assign  " + child), tail::toString);
        Cli.Result eventsOnly = cli(vhost, "tail", "--since", "1h", "--count", "2", "--timeout", "2s");
        assertEquals(1, eventsOnly.exitCode(), "only one event; the command is left out without --commands");
    }

    @Test
    void badInputIsOneLineWithExitOneOrTwo(TestVhost vhost) {
        applyAndPublish(vhost, 0);
        Cli.Result unknown = cli(vhost, "replay", "--since", "1h", "--to", "transcribr");
        assertEquals(1, unknown.exitCode());
        assertTrue(unknown.err().contains("no subscription or command worker 'transcribr'"), unknown::toString);
        assertTrue(unknown.err().contains("did you mean 'transcriber'?"), unknown::toString);

        Cli.Result window = cli(vhost, "replay", "--since", "1h", "--until", "2h", "--to", "transcriber");
        assertEquals(1, window.exitCode());
        assertTrue(window.err().contains("is not after --since"), window::toString);

        Cli.Result pattern = cli(vhost, "replay", "--since", "1h", "--events", "github.#", "--to", "transcriber");
        assertEquals(1, pattern.exitCode());
        assertTrue(pattern.err().contains("--events 'github.#' matches no event or command of the topology"), pattern::toString);

        Cli.Result both = cli(vhost, "replay", "--since", "1h", "--to", "transcriber", "--yes", "--dry-run");
        assertEquals(2, both.exitCode(), both::toString);

        Cli.Result time = cli(vhost, "replay", "--since", "yesterday", "--to", "transcriber");
        assertEquals(1, time.exitCode());
        assertTrue(time.err().contains("--since 'yesterday' is neither a timestamp nor a duration back from now"), time::toString);
    }
}
