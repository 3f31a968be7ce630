package dev.bloodbank.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bloodbank.testing.broker.BrokerEndpoint;
import dev.bloodbank.testing.broker.TestBroker;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The end-to-end harness on a few hundred messages: it runs both clients, reports, and cleans up. */
@DisplayName("end-to-end benchmark harness")
class EndToEndSmokeTest {

    @TempDir
    Path dir;

    @Test
    void runsTheThreeClientsInAVhostOfItsOwnAndWritesTheReport() throws Exception {
        BrokerEndpoint broker = TestBroker.endpoint();
        Path out = dir.resolve("results").resolve("e2e.json");
        E2eOptions options = E2eOptions.parse("--messages", "300", "--warmup", "100", "--warmup-passes", "1", "--rounds", "1",
                "--queue-type", "classic", "--amqp-url", broker.amqpUrl("ignored"), "--management-url",
                broker.managementUrl(), "--out", out.toString(), "--timeout", "60");
        ByteArrayOutputStream log = new ByteArrayOutputStream();

        E2eReport report = EndToEnd.run(options, new PrintStream(log, true, StandardCharsets.UTF_8));
        report.write(out);

        String printed = log.toString(StandardCharsets.UTF_8);
        assertTrue(printed.contains("round 1  raw"), printed);
        assertTrue(printed.contains("round 1  spring"), printed);
        assertTrue(printed.contains("round 1  bloodbank"), printed);
        JsonNode json = new ObjectMapper().readTree(out.toFile());
        assertEquals(300, json.at("/settings/messages").asInt());
        assertEquals("classic", json.at("/settings/queueType").asText());
        assertTrue(json.at("/median/raw/throughput").asDouble() > 0, json::toString);
        assertTrue(json.at("/median/bloodbank/throughput").asDouble() > 0, json::toString);
        assertTrue(json.at("/median/spring/throughput").asDouble() > 0, json::toString);
        assertTrue(json.at("/median/spring/clientCpuMicrosPerMessage").asDouble() > 0, json::toString);
        assertTrue(json.at("/ratios/throughputBloodbankToSpring/ratio").asDouble() > 0, json::toString);
        assertTrue(json.at("/machine/loadAverageAtStart").isNumber(), json::toString);
        assertTrue(json.at("/median/bloodbank/p99Millis").asDouble() >= json.at("/median/bloodbank/p50Millis").asDouble());
        assertEquals(3, json.get("runs").size());
        assertEquals(1, json.at("/settings/warmupPassesAtMost").asInt());
        assertTrue(json.at("/runs/0/jitMillis").isIntegralNumber(), json::toString);
        assertTrue(printed.contains("warmup 1 raw") && printed.contains("us/msg   JIT "), printed);
        assertTrue(report.summary().contains("throughput bloodbank / spring"), report::summary);
        String text = java.nio.file.Files.readString(E2eReport.textFile(out));
        assertTrue(text.contains("round 1  spring") && text.contains("client CPU per msg bloodbank / raw"), text);
        String vhost = printed.substring(printed.indexOf("vhost ") + 6, printed.indexOf(','));
        assertEquals(null, TestBroker.management().get("vhosts/" + vhost), "the benchmark deletes its vhost");
    }

    @Test
    void rejectsBadOptionsWithWhatIsWrong() {
        assertEquals("--messages must be at least 1, was 0",
                assertThrows(E2eOptions.UsageException.class, () -> E2eOptions.parse("--messages", "0")).getMessage());
        assertEquals("--window takes a whole number, was 'many'",
                assertThrows(E2eOptions.UsageException.class, () -> E2eOptions.parse("--window", "many")).getMessage());
        assertEquals("--queue-type is quorum or classic, was 'stream'",
                assertThrows(E2eOptions.UsageException.class, () -> E2eOptions.parse("--queue-type", "stream")).getMessage());
        assertEquals("--clients takes raw, spring and bloodbank, comma-separated, was 'raw,kafka'",
                assertThrows(E2eOptions.UsageException.class, () -> E2eOptions.parse("--clients", "raw,kafka")).getMessage());
        assertEquals("unknown option --fast",
                assertThrows(E2eOptions.UsageException.class, () -> E2eOptions.parse("--fast", "1")).getMessage());
        assertEquals("option --rounds needs a value",
                assertThrows(E2eOptions.UsageException.class, () -> E2eOptions.parse("--rounds")).getMessage());
        assertEquals("--warmup-passes must be at least 1, was 0",
                assertThrows(E2eOptions.UsageException.class, () -> E2eOptions.parse("--warmup-passes", "0")).getMessage());
    }

    @Test
    void eachRoundRotatesTheOrderOfTheClients() {
        E2eOptions options = E2eOptions.parse();
        assertEquals(java.util.List.of("raw", "spring", "bloodbank"), options.order(1));
        assertEquals(java.util.List.of("spring", "bloodbank", "raw"), options.order(2));
        assertEquals(java.util.List.of("bloodbank", "raw", "spring"), options.order(3));
        assertEquals(java.util.List.of("bloodbank", "raw"), E2eOptions.parse("--clients", "bloodbank,raw").order(2));
    }

    @Test
    void rawBodiesAreValidJsonCarryingTheirStamp() throws Exception {
        RawBody body = RawBody.standard();
        byte[] stamped = body.stamp(1_234_567_890_123L);
        assertEquals(1_234_567_890_123L, RawBody.sentNanos(stamped));
        JsonNode tree = new ObjectMapper().readTree(stamped);
        assertEquals(1_234_567_890_123L, tree.get("sent_nanos").asLong());
        assertTrue(body.size() >= 900 && body.size() <= 1200, "about 1 KB, was " + body.size());
        assertTrue(BenchTopology.load().message(BenchTopology.KEY).orElseThrow().schema().validate(tree).isEmpty(),
                "the raw body is the same payload the Bloodbank run sends");
    }
}
