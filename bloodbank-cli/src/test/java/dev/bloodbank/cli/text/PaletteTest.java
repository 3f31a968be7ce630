package dev.bloodbank.cli.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bloodbank.cli.Cli;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PaletteTest {

    @ParameterizedTest(name = "terminal={0}, NO_COLOR=''{1}'' -> colour {2}")
    @CsvSource(nullValues = "unset", value = {
        "true,  unset, true",
        "true,  '',    true",
        "true,  1,     false",
        "false, unset, false",
        "false, 1,     false"
    })
    void coloursOnlyATerminalWithoutNoColor(boolean terminal, String noColor, boolean coloured) {
        assertEquals(coloured, Palette.forTerminal(terminal, noColor).enabled());
    }

    @Test
    void plainOutputHasNoEscapeCodes() {
        Cli.Result result = Cli.runIn(Path.of("."), Map.of(), Palette.PLAIN, "list-events", "-f", Cli.sampleTopology().toString());

        assertFalse(result.out().contains("\u001b["), result::out);
    }

    @Test
    void colouredOutputStylesDomainsAndKeys() {
        Cli.Result result = Cli.runIn(Path.of("."), Map.of(), new Palette(true), "list-events", "-f", Cli.sampleTopology().toString());

        assertEquals(0, result.exitCode(), result::toString);
        assertTrue(result.out().startsWith("\u001b[1magent\u001b[0m\n"), result::out);
        assertTrue(result.out().contains("\u001b[36magent.task.assign"), result::out);
    }
}
