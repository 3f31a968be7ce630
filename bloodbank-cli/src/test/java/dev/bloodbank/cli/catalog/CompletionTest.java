package dev.bloodbank.cli.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bloodbank.cli.BloodbankProcess;
import dev.bloodbank.cli.Cli;
import dev.bloodbank.cli.Main;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompletionTest {

    private static final String RUNTIME_TOPOLOGY = Path.of("src", "test", "resources", "runtime", "topology.yaml").toAbsolutePath().toString();

    @TempDir
    static Path dir;

    private static Path script;

    @BeforeAll
    static void writeScript() throws IOException {
        Cli.Result result = Cli.run("completion", "bash");
        assertEquals(0, result.exitCode(), result::toString);
        script = Files.writeString(dir.resolve("bloodbank.bash"), result.out());
    }

    private static String bash(String... lines) throws Exception {
        Process process = new ProcessBuilder("bash", "-c", String.join("\n", lines)).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "bash did not finish");
        assertEquals(0, process.exitValue(), output);
        return output;
    }

    /**
     * What completing the last of {@code words} offers, in a bash that sourced the script and where
     * {@code bloodbank} is this build (a java on this module's class path).
     */
    private static List<String> complete(String... words) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        StringBuilder array = new StringBuilder();
        for (String word : words) array.append(" '").append(word).append("'");
        String output = bash(
                "bloodbank() { '" + java + "' -cp '" + BloodbankProcess.classPath() + "' " + Main.class.getName() + " \"$@\"; }",
                "source '" + script + "'",
                "COMP_WORDS=(" + array + ")",
                "COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 ))",
                "COMP_LINE=\"${COMP_WORDS[*]}\"; COMP_POINT=${#COMP_LINE}",
                "_bloodbank_complete bloodbank \"${COMP_WORDS[COMP_CWORD]}\" \"${COMP_WORDS[COMP_CWORD-1]}\" 2>/dev/null",
                "printf '%s\\n' \"${COMPREPLY[@]}\"");
        return output.isBlank() ? List.of() : output.lines().sorted().toList();
    }

    @Test
    void theBashScriptIsValidAndTheZshOneLoadsBashcompinit() throws Exception {
        bash("bash -n '" + script + "'");
        Cli.Result zsh = Cli.run("completion", "zsh");
        assertEquals(0, zsh.exitCode(), zsh::toString);
        assertTrue(zsh.out().contains("bashcompinit"), "zsh runs the bash functions through bashcompinit");
        assertEquals(2, Cli.run("completion", "fish").exitCode());
    }

    @Test
    void commandsAndOptionsComeFromTheCommandModel() throws Exception {
        assertEquals(List.of("publish"), complete("bloodbank", "pub"));
        assertEquals(List.of("--count", "--event-id"), complete("bloodbank", "dlq", "show", "x", "--").stream().filter(o -> o.equals("--count") || o.equals("--event-id")).toList());
    }

    @Test
    void keysAndConsumerNamesComeFromTheTopologyTheCommandLineNames() throws Exception {
        assertEquals(List.of("fireflies.transcript.uploaded"), complete("bloodbank", "show", "fireflies.transcript.up"));
        assertEquals(List.of("agent.task.assign"), complete("bloodbank", "publish", "-f", RUNTIME_TOPOLOGY, "agent."));
        assertEquals(List.of("agent.task.assign", "agent.task.assigned"), complete("bloodbank", "tail", "fireflies.#", "agent.task.a"));
        assertEquals(List.of("transcript-processor"), complete("bloodbank", "dlq", "replay", "transcript-"));
        // The value of an option is not a key, and a second positional of show is none.
        assertEquals(List.of(), complete("bloodbank", "show", "agent.task.assign", "agent."));
    }

    @Test
    void theHiddenCommandPrintsNamesAndNothingElseEvenForABrokenTopology(@TempDir Path broken) throws Exception {
        Cli.Result keys = Cli.run("__complete", "keys", "-f", RUNTIME_TOPOLOGY);
        assertEquals(0, keys.exitCode(), keys::toString);
        assertTrue(keys.out().lines().toList().containsAll(List.of("fireflies.transcript.uploaded", "agent.task.assign")), keys.out());
        Cli.Result subscriptions = Cli.run("__complete", "subscriptions", "-f", RUNTIME_TOPOLOGY);
        assertEquals(List.of("transcriber"), subscriptions.out().lines().toList());
        Path bad = Files.writeString(broken.resolve("topology.yaml"), "apiVersion: nope\n");
        Cli.Result none = Cli.run("__complete", "keys", "-f", bad.toString());
        assertEquals("", none.out() + none.err());
        assertTrue(!Cli.run("--help").out().contains("__complete"), "hidden from the help");
    }
}
