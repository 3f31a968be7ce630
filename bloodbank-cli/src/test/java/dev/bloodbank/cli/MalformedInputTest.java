package dev.bloodbank.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.bloodbank.cli.options.AmqpUrls;
import dev.bloodbank.cli.text.Palette;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Inputs whose form is wrong get one line saying the expected form, never "internal error". */
class MalformedInputTest {

    private static final String SAMPLE = Cli.sampleTopology().toString();
    private static final String AMQP_FORM = "expected " + AmqpUrls.EXPECTED + "\n";

    @DisplayName("a malformed --amqp-url is a usage error naming the expected form")
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "amqp://localhost:5672,,amqp://other:5672 | has an empty entry (number 2); separate nodes with single commas",
        "amqp://a:5672 amqp://b:5672              | holds a space; separate nodes with commas",
        "localhost:5672                          | does not start with amqp:// or amqps://",
        "amqp://guest:secret@host:5672/a/b       | is malformed (Multiple segments in path of AMQP URI: /a/b)",
    })
    void amqpUrlOption(String url, String problem) {
        for (String command : new String[] {"publish", "tail"}) {
            Cli.Result result = command.equals("publish")
                    ? Cli.run("publish", "agent.task.assign", "--example", "-f", SAMPLE, "--amqp-url", url)
                    : Cli.run("tail", "-f", SAMPLE, "--amqp-url", url);
            assertEquals(2, result.exitCode(), result::toString);
            assertEquals("bloodbank: the AMQP URL '" + url.replace("guest:secret@", "***@") + "' (from --amqp-url) " + problem + "; "
                    + AMQP_FORM + "Try 'bloodbank " + command + " --help' for more information.\n", result.err());
            assertFalse(result.err().contains("secret"), result.err());
        }
    }

    @Test
    void amqpUrlFromTheEnvironmentIsNamedAsSuch(@TempDir Path dir) {
        Cli.Result result = Cli.runIn(dir, Map.of("BLOODBANK_AMQP_URL", "amqp://a:5672,,amqp://b:5672"), Palette.PLAIN,
                "publish", "agent.task.assign", "--example", "-f", SAMPLE);
        assertEquals(2, result.exitCode(), result::toString);
        assertEquals("bloodbank: the AMQP URL 'amqp://a:5672,,amqp://b:5672' (from $BLOODBANK_AMQP_URL) has an empty entry (number 2); separate nodes with single commas; "
                + AMQP_FORM + "Try 'bloodbank publish --help' for more information.\n", result.err());
        Cli.Result plan = Cli.runIn(dir, Map.of("BLOODBANK_AMQP_URL", "amqp://a:5672,,amqp://b:5672"), Palette.PLAIN, "plan", "-f", SAMPLE);
        assertEquals(2, plan.exitCode(), plan::toString);
        assertEquals("bloodbank: the AMQP URL 'amqp://a:5672,,amqp://b:5672' (from $BLOODBANK_AMQP_URL) has an empty entry (number 2); separate nodes with single commas; "
                + AMQP_FORM + "Try 'bloodbank plan --help' for more information.\n", plan.err());
    }

    @Test
    void aMalformedManagementUrlIsAUsageErrorNamingWhereItCameFrom(@TempDir Path dir) {
        Cli.Result option = Cli.run("plan", "-f", SAMPLE, "--management-url", "http://a b");
        assertEquals(2, option.exitCode(), option::toString);
        assertEquals("bloodbank: the management URL http://a b is not a valid URL: Illegal character in authority (from --management-url)\n"
                + "Try 'bloodbank plan --help' for more information.\n", option.err());
        Cli.Result variable = Cli.runIn(dir, Map.of("BLOODBANK_MANAGEMENT_URL", "localhost:15672"), Palette.PLAIN, "stats", "-f", SAMPLE);
        assertEquals(2, variable.exitCode(), variable::toString);
        assertEquals("bloodbank: the management URL localhost:15672 must start with http:// or https://, e.g. http://localhost:15672"
                + " (from $BLOODBANK_MANAGEMENT_URL)\nTry 'bloodbank stats --help' for more information.\n", variable.err());
    }

    @Test
    void aPayloadFileThatCannotBeReadIsOneLine(@TempDir Path dir) throws Exception {
        Cli.Result directory = Cli.run("publish", "agent.task.assign", "--json", "@" + dir, "-f", SAMPLE, "--dry-run");
        assertEquals(1, directory.exitCode(), directory::toString);
        assertEquals("bloodbank: cannot read the payload from " + dir + ": Is a directory\n", directory.err());
        Cli.Result missing = Cli.run("publish", "agent.task.assign", "--json", "@" + dir.resolve("nope.json"), "-f", SAMPLE, "--dry-run");
        assertEquals(1, missing.exitCode(), missing::toString);
        assertEquals("bloodbank: the payload file " + dir.resolve("nope.json") + " does not exist\n", missing.err());
        Path latin1 = Files.write(dir.resolve("latin1.json"), new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xE9, '"', '}'});
        Cli.Result notUtf8 = Cli.run("publish", "agent.task.assign", "--json", "@" + latin1, "-f", SAMPLE, "--dry-run");
        assertEquals(1, notUtf8.exitCode(), notUtf8::toString);
        assertEquals("bloodbank: the payload from " + latin1 + " is not UTF-8: byte 0xE9 at offset 6\n"
                + "  hint: JSON travels as UTF-8; convert it first, e.g. iconv -f LATIN1 -t UTF-8\n", notUtf8.err());
    }
}
