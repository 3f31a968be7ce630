package dev.bloodbank.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bloodbank.cli.text.Palette;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Command;
import picocli.CommandLine;

class FailuresTest {

    @Command(name = "broken")
    static final class Broken implements Callable<Integer> {
        @Override
        public Integer call() {
            throw new IllegalStateException("the impossible happened");
        }
    }

    @Test
    void unexpectedFailureIsOneLineWithoutAStackTrace() {
        StringWriter err = new StringWriter();

        int code = run(Map.of(), err);

        assertEquals(1, code);
        assertEquals("bloodbank: internal error: java.lang.IllegalStateException: the impossible happened"
                + " (BLOODBANK_DEBUG=1 shows the stack trace)\n", err.toString());
    }

    @Test
    void debugVariableAddsTheStackTrace() {
        StringWriter err = new StringWriter();

        int code = run(Map.of("BLOODBANK_DEBUG", "1"), err);

        assertEquals(1, code);
        assertTrue(err.toString().startsWith("bloodbank: internal error: java.lang.IllegalStateException: the impossible happened\n"), err::toString);
        assertTrue(err.toString().contains("\tat dev.bloodbank.cli.FailuresTest$Broken.call"), err::toString);
    }

    private static int run(Map<String, String> variables, StringWriter err) {
        Failures failures = new Failures(new CliEnvironment(variables, Path.of(""), Palette.PLAIN));
        return new CommandLine(new Broken())
                .setErr(new PrintWriter(err, true))
                .setExecutionExceptionHandler(failures)
                .setExitCodeExceptionMapper(failures)
                .execute();
    }
}
