package dev.bloodbank.cli.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bloodbank.broker.runtime.RuntimeSettings;
import dev.bloodbank.broker.runtime.Tail;
import dev.bloodbank.cli.BloodbankProcess;
import dev.bloodbank.cli.Cli;
import dev.bloodbank.testing.broker.BrokerExtension;
import dev.bloodbank.testing.broker.TestVhost;
import dev.bloodbank.topology.Topology;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(BrokerExtension.class)
class RunCommandTest {

    private static final String SAMPLE = Cli.sampleTopology().toString();
    private static final Pattern METRICS = Pattern.compile("metrics at (http://\\S+/metrics);");

    @Test
    void theExampleServiceRunsFromItsClassesHandlesAnEventServesMetricsAndStopsGracefullyOnSigterm(TestVhost vhost, @TempDir Path work)
            throws Exception {
        Cli.Result applied = Cli.run("apply", "-f", SAMPLE, "--amqp-url", vhost.amqpUrl(), "--management-url", vhost.managementUrl());
        assertEquals(0, applied.exitCode(), applied::toString);
        Path spool = work.resolve("spool");

        try (BloodbankProcess run = BloodbankProcess.start(work, Map.of("TRANSCRIPT_SPOOL_DIR", spool.toString()),
                "run", "--classpath", BloodbankProcess.EXAMPLE_CLASSES.toString(), "-f", SAMPLE,
                "--amqp-url", vhost.amqpUrl(), "--management-url", vhost.managementUrl(), "--metrics-port", "0")) {
            String status = run.nextLine(Duration.ofSeconds(60));
            assertTrue(status.startsWith("transcript-processor is running as transcript-processor on vhost '" + vhost.name()
                    + "': consuming bloodbank.sub.transcript-processor, fireflies.transcripts.work; metrics at http://localhost:"), status);
            assertTrue(status.endsWith("; Ctrl-C stops it once in-flight handlers finish"), status);

            Topology topology = Topology.load(Path.of(SAMPLE));
            try (Tail submitted = Tail.open(topology, List.of("fireflies.transcript.submitted"), false,
                    RuntimeSettings.of(vhost.amqpUrl(), "run-test"))) {
                Cli.Result published = Cli.run("publish", "fireflies.transcript.uploaded", "--example", "-f", SAMPLE, "--amqp-url", vhost.amqpUrl());
                assertEquals(0, published.exitCode(), published::toString);
                Tail.Seen seen = submitted.next(Duration.ofSeconds(30));
                assertNotNull(seen, "the service handled the upload and published fireflies.transcript.submitted");
                assertEquals("transcript-processor", seen.envelope().source().app());
                assertEquals("fireflies.transcript.submitted", seen.envelope().eventType());
            }
            try (Stream<Path> jobs = Files.list(spool)) {
                assertEquals(1, jobs.filter(p -> p.toString().endsWith(".job")).count(), "one job handed to the transcriber");
            }

            Matcher metrics = METRICS.matcher(status);
            assertTrue(metrics.find(), status);
            String scraped = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(metrics.group(1))).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            assertTrue(scraped.contains("bloodbank_messages_consumed_messages_total{key=\"fireflies.transcript.uploaded\","
                    + "kind=\"event\",outcome=\"handled\",service=\"transcript-processor\"} 1.0"), scraped);

            int exit = run.terminate(Duration.ofSeconds(60));
            assertEquals(List.of("transcript-processor stopped: every handler that was running finished and was acknowledged"), run.rest(), "exit " + exit);
        }
    }

    @Test
    void severalApplicationsWithoutServiceOrAnUnknownServiceIsOneLine() {
        Cli.Result several = Cli.run("run", "-f", SAMPLE);
        assertEquals(1, several.exitCode(), several::toString);
        assertEquals("bloodbank: 3 applications found: miswired, needs-credentials, review-requests\n"
                + "  hint: choose one with --service NAME\n", several.err());
        Cli.Result unknown = Cli.run("run", "--service", "review-request", "-f", SAMPLE);
        assertEquals(1, unknown.exitCode(), unknown::toString);
        assertTrue(unknown.err().startsWith("bloodbank: no application 'review-request' found\n  hint: did you mean review-requests?"), unknown.err());
    }

    @Test
    void aBrokerThatCannotBeReachedIsOneLineAndFreesTheMetricsPort() {
        Cli.Result result = Cli.run("run", "--service", "review-requests", "-f", SAMPLE, "--amqp-url", "amqp://guest:guest@127.0.0.1:1/%2F",
                "--metrics-port", "0");
        assertEquals(1, result.exitCode(), result::toString);
        assertTrue(result.err().startsWith("bloodbank: cannot connect to amqp://guest:***@127.0.0.1:1/%2F"), result.err());
        assertTrue(!result.err().contains("\tat "), result.err());
    }

    @Test
    void aMetricsPortThatIsNoPortIsAUsageError() {
        Cli.Result result = Cli.run("run", "--metrics-port", "http", "-f", SAMPLE);
        assertEquals(2, result.exitCode(), result::toString);
        assertTrue(result.err().startsWith("bloodbank: the metrics port 'http' (from --metrics-port) is not a port;"
                + " expected a number from 0 to 65535 (0 picks a free port)\n"), result.err());
    }
}
