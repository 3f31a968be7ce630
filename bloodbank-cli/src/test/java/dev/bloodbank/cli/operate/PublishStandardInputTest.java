package dev.bloodbank.cli.operate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import dev.bloodbank.cli.Cli;
import dev.bloodbank.testing.broker.BrokerExtension;
import dev.bloodbank.testing.broker.TestVhost;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code publish --json -}: the payload piped in, as {@code echo '{…}' | bloodbank publish KEY --json -}. */
@ExtendWith(BrokerExtension.class)
class PublishStandardInputTest {

    private static final String SAMPLE = Cli.sampleTopology().toString();
    private static final String ASSIGN = "agent.task.assign";

    /** Runs the command with {@code stdin} as the process's standard input. */
    private static synchronized Cli.Result withInput(InputStream stdin, String... args) {
        InputStream original = System.in;
        System.setIn(stdin);
        try {
            return Cli.run(args);
        } finally {
            System.setIn(original);
        }
    }

    private static InputStream text(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void thePayloadFromStandardInputIsValidatedAndPublished(TestVhost vhost) throws Exception {
        assertEquals(0, Cli.run("apply", "-f", SAMPLE, "--amqp-url", vhost.amqpUrl(), "--management-url", vhost.managementUrl()).exitCode());
        String payload = "{\"task_id\": \"task-1\", \"agent_name\": \"reviewer\", \"title\": \"Relire\", \"instructions\": \"relire la PR n° 42 — ünïcödé\"}";
        Cli.Result result = withInput(text(payload + "\n"), "publish", ASSIGN, "--json", "-", "-f", SAMPLE, "--amqp-url", vhost.amqpUrl());
        assertEquals(0, result.exitCode(), result::toString);
        try (Connection c = vhost.connectionFactory().newConnection(); Channel ch = c.createChannel()) {
            JsonNode envelope = new ObjectMapper().readTree(ch.basicGet("bloodbank.cmd." + ASSIGN, true).getBody());
            assertEquals(result.out().trim(), envelope.get("event_id").asText());
            assertEquals("relire la PR n° 42 — ünïcödé", envelope.get("payload").get("instructions").asText());
        }
    }

    @Test
    void anEmptyOrInvalidPayloadFromStandardInputIsOneLine() {
        Cli.Result empty = withInput(text(""), "publish", ASSIGN, "--json", "-", "-f", SAMPLE, "--dry-run");
        assertEquals(1, empty.exitCode(), empty::toString);
        assertEquals("bloodbank: the payload from standard input is empty\n", empty.err());
        Cli.Result invalid = withInput(text("{\"agent_name\": 1}"), "publish", ASSIGN, "--json", "-", "-f", SAMPLE, "--dry-run");
        assertEquals(1, invalid.exitCode(), invalid::toString);
        assertTrue(invalid.err().startsWith("bloodbank: the payload breaks the schema of agent.task.assign:\n"), invalid.err());
    }

    @Test
    void bytesThatAreNotUtf8AreRefusedNamingTheFirstBadByte() {
        byte[] latin1 = "{\"agent_name\": \"r\u00e9viseur\"}".getBytes(StandardCharsets.ISO_8859_1);
        Cli.Result result = withInput(new ByteArrayInputStream(latin1), "publish", ASSIGN, "--json", "-", "-f", SAMPLE, "--dry-run");
        assertEquals(1, result.exitCode(), result::toString);
        assertEquals("bloodbank: the payload from standard input is not UTF-8: byte 0xE9 at offset 17\n"
                + "  hint: JSON travels as UTF-8; convert it first, e.g. iconv -f LATIN1 -t UTF-8\n", result.err());
    }

    @Test
    void aPayloadLargerThanAMessageMayBeIsRefusedWithoutReadingItAll() {
        // One byte over the limit; the stream would go on, and reading stops at the limit.
        long[] served = {0};
        InputStream endless = new InputStream() {
            @Override
            public int read() {
                served[0]++;
                return ' ';
            }

            @Override
            public int read(byte[] b, int off, int len) {
                java.util.Arrays.fill(b, off, off + len, (byte) ' ');
                served[0] += len;
                return len;
            }
        };
        Cli.Result result = withInput(endless, "publish", ASSIGN, "--json", "-", "-f", SAMPLE, "--dry-run");
        assertEquals(1, result.exitCode(), result::toString);
        assertEquals("bloodbank: the payload from standard input is larger than 128 MiB,"
                + " the largest message the broker accepts by default (max_message_size)\n", result.err());
        assertTrue(served[0] <= PayloadText.MAX_BYTES + 64 * 1024, "read " + served[0] + " bytes");
    }
}
