package dev.bloodbank.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MainTest {

    @Test
    void versionComesFromTheBuild() {
        Cli.Result result = Cli.run("--version");

        assertEquals(0, result.exitCode(), result::toString);
        String firstLine = result.out().lines().findFirst().orElseThrow();
        assertEquals("bloodbank " + VersionProvider.version(), firstLine);
        assertTrue(firstLine.matches("bloodbank \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?"), firstLine);
        assertTrue(result.out().contains("Java " + System.getProperty("java.version")), result::out);
    }

    @ParameterizedTest(name = "bloodbank {0} --help")
    @ValueSource(strings = {"list-events", "list-commands", "show", "validate", "describe"})
    void everyCommandHasAManualPage(String command) {
        Cli.Result result = Cli.run(command, "--help");

        assertEquals(0, result.exitCode(), result::toString);
        String help = result.out();
        for (String section : new String[] {"Usage: bloodbank " + command, "Description:", "Options:", "Examples:", "Exit codes:"}) {
            assertTrue(help.contains(section), () -> "missing '" + section + "' in\n" + help);
        }
        assertTrue(help.contains("-f, --topology=FILE"), help);
        assertTrue(help.contains("$BLOODBANK_TOPOLOGY"), help);
        assertTrue(help.contains("  0   Success."), help);
        assertTrue(help.contains("  1   Failure"), help);
        assertTrue(help.contains("  2   Usage error"), help);
        assertTrue(help.contains("-h, --help"), help);
        assertTrue(help.contains("-V, --version"), help);
    }

    @Test
    void topLevelHelpListsTheCommands() {
        Cli.Result result = Cli.run("--help");

        assertEquals(0, result.exitCode(), result::toString);
        for (String command : new String[] {"list-events", "list-commands", "show", "validate", "plan", "apply", "publish", "tail", "dlq", "stats", "describe", "help"}) {
            assertTrue(result.out().contains("\n  " + command + " "), () -> command + " missing in\n" + result.out());
        }
        assertTrue(result.out().contains("NO_COLOR"), result::out);
    }

    @Test
    void helpCommandShowsASubcommandsPage() {
        assertEquals(Cli.run("show", "--help").out(), Cli.run("help", "show").out());
    }

    @Test
    void noCommandIsAUsageError() {
        Cli.Result result = Cli.run();

        assertEquals(2, result.exitCode(), result::toString);
        assertTrue(result.err().startsWith("bloodbank: a command is required\n"), result::err);
        assertTrue(result.err().contains("Usage: bloodbank"), result::err);
    }

    @Test
    void unknownCommandIsAUsageErrorWithASuggestion() {
        Cli.Result result = Cli.run("list-event");

        assertEquals(2, result.exitCode(), result::toString);
        assertTrue(result.err().startsWith("bloodbank: Unmatched argument at index 0: 'list-event'\n"), result::err);
        assertTrue(result.err().contains("list-events"), result::err);
        assertTrue(result.err().endsWith("Try 'bloodbank --help' for more information.\n"), result::err);
    }

    @Test
    void unknownOptionIsAUsageErrorWithoutAStackTrace() {
        Cli.Result result = Cli.run("validate", "--strict");

        assertEquals(2, result.exitCode(), result::toString);
        assertEquals("bloodbank: Unknown option: '--strict'\nTry 'bloodbank validate --help' for more information.\n",
                result.err());
        assertEquals("", result.out());
    }

    @Test
    void composedDocumentsAreKeptUnderTheCacheDirectoryTheEnvironmentNames() {
        String home = System.getProperty("user.home");
        assertEquals(java.util.Optional.of(java.nio.file.Path.of(home, ".cache", "bloodbank", "composed")),
                Main.composedDocuments(java.util.Map.of()));
        assertEquals(java.util.Optional.of(java.nio.file.Path.of("/x/bloodbank/composed")),
                Main.composedDocuments(java.util.Map.of("XDG_CACHE_HOME", "/x")));
        assertEquals(java.util.Optional.of(java.nio.file.Path.of("/own/composed")),
                Main.composedDocuments(java.util.Map.of("XDG_CACHE_HOME", "/x", "BLOODBANK_CACHE_DIR", "/own")));
        assertEquals(java.util.Optional.empty(),
                Main.composedDocuments(java.util.Map.of("BLOODBANK_CACHE", "0", "BLOODBANK_CACHE_DIR", "/own")));
    }
}
