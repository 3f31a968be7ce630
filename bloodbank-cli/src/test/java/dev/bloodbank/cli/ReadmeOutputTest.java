package dev.bloodbank.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** How the README test compares: what may differ, what may not, and what the failure says. */
class ReadmeOutputTest {

    private final ReadmeOutput output = new ReadmeOutput("bloodbank-test-1a2b", "/tmp/junit-1");

    private static List<ReadmeTour.Expected> shown(String... lines) {
        return java.util.stream.IntStream.range(0, lines.length).mapToObj(i -> new ReadmeTour.Expected(100 + i, lines[i])).toList();
    }

    @Test
    void idsTimesRatesPortsHostsTheVhostAndAlignmentMayDiffer() {
        assertEquals(Optional.empty(), output.difference(
                shown("2026-11-27T14:04:27.160102Z  fireflies.transcript.uploaded  16c5354e-64ef-4a9f-97e3-bddc0961d63e  bloodbank-cli@vm  {}",
                        "Bloodbank will make these changes in vhost 'readme-demo':",
                        "a    0.0   1.5   metrics at http://localhost:9464/metrics"),
                List.of("2026-12-01T06:00:00.1Z  fireflies.transcript.uploaded  854593f7-e672-46c6-b4c0-72137a371af5  bloodbank-cli@ci-runner-7  {}",
                        "Bloodbank will make these changes in vhost 'bloodbank-test-1a2b':",
                        "a 12.25 0.0 metrics at http://localhost:40123/metrics")));
    }

    @Test
    void anElisionStandsForAnyLinesAndTheFirstDifferenceIsNamedByItsReadmeLine() {
        assertEquals(Optional.empty(), output.difference(shown("head", "…", "tail"), List.of("head", "x", "y", "tail")));
        assertEquals(Optional.empty(), output.difference(shown("head", "…"), List.of("head", "x")));
        assertEquals(Optional.of("README.md:101 shows\n    Plan: 134 to create\n  but the command printed (output line 2)\n    Plan: 135 to create"),
                output.difference(shown("head", "Plan: 134 to create"), List.of("head", "Plan: 135 to create")));
        assertEquals(Optional.of("README.md:102 shows (after …)\n    end\n  which the command did not print at all"),
                output.difference(shown("head", "…", "end"), List.of("head", "x")));
        assertEquals(Optional.of("the command printed more than README.md shows after line 100 (end the block with … to elide the rest);"
                + " the next line is\n    extra"), output.difference(shown("head"), List.of("head", "extra")));
        assertEquals(Optional.of("README.md:101 shows\n    more\n  but the output ended before it"),
                output.difference(shown("head", "more"), List.of("head")));
    }

    @Test
    void sessionsFilesAndDirectivesAreFoundInTheMarkdown() {
        ReadmeTour tour = ReadmeTour.parse("""
                Some prose.
                <!-- readme-test: file broken.yaml -->
                ```yaml
                apiVersion: nope
                ```
                ```sh
                $ bloodbank not-a-session   # sh blocks are not run
                ```
                <!-- readme-test: meanwhile bloodbank publish a.b.c --example -->
                ```text
                $ bloodbank tail 'a.#' --count 1
                tailing

                $ echo $?
                0
                ```
                """);
        assertEquals(List.of(new ReadmeTour.FileBlock("broken.yaml", "apiVersion: nope\n")), tour.files());
        assertEquals(1, tour.sessions().size());
        ReadmeTour.Session session = tour.sessions().get(0);
        assertEquals("bloodbank publish a.b.c --example", session.meanwhile());
        assertEquals(List.of(new ReadmeTour.Step(11, "bloodbank tail 'a.#' --count 1", List.of(new ReadmeTour.Expected(12, "tailing"))),
                new ReadmeTour.Step(14, "echo $?", List.of(new ReadmeTour.Expected(15, "0")))), session.steps());
        assertEquals(List.of("bloodbank", "publish", "k", "--json", "{\"a\": 1}", "x y"),
                ReadmeTour.words("bloodbank publish k --json '{\"a\": 1}' \"x y\""));
    }
}
